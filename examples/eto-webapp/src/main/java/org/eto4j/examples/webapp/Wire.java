package org.eto4j.examples.webapp;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eto4j.progress.TaskId;

import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;

/**
 * The task snapshot in the shape of protocol v1's {@code snapshot} message (see eto-transport-websocket),
 * so that the status URL and the WebSocket give a client the same object. A result whose message would be
 * longer than {@link #maxInlineResultChars} is given as {@code resultUrl}, as the transport does with
 * {@code largeResults}: a finished calculation's rows are read from the result endpoint, not from every
 * status answer and WebSocket message.
 */
final class Wire {
    private final ObjectMapper json;
    private final int maxInlineResultChars;
    private final Function<TaskId, URI> resultUrl;

    /**
     * @param json                 the mapper the transport also writes results with
     * @param maxInlineResultChars the transport's {@code largeResults} limit
     * @param resultUrl            the transport's {@code largeResults} resolver
     */
    Wire(ObjectMapper json, int maxInlineResultChars, Function<TaskId, URI> resultUrl) {
        this.json = json;
        this.maxInlineResultChars = maxInlineResultChars;
        this.resultUrl = resultUrl;
    }

    /** The snapshot message, with a large result replaced by its URL as the transport would. */
    Map<String, Object> snapshotMessage(TaskSnapshot s, Instant now) {
        Map<String, Object> m = snapshot(s, now);
        if (m.containsKey("result")) {
            String text;
            try {
                text = json.writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the snapshot of " + s.id().value(), e);
            }
            if (text.length() > maxInlineResultChars) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    if (k.equals("result")) {
                        out.put("resultUrl", resultUrl.apply(s.id()).toString());
                    } else {
                        out.put(k, v);
                    }
                });
                return out;
            }
        }
        return m;
    }

    static Map<String, Object> snapshot(TaskSnapshot s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("type", "snapshot");
        m.put("taskId", s.id().value());
        m.put("seq", s.seq());
        m.put("ts", java.time.format.DateTimeFormatter.ISO_INSTANT.format(now));
        m.put("state", s.state().wireName());
        m.put("progress", progress(s.progress()));
        s.outcome().ifPresent(t -> terminal(t, m));
        return m;
    }

    static Map<String, Object> progress(TaskProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("done", p.done());
        m.put("total", p.totalKnown() ? p.total() : null);
        m.put("fraction", p.fraction().isPresent() ? p.fraction().getAsDouble() : null);
        m.put("stage", p.stage());
        m.put("messageKey", p.messageKey());
        m.put("args", p.args());
        m.put("etaMs", p.etaMillis() == TaskProgress.UNKNOWN ? null : p.etaMillis());
        return m;
    }

    private static void terminal(TaskEvent.Terminal t, Map<String, Object> m) {
        if (t instanceof TaskEvent.Completed c) {
            if (c.result() instanceof TaskResult.Value v) {
                m.put("result", v.value());
            } else if (c.result() instanceof TaskResult.Reference r) {
                m.put("resultUrl", r.location().toString());
            }
        } else if (t instanceof TaskEvent.Failed f) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", f.error().code());
            e.put("messageKey", f.error().messageKey());
            e.put("args", f.error().args());
            e.put("retryable", f.error().retryable());
            if (f.error().field() != null) {
                e.put("field", f.error().field());
            }
            if (f.error().row() >= 0) {
                e.put("row", f.error().row());
            }
            m.put("error", e);
        } else if (t instanceof TaskEvent.Cancelled c) {
            m.put("reason", c.reason().wireName());
        }
    }
}
