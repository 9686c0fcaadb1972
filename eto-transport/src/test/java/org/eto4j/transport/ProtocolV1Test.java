package org.eto4j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

/** The protocol v1 codec: frames written as the protocol documents them, and read back. */
class ProtocolV1Test {
    private static final TaskId ID = TaskId.of("abc");
    private static final Instant T = Instant.parse("2026-11-28T21:00:00.123Z");
    private final ObjectMapper mapper = new ObjectMapper();
    private final ProtocolV1 encoder = ProtocolV1.defaults();
    private final ProtocolV1 decoder = encoder;

    @Test
    void progressFrameRoundTrip() throws Exception {
        TaskProgress p = new TaskProgress(40, 100, "compute", List.of("A", 3, true), 1200);
        String text = encoder.encode(new TaskEvent.Progress(ID, 7, T, p));
        JsonNode n = mapper.readTree(text);
        assertEquals(1, n.get("v").asInt());
        assertEquals("progress", n.get("type").asText());
        assertEquals("2026-11-28T21:00:00.123Z", n.get("ts").asText());
        assertEquals(0.4, n.at("/progress/fraction").asDouble());
        assertEquals("task.stage.compute", n.at("/progress/messageKey").asText());
        TaskUpdate.Progress u = (TaskUpdate.Progress) decoder.decode(text).orElseThrow();
        assertEquals(7, u.seq());
        assertEquals(T, u.timestamp());
        assertEquals(p, u.progress());
    }

    @Test
    void anEventIsEncodedOnceForAllItsSubscribers() {
        TaskEvent.Progress e = new TaskEvent.Progress(ID, 7, T, new TaskProgress(1, 2, "compute", List.of(), 5));
        assertSame(encoder.encode(e), encoder.encode(e));
        TaskEvent.Progress equal = new TaskEvent.Progress(ID, 7, T, e.progress());
        assertEquals(encoder.encode(e), encoder.encode(equal));
    }

    @Test
    void unknownTotalAndEtaAreNull() throws Exception {
        TaskProgress p = new TaskProgress(5, TaskProgress.UNKNOWN, "download", List.of(), TaskProgress.UNKNOWN);
        String text = encoder.encode(new TaskEvent.Progress(ID, 1, T, p));
        JsonNode n = mapper.readTree(text).get("progress");
        assertTrue(n.get("total").isNull() && n.get("fraction").isNull() && n.get("etaMs").isNull());
        assertEquals(p, ((TaskUpdate.Progress) decoder.decode(text).orElseThrow()).progress());
    }

    @Test
    void terminalFramesRoundTrip() {
        TaskEvent.Failed f = new TaskEvent.Failed(ID, 9, T, TaskState.RUNNING,
                new TaskError("PRG-2001", "error.task.timeout", List.of(60_000), false));
        TaskUpdate.Failed uf = (TaskUpdate.Failed) decoder.decode(encoder.encode(f)).orElseThrow();
        assertEquals(f.error(), uf.error());
        assertNull(uf.error().field());
        assertEquals(-1, uf.error().row());
        TaskEvent.Failed placed = new TaskEvent.Failed(ID, 9, T, TaskState.RUNNING,
                new TaskError("ETO-2003", "error.malformed_number", List.of("tmin", "abc"), false, "tmin", 2));
        assertEquals(placed.error(),
                ((TaskUpdate.Failed) decoder.decode(encoder.encode(placed)).orElseThrow()).error());
        TaskEvent.Cancelled c = new TaskEvent.Cancelled(ID, 3, T, TaskState.QUEUED, CancelReason.SHUTDOWN);
        assertEquals(CancelReason.SHUTDOWN,
                ((TaskUpdate.Cancelled) decoder.decode(encoder.encode(c)).orElseThrow()).reason());
        TaskEvent.Completed ref = new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING,
                TaskResult.reference(URI.create("https://x.example/r.csv"), "text/csv", 10));
        TaskUpdate.Completed uc = (TaskUpdate.Completed) decoder.decode(encoder.encode(ref)).orElseThrow();
        assertEquals(Optional.of(URI.create("https://x.example/r.csv")), uc.resultUrl());
        assertNull(uc.result());
        TaskEvent.StateChanged sc = new TaskEvent.StateChanged(ID, 2, T, TaskState.QUEUED, TaskState.RUNNING, 1);
        TaskUpdate.StateChanged usc = (TaskUpdate.StateChanged) decoder.decode(encoder.encode(sc)).orElseThrow();
        assertEquals(TaskState.RUNNING, usc.to());
    }

    @Test
    void largeResultIsSentAsUrlWhenAResolverIsSet() throws Exception {
        ProtocolV1 big = ProtocolV1.builder().largeResults(1024, id -> URI.create("https://api.example/tasks/" + id + "/result")).build();
        TaskEvent.Completed c = new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING, TaskResult.of("x".repeat(5000)));
        JsonNode n = mapper.readTree(big.encode(c));
        assertFalse(n.has("result"));
        assertEquals("https://api.example/tasks/abc/result", n.get("resultUrl").asText());
        TaskEvent.Completed small = new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING, TaskResult.of(Map.of("a", 1)));
        assertEquals(1, mapper.readTree(big.encode(small)).at("/result/a").asInt());
    }

    @Test
    void snapshotOfAnEndedTaskCarriesTheOutcomeAndReplay() {
        TaskEvent.Completed done = new TaskEvent.Completed(ID, 5, T, TaskState.RUNNING, TaskResult.of(List.of(1, 2)));
        TaskSnapshot snap = new TaskSnapshot(ID, "eto.batch", TaskState.SUCCEEDED, 1, 5, T, Optional.of(T),
                Optional.of(T), new TaskProgress(2, 2, "compute", List.of(), 0), false, Optional.of(done));
        TaskEvent.StateChanged running = new TaskEvent.StateChanged(ID, 1, T, TaskState.QUEUED, TaskState.RUNNING, 1);
        TaskUpdate.Snapshot s = (TaskUpdate.Snapshot) decoder.decode(
                encoder.encode(new TaskEvent.Snapshot(ID, 5, T, snap, List.of(running, done)))).orElseThrow();
        assertEquals(TaskState.SUCCEEDED, s.state());
        assertEquals(List.of(1, 2), ((TaskUpdate.Completed) s.outcome().orElseThrow()).result());
        assertEquals(List.of("state", "completed"), s.replay().stream().map(TaskUpdate::type).toList());
    }

    @Test
    void decoderRejectsMalformedFramesAndIgnoresUnknownTypes() {
        for (String bad : new String[] {"nope", "[]", "{\"v\":2}",
                "{\"v\":1,\"type\":\"progress\",\"taskId\":\"abc\"}"}) {
            TransportException e = assertThrows(TransportException.class, () -> decoder.decode(bad), bad);
            assertEquals(TransportErrorCode.PROTOCOL_ERROR, e.code());
        }
        assertEquals(Optional.empty(), decoder.decode(
                "{\"v\":1,\"type\":\"future\",\"taskId\":\"abc\",\"seq\":1,\"ts\":\"2026-11-28T21:00:00Z\"}"));
    }

    @Test
    void builderNamesTheBadOption() {
        TransportException e = assertThrows(TransportException.class,
                () -> ProtocolV1.builder().largeResults(10, id -> URI.create("/r")));
        assertEquals(TransportErrorCode.INVALID_OPTION, e.code());
        assertEquals("maxInlineResultBytes", e.args().get(0));
    }
}
