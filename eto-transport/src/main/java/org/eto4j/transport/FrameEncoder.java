package org.eto4j.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes protocol v1 server frames. Thread-safe; caches the text of recent shared events for fan-out. */
final class FrameEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameEncoder.class);
    /** Direct-mapped cache size: the same event object reaches every subscriber of a task, encode it once. */
    private static final int CACHE_SLOTS = 256;

    /** Frames larger than this are not cached, so the cache never pins big results in memory. */
    private static final int MAX_CACHED_CHARS = 16 * 1024;

    /** A cached frame; the event is weakly held, so the cache does not keep finished tasks' events alive. */
    private record Cached(WeakReference<TaskEvent> event, String text) {
    }

    private final ObjectMapper mapper;
    private final Function<TaskId, URI> resultUrl;
    private final int maxInlineResultBytes;
    private final AtomicReferenceArray<Cached> cache = new AtomicReferenceArray<>(CACHE_SLOTS);

    FrameEncoder(ObjectMapper mapper, Function<TaskId, URI> resultUrl, int maxInlineResultBytes) {
        this.mapper = mapper;
        this.resultUrl = resultUrl;
        this.maxInlineResultBytes = maxInlineResultBytes;
    }

    /** The frame of an engine event (snapshots are per subscriber and never cached). */
    String event(TaskEvent e) {
        if (e instanceof TaskEvent.Snapshot) {
            return write(e);
        }
        int slot = System.identityHashCode(e) & (CACHE_SLOTS - 1);
        Cached c = cache.get(slot);
        if (c != null && c.event.get() == e) {
            return c.text;
        }
        String text = write(e);
        if (text.length() <= MAX_CACHED_CHARS) {
            cache.set(slot, new Cached(new WeakReference<>(e), text));
        }
        return text;
    }

    String heartbeat(TaskId id, long seq, Instant ts) {
        return simple("heartbeat", id, seq, ts);
    }

    String pong(TaskId id, long seq, Instant ts) {
        return simple("pong", id, seq, ts);
    }

    private String simple(String type, TaskId id, long seq, Instant ts) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = mapper.getFactory().createGenerator(w)) {
            header(g, type, id, seq, ts);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    private String write(TaskEvent e) {
        try {
            if (resultUrl == null || !hasValueResult(e)) {
                return write(e, this::writeValue, null);
            }
            String text;
            try {
                // A result whose own JSON exceeds the limit makes the frame exceed it too: stop writing it there
                // instead of serialising a large result in full only to throw it away.
                text = write(e, new BoundedValues(maxInlineResultBytes), null);
            } catch (ResultTooLarge tooLarge) {
                return write(e, this::writeValue, resultUrl);
            }
            // The limit applies to the whole frame text, as it always has: a result that fits on its own can
            // still push the frame over.
            return text.length() > maxInlineResultBytes ? write(e, this::writeValue, resultUrl) : text;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean hasValueResult(TaskEvent e) {
        if (e instanceof TaskEvent.Completed c) {
            return c.result() instanceof TaskResult.Value;
        }
        return e instanceof TaskEvent.Snapshot s && s.task().outcome()
                .filter(o -> o instanceof TaskEvent.Completed c && c.result() instanceof TaskResult.Value).isPresent();
    }

    /** The frame of {@code e}: result values go to {@code values}, or as {@code resultUrl} if {@code byUrl} is set. */
    private String write(TaskEvent e, ValueWriter values, Function<TaskId, URI> byUrl) throws IOException {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(w)) {
            frame(g, e, values, byUrl);
        }
        return w.toString();
    }

    private static void header(JsonGenerator g, String type, TaskId id, long seq, Instant ts) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", ProtocolV1.VERSION);
        g.writeStringField("type", type);
        g.writeStringField("taskId", id.value());
        g.writeNumberField("seq", seq);
        g.writeStringField("ts", ts(ts));
    }

    static String ts(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** Writes a result value; the codec writes it through its own mapper, a Jackson module through the host's. */
    @FunctionalInterface
    interface ValueWriter {
        void write(JsonGenerator g, TaskEvent.Completed c, Object value) throws IOException;
    }

    /** Writes the whole frame object of {@code e} with every result inline (the Jackson module's view). */
    static void frame(JsonGenerator g, TaskEvent e, ValueWriter values) throws IOException {
        frame(g, e, values, null);
    }

    /** Writes the whole frame object of {@code e}; result values as in {@link #body}. */
    private static void frame(JsonGenerator g, TaskEvent e, ValueWriter values, Function<TaskId, URI> byUrl)
            throws IOException {
        header(g, e.type(), e.taskId(), e.seq(), e.timestamp());
        body(g, e, values, byUrl);
        if (e instanceof TaskEvent.Snapshot s && !s.replay().isEmpty()) {
            g.writeArrayFieldStart("replay");
            for (TaskEvent r : s.replay()) {
                g.writeStartObject();
                g.writeStringField("type", r.type());
                g.writeNumberField("seq", r.seq());
                g.writeStringField("ts", ts(r.timestamp()));
                body(g, r, values, byUrl);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * The body fields of {@code e}; a result value goes to {@code values}, or as {@code resultUrl} from
     * {@code byUrl}.
     */
    static void body(JsonGenerator g, TaskEvent e, ValueWriter values, Function<TaskId, URI> byUrl)
            throws IOException {
        if (e instanceof TaskEvent.Snapshot s) {
            g.writeStringField("state", s.task().state().wireName());
            g.writeFieldName("progress");
            progress(g, s.task().progress());
            Optional<TaskEvent.Terminal> outcome = s.task().outcome();
            if (outcome.isPresent()) {
                terminal(g, outcome.get(), values, byUrl);
            }
        } else if (e instanceof TaskEvent.Progress p) {
            g.writeFieldName("progress");
            progress(g, p.progress());
        } else if (e instanceof TaskEvent.StateChanged sc) {
            g.writeStringField("from", sc.from().wireName());
            g.writeStringField("to", sc.to().wireName());
        } else if (e instanceof TaskEvent.Terminal t) {
            terminal(g, t, values, byUrl);
        }
        // Heartbeat: the header says it all.
    }

    static void terminal(JsonGenerator g, TaskEvent.Terminal t, ValueWriter values, Function<TaskId, URI> byUrl)
            throws IOException {
        if (t instanceof TaskEvent.Completed c) {
            result(g, c, values, byUrl);
        } else if (t instanceof TaskEvent.Failed f) {
            g.writeFieldName("error");
            error(g, f.error());
        } else if (t instanceof TaskEvent.Cancelled c) {
            g.writeStringField("reason", c.reason().wireName());
        }
    }

    static void error(JsonGenerator g, TaskError err) throws IOException {
        g.writeStartObject();
        g.writeStringField("code", err.code());
        g.writeStringField("messageKey", err.messageKey());
        g.writeFieldName("args");
        args(g, err.args());
        g.writeBooleanField("retryable", err.retryable());
        if (err.field() != null) {
            g.writeStringField("field", err.field());
        }
        if (err.row() >= 0) {
            g.writeNumberField("row", err.row());
        }
        g.writeEndObject();
    }

    private static void result(JsonGenerator g, TaskEvent.Completed c, ValueWriter values,
                               Function<TaskId, URI> byUrl) throws IOException {
        if (c.result() instanceof TaskResult.Reference ref) {
            g.writeStringField("resultUrl", ref.location().toString());
            g.writeStringField("mediaType", ref.mediaType());
            g.writeNumberField("sizeBytes", ref.sizeBytes());
        } else if (byUrl != null) {
            g.writeStringField("resultUrl", byUrl.apply(c.taskId()).toString());
        } else {
            g.writeFieldName("result");
            values.write(g, c, ((TaskResult.Value) c.result()).value());
        }
    }

    private void writeValue(JsonGenerator g, TaskEvent.Completed c, Object value) throws IOException {
        String json;
        try {
            json = mapper.writeValueAsString(value);
        } catch (IOException ex) {
            json = unwritable(c, value, ex);
        }
        g.writeRawValue(json);
    }

    /** A result the mapper cannot write must not lose the terminal event: it is sent without the value. */
    private static String unwritable(TaskEvent.Completed c, Object value, IOException ex) {
        LOG.error("cannot serialise the result of task {} ({}); sending null", c.taskId(),
                value.getClass().getName(), ex);
        return "null";
    }

    /**
     * Writes result values while they fit in what is left of the inline limit, and throws {@link ResultTooLarge}
     * as soon as they do not. The JSON is what {@link #writeValue} writes ({@code writeValueAsString} and
     * {@code writeValue(Writer)} configure the generator alike), so a frame that fits is the same text.
     * One instance per frame: a snapshot may carry the same result twice (outcome and replay).
     */
    private final class BoundedValues implements ValueWriter {
        private int remaining;

        BoundedValues(int limit) {
            this.remaining = limit;
        }

        @Override
        public void write(JsonGenerator g, TaskEvent.Completed c, Object value) throws IOException {
            LimitedWriter out = new LimitedWriter(remaining);
            String json;
            try {
                mapper.writeValue(out, value);
                json = out.toString();
            } catch (IOException | RuntimeException ex) {
                // Checked first: serialisers may wrap the writer's exception, and one that would fail later
                // in a value already over the limit is sent by URL rather than written out to find out.
                if (out.exceeded) {
                    throw new ResultTooLarge();
                }
                if (ex instanceof RuntimeException rt) {
                    throw rt;
                }
                json = unwritable(c, value, (IOException) ex);
            }
            if (out.exceeded) {
                throw new ResultTooLarge(); // a serialiser swallowed the writer's exception
            }
            remaining -= json.length();
            g.writeRawValue(json);
        }
    }

    /** A writer that refuses to hold more than {@code limit} chars: the first write past it throws. */
    private static final class LimitedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int limit;
        private boolean exceeded;

        LimitedWriter(int limit) {
            this.limit = limit;
        }

        private void reserve(int len) throws ResultTooLarge {
            if (exceeded || len > limit - text.length()) {
                exceeded = true;
                throw new ResultTooLarge();
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            reserve(len);
            text.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            reserve(len);
            text.append(str, off, off + len);
        }

        @Override
        public void write(int c) throws IOException {
            reserve(1);
            text.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Control flow, not an error: the result does not fit inline. No stack trace, it is never logged. */
    private static final class ResultTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    static void progress(JsonGenerator g, TaskProgress p) throws IOException {
        g.writeStartObject();
        g.writeNumberField("done", p.done());
        if (p.totalKnown()) {
            g.writeNumberField("total", p.total());
        } else {
            g.writeNullField("total");
        }
        if (p.fraction().isPresent()) {
            g.writeNumberField("fraction", p.fraction().getAsDouble());
        } else {
            g.writeNullField("fraction");
        }
        g.writeStringField("stage", p.stage());
        g.writeStringField("messageKey", p.messageKey());
        g.writeFieldName("args");
        args(g, p.args());
        if (p.etaMillis() == TaskProgress.UNKNOWN) {
            g.writeNullField("etaMs");
        } else {
            g.writeNumberField("etaMs", p.etaMillis());
        }
        g.writeEndObject();
    }

    private static void args(JsonGenerator g, java.util.List<Object> args) throws IOException {
        g.writeStartArray();
        for (Object a : args) {
            g.writeObject(a);
        }
        g.writeEndArray();
    }
}
