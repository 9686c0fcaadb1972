package org.eto4j.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Results too large to send inline: the frame is the same text as when the result was written in full and then
 * measured, but the encoder stops writing a large result as soon as it is known not to fit.
 */
class LargeResultFramesTest {
    private static final TaskId ID = TaskId.of("abc");
    private static final Instant T = Instant.parse("2026-11-28T21:00:00.123Z");
    private static final int LIMIT = 1024;
    private static final Function<TaskId, URI> URL = id -> URI.create("https://api.example/tasks/" + id + "/result");
    private static final String URL_FRAME = "{\"v\":1,\"type\":\"completed\",\"taskId\":\"abc\",\"seq\":4,"
            + "\"ts\":\"2026-11-28T21:00:00.123Z\",\"resultUrl\":\"https://api.example/tasks/abc/result\"}";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ProtocolV1 byUrl = ProtocolV1.builder().largeResults(LIMIT, URL).build();
    private final ProtocolV1 inlineOnly = ProtocolV1.builder().build();
    private final LegacyFrames legacy = new LegacyFrames(mapper, URL, LIMIT);

    @Test
    void frameOfExactlyTheLimitIsInlineAndOneCharMoreIsSentByUrl() {
        String fits = "x".repeat(LIMIT - inlineOnly.encode(completed("")).length());
        String frame = byUrl.encode(completed(fits));
        assertEquals(LIMIT, frame.length());
        assertEquals(inlineOnly.encode(completed(fits)), frame);
        assertEquals(legacy.encode(completed(fits)), frame);

        String over = fits + "x";
        assertEquals(LIMIT + 1, inlineOnly.encode(completed(over)).length());
        assertEquals(URL_FRAME, byUrl.encode(completed(over)));
        assertEquals(legacy.encode(completed(over)), byUrl.encode(completed(over)));
    }

    @Test
    void theLimitCountsCharsOfTheFrameTextNotUtf8Bytes() {
        String fits = "é".repeat(LIMIT - inlineOnly.encode(completed("")).length());
        String frame = byUrl.encode(completed(fits));
        assertEquals(LIMIT, frame.length());
        assertTrue(frame.getBytes(UTF_8).length > LIMIT, "two UTF-8 bytes per é");
        assertEquals(inlineOnly.encode(completed(fits)), frame);
        assertEquals(URL_FRAME, byUrl.encode(completed(fits + "é")));
    }

    @Test
    void aResultWhoseOwnJsonIsExactlyTheLimitIsSentByUrlBecauseTheFrameIsLarger() {
        String exactly = "y".repeat(LIMIT - 2); // plus the two quotes
        assertEquals(LIMIT, json(exactly).length());
        for (String value : List.of(exactly.substring(1), exactly, exactly + "y")) {
            assertEquals(URL_FRAME, byUrl.encode(completed(value)));
            assertEquals(legacy.encode(completed(value)), byUrl.encode(completed(value)));
        }
    }

    @Test
    void framesAroundTheLimitAreTheSameTextAsWhenTheResultWasWrittenInFull() {
        int inlineFrames = 0;
        int urlFrames = 0;
        List<IntFunction<Object>> shapes = List.of(
                n -> "x".repeat(n),
                n -> "é\"\\\u0001".repeat(n / 4 + 1).substring(0, n),   // escapes and non-ASCII
                n -> ints(n / 2),
                n -> Map.of("rows", ints(n / 3), "name", "z".repeat(n % 7)));
        for (IntFunction<Object> shape : shapes) {
            for (int n = LIMIT - 400; n <= LIMIT + 40; n++) {
                Object value = shape.apply(n);
                for (TaskEvent e : List.of(completed(value), snapshot(value, false), snapshot(value, true))) {
                    String expected = legacy.encode(e);
                    assertEquals(expected, byUrl.encode(e), () -> "size " + value.toString().length() + " " + e);
                    if (expected.contains("\"resultUrl\"")) {
                        urlFrames++;
                    } else {
                        inlineFrames++;
                    }
                }
            }
        }
        assertTrue(inlineFrames > 100 && urlFrames > 100, inlineFrames + " inline, " + urlFrames + " by URL");
    }

    @Test
    void snapshotCarryingTheResultTwiceCountsBothAgainstTheLimit() throws Exception {
        // Outcome and replay each hold the result: either copy alone fits, both together do not.
        String half = "h".repeat(LIMIT / 2);
        TaskEvent e = snapshot(half, true);
        assertTrue(inlineOnly.encode(e).length() > LIMIT);
        JsonNode n = mapper.readTree(byUrl.encode(e));
        assertEquals(URL.apply(ID).toString(), n.at("/resultUrl").asText());
        assertEquals(URL.apply(ID).toString(), n.at("/replay/1/resultUrl").asText());
        assertFalse(n.has("result") || n.at("/replay/1").has("result"));
        assertEquals(legacy.encode(e), byUrl.encode(e));
    }

    @Test
    void aVeryLargeResultIsNotWrittenInFull() throws Exception {
        CountingList rows = new CountingList(10_958, i -> Map.of("date", "2020-01-01", "row", i, "eto0", 3.2 + i));
        assertEquals(URL_FRAME, byUrl.encode(completed(rows)));
        assertTrue(rows.visited < 1_000, rows.visited + " of 10958 rows written before giving up");

        CountingList huge = new CountingList(10_000_000, i -> i);
        TaskEvent snap = snapshot(huge, true);
        String frame = byUrl.encode(snap);
        assertTrue(huge.visited < 10_000, huge.visited + " of 10,000,000 elements written before giving up");
        assertEquals(legacy.write(snap, false), frame); // the resultUrl form never touches the value
        assertEquals(URL.apply(ID).toString(), mapper.readTree(frame).at("/replay/1/resultUrl").asText());
    }

    @Test
    void withoutAResolverEveryResultIsWrittenInFull() {
        CountingList rows = new CountingList(3_000, i -> i);
        String frame = inlineOnly.encode(completed(rows));
        assertEquals(3_000, rows.visited);
        assertTrue(frame.length() > LIMIT);
        assertEquals(new LegacyFrames(mapper, null, LIMIT).encode(completed(new ArrayList<>(rows))), frame);
    }

    @Test
    void aSmallResultTheMapperCannotWriteIsStillSentInlineAsNull() {
        TaskEvent e = completed(new Object()); // no properties: the mapper refuses it
        String frame = byUrl.encode(e);
        assertTrue(frame.endsWith(",\"result\":null}"), frame);
        assertEquals(legacy.encode(e), frame);
    }

    @Test
    void theMappersOwnSettingsShapeTheInlineResultExactlyAsBefore() {
        ObjectMapper indenting = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ProtocolV1 codec = ProtocolV1.builder().objectMapper(indenting).largeResults(LIMIT, URL).build();
        LegacyFrames before = new LegacyFrames(indenting, URL, LIMIT);
        for (int n : new int[] {3, 60, 120, 200, 400}) {
            TaskEvent e = completed(Map.of("eto0", ints(n)));
            assertEquals(before.encode(e), codec.encode(e), "n=" + n);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Integer> ints(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i * 37 % 1000);
        }
        return out;
    }

    private static TaskEvent.Completed completed(Object value) {
        return new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING, TaskResult.of(value));
    }

    private static TaskEvent.Snapshot snapshot(Object value, boolean withReplay) {
        TaskEvent.Completed done = new TaskEvent.Completed(ID, 5, T, TaskState.RUNNING, TaskResult.of(value));
        TaskSnapshot task = new TaskSnapshot(ID, "eto.batch", TaskState.SUCCEEDED, 1, 5, T, Optional.of(T),
                Optional.of(T), new TaskProgress(2, 2, "compute", List.of(), 0), false, Optional.of(done));
        TaskEvent.StateChanged running = new TaskEvent.StateChanged(ID, 1, T, TaskState.QUEUED, TaskState.RUNNING, 1);
        return new TaskEvent.Snapshot(ID, 5, T, task, withReplay ? List.of(running, done) : List.of());
    }

    /** A result that counts how many of its elements the mapper asked for. */
    private static final class CountingList extends AbstractList<Object> {
        private final int size;
        private final IntFunction<Object> element;
        int visited;

        CountingList(int size, IntFunction<Object> element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public Object get(int index) {
            visited++;
            return element.apply(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The encoding as it was before it stopped early: every result written in full, then the frame measured. */
    private record LegacyFrames(ObjectMapper mapper, Function<TaskId, URI> url, int max) {
        String encode(TaskEvent e) {
            String text = write(e, true);
            if (url != null && text.length() > max && hasValueResult(e)) {
                text = write(e, false);
            }
            return text;
        }

        private static boolean hasValueResult(TaskEvent e) {
            if (e instanceof TaskEvent.Completed c) {
                return c.result() instanceof TaskResult.Value;
            }
            return e instanceof TaskEvent.Snapshot s && s.task().outcome()
                    .filter(o -> o instanceof TaskEvent.Completed c && c.result() instanceof TaskResult.Value)
                    .isPresent();
        }

        String write(TaskEvent e, boolean inline) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = mapper.getFactory().createGenerator(w)) {
                g.writeStartObject();
                g.writeNumberField("v", ProtocolV1.VERSION);
                g.writeStringField("type", e.type());
                g.writeStringField("taskId", e.taskId().value());
                g.writeNumberField("seq", e.seq());
                g.writeStringField("ts", FrameEncoder.ts(e.timestamp()));
                FrameEncoder.body(g, e, this::value, inline ? null : url);
                if (e instanceof TaskEvent.Snapshot s && !s.replay().isEmpty()) {
                    g.writeArrayFieldStart("replay");
                    for (TaskEvent r : s.replay()) {
                        g.writeStartObject();
                        g.writeStringField("type", r.type());
                        g.writeNumberField("seq", r.seq());
                        g.writeStringField("ts", FrameEncoder.ts(r.timestamp()));
                        FrameEncoder.body(g, r, this::value, inline ? null : url);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return w.toString();
        }

        private void value(JsonGenerator g, TaskEvent.Completed c, Object value) throws IOException {
            String json;
            try {
                json = mapper.writeValueAsString(value);
            } catch (IOException ex) {
                json = "null";
            }
            g.writeRawValue(json);
        }
    }
}
