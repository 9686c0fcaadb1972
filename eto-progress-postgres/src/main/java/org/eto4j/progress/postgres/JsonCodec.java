package org.eto4j.progress.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.RetryPolicy;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskState;

/**
 * Events, progress, results and retry policies as JSON text for jsonb columns. Instants are ISO-8601 text,
 * so they round-trip exactly (timestamptz columns keep microseconds only).
 */
final class JsonCodec {
    private final ObjectMapper mapper;

    JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---- writing ----

    String event(TaskEvent e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("type", e.type());
        n.put("seq", e.seq());
        n.put("at", e.timestamp().toString());
        if (e instanceof TaskEvent.Progress p) {
            n.set("progress", progressNode(p.progress()));
        } else if (e instanceof TaskEvent.StateChanged s) {
            n.put("from", s.from().wireName());
            n.put("to", s.to().wireName());
            n.put("attempt", s.attempt());
        } else if (e instanceof TaskEvent.Completed c) {
            n.put("from", c.from().wireName());
            n.set("result", resultNode(c.result(), c.taskId()));
        } else if (e instanceof TaskEvent.Failed f) {
            n.put("from", f.from().wireName());
            ObjectNode err = n.putObject("error");
            err.put("code", f.error().code());
            err.put("messageKey", f.error().messageKey());
            err.set("args", mapper.valueToTree(f.error().args()));
            err.put("retryable", f.error().retryable());
            if (f.error().field() != null) {
                err.put("field", f.error().field());
            }
            if (f.error().row() >= 0) {
                err.put("row", f.error().row());
            }
        } else if (e instanceof TaskEvent.Cancelled c) {
            n.put("from", c.from().wireName());
            n.put("reason", c.reason().wireName());
        } else {
            throw new IllegalArgumentException("not a retained event: " + e.type());
        }
        return n.toString();
    }

    String progress(TaskProgress p) {
        return progressNode(p).toString();
    }

    private ObjectNode progressNode(TaskProgress p) {
        ObjectNode n = mapper.createObjectNode();
        n.put("done", p.done());
        n.put("total", p.total());
        n.put("stage", p.stage());
        n.set("args", mapper.valueToTree(p.args()));
        n.put("etaMillis", p.etaMillis());
        return n;
    }

    private JsonNode resultNode(TaskResult r, TaskId id) {
        ObjectNode n = mapper.createObjectNode();
        if (r instanceof TaskResult.Reference ref) {
            ObjectNode o = n.putObject("reference");
            o.put("location", ref.location().toString());
            o.put("mediaType", ref.mediaType());
            o.put("sizeBytes", ref.sizeBytes());
        } else {
            try {
                n.set("value", mapper.valueToTree(((TaskResult.Value) r).value()));
            } catch (IllegalArgumentException e) {
                throw new PostgresStoreException(PostgresStoreErrorCode.JSON_ERROR, e, "result", id.value());
            }
        }
        return n;
    }

    String value(Object value, String what, TaskId id) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PostgresStoreException(PostgresStoreErrorCode.JSON_ERROR, e, what, id.value());
        }
    }

    String retry(RetryPolicy r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("maxAttempts", r.maxAttempts());
        n.put("initialBackoffMillis", r.initialBackoff().toMillis());
        n.put("multiplier", r.multiplier());
        n.put("maxBackoffMillis", r.maxBackoff().toMillis());
        return n.toString();
    }

    // ---- reading ----

    JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PostgresStoreException(PostgresStoreErrorCode.JSON_ERROR, e, "json", "");
        }
    }

    Object object(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new PostgresStoreException(PostgresStoreErrorCode.JSON_ERROR, e, "parameters", "");
        }
    }

    TaskEvent event(TaskId id, String json) {
        JsonNode n = tree(json);
        long seq = n.get("seq").asLong();
        Instant at = Instant.parse(n.get("at").asText());
        String type = n.get("type").asText();
        return switch (type) {
            case "progress" -> new TaskEvent.Progress(id, seq, at, progress(n.get("progress")));
            case "state" -> new TaskEvent.StateChanged(id, seq, at, state(n, "from"), state(n, "to"),
                    n.get("attempt").asInt());
            case "completed" -> new TaskEvent.Completed(id, seq, at, state(n, "from"), result(n.get("result")));
            case "failed" -> {
                JsonNode err = n.get("error");
                // field and row are absent when the error names none (and in events stored before they existed)
                yield new TaskEvent.Failed(id, seq, at, state(n, "from"), new TaskError(err.get("code").asText(),
                        err.get("messageKey").asText(), list(err.get("args")), err.get("retryable").asBoolean(),
                        err.hasNonNull("field") ? err.get("field").asText() : null,
                        err.hasNonNull("row") ? err.get("row").asInt() : -1));
            }
            case "cancelled" -> new TaskEvent.Cancelled(id, seq, at, state(n, "from"),
                    CancelReason.valueOf(n.get("reason").asText().toUpperCase(java.util.Locale.ROOT)));
            default -> throw new PostgresStoreException(PostgresStoreErrorCode.JSON_ERROR, null,
                    "event " + type, id.value());
        };
    }

    TaskProgress progress(String json) {
        return progress(tree(json));
    }

    private TaskProgress progress(JsonNode n) {
        return new TaskProgress(n.get("done").asLong(), n.get("total").asLong(), n.get("stage").asText(),
                list(n.get("args")), n.get("etaMillis").asLong());
    }

    private TaskResult result(JsonNode n) {
        JsonNode ref = n.get("reference");
        if (ref != null) {
            return TaskResult.reference(URI.create(ref.get("location").asText()), ref.get("mediaType").asText(),
                    ref.get("sizeBytes").asLong());
        }
        JsonNode v = n.get("value");
        return v == null || v.isNull() ? TaskResult.none() : TaskResult.of(mapper.convertValue(v, Object.class));
    }

    RetryPolicy retry(String json) {
        if (json == null) {
            return null;
        }
        JsonNode n = tree(json);
        return new RetryPolicy(n.get("maxAttempts").asInt(), Duration.ofMillis(n.get("initialBackoffMillis").asLong()),
                n.get("multiplier").asDouble(), Duration.ofMillis(n.get("maxBackoffMillis").asLong()));
    }

    private static TaskState state(JsonNode n, String field) {
        return TaskState.fromWireName(n.get(field).asText());
    }

    private List<Object> list(JsonNode n) {
        List<Object> out = new ArrayList<>();
        if (n instanceof ArrayNode a) {
            for (JsonNode e : a) {
                if (e.isNull()) {
                    out.add(null);
                } else if (e.isTextual()) {
                    out.add(e.asText());
                } else if (e.isBoolean()) {
                    out.add(e.asBoolean());
                } else if (e.canConvertToInt() && e.isIntegralNumber()) {
                    out.add(e.asInt());
                } else if (e.isIntegralNumber()) {
                    out.add(e.asLong());
                } else {
                    out.add(e.asDouble());
                }
            }
        }
        return out;
    }
}
