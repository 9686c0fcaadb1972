package org.eto4j.transport;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskState;

/** Parses protocol v1 server frames into {@link TaskUpdate}s. Thread-safe. */
final class FrameDecoder {
    private final ObjectMapper mapper;

    FrameDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses one frame.
     *
     * @return the update, or empty for a frame type this version does not know (ignored for compatibility)
     * @throws TransportException with {@link TransportErrorCode#PROTOCOL_ERROR} for a malformed frame
     */
    Optional<TaskUpdate> decode(String text) {
        JsonNode n;
        try {
            n = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, e, "not JSON");
        }
        if (n == null || !n.isObject() || n.path("v").asInt(-1) != 1) {
            throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, "not a v1 object");
        }
        try {
            TaskId id = TaskId.of(text(n, "taskId"));
            return Optional.ofNullable(update(n, text(n, "type"), id));
        } catch (TransportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, e, e.getClass().getSimpleName());
        }
    }

    private TaskUpdate update(JsonNode n, String type, TaskId id) {
        long seq = number(n, "seq");
        Instant ts = Instant.parse(text(n, "ts"));
        switch (type) {
            case "snapshot" -> {
                TaskState state = TaskState.fromWireName(text(n, "state"));
                TaskProgress progress = progress(n.get("progress"));
                Optional<TaskUpdate.Terminal> outcome = state.isTerminal()
                        ? Optional.of(terminal(n, state, id, seq, ts)) : Optional.empty();
                List<TaskUpdate> replay = new ArrayList<>();
                JsonNode r = n.get("replay");
                if (r != null && r.isArray()) {
                    for (JsonNode e : r) {
                        TaskUpdate u = update(e, text(e, "type"), id);
                        if (u != null) {
                            replay.add(u);
                        }
                    }
                }
                return new TaskUpdate.Snapshot(id, seq, ts, state, progress, outcome, replay);
            }
            case "progress" -> {
                return new TaskUpdate.Progress(id, seq, ts, progress(n.get("progress")));
            }
            case "state" -> {
                return new TaskUpdate.StateChanged(id, seq, ts, TaskState.fromWireName(text(n, "from")),
                        TaskState.fromWireName(text(n, "to")));
            }
            case "completed" -> {
                return terminal(n, TaskState.SUCCEEDED, id, seq, ts);
            }
            case "failed" -> {
                return terminal(n, TaskState.FAILED, id, seq, ts);
            }
            case "cancelled" -> {
                return terminal(n, TaskState.CANCELLED, id, seq, ts);
            }
            case "heartbeat" -> {
                return new TaskUpdate.Heartbeat(id, seq, ts);
            }
            case "pong" -> {
                return new TaskUpdate.Pong(id, seq, ts);
            }
            default -> {
                return null;
            }
        }
    }

    private TaskUpdate.Terminal terminal(JsonNode n, TaskState state, TaskId id, long seq, Instant ts) {
        switch (state) {
            case SUCCEEDED -> {
                JsonNode url = n.get("resultUrl");
                Object result = n.has("result") ? mapper.convertValue(n.get("result"), Object.class) : null;
                return new TaskUpdate.Completed(id, seq, ts, result,
                        url == null || url.isNull() ? Optional.empty() : Optional.of(URI.create(url.asText())));
            }
            case FAILED -> {
                JsonNode e = n.get("error");
                if (e == null || !e.isObject()) {
                    throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, "error");
                }
                return new TaskUpdate.Failed(id, seq, ts, new TaskError(text(e, "code"), text(e, "messageKey"),
                        args(e.get("args")), e.path("retryable").asBoolean(false),
                        e.hasNonNull("field") ? e.get("field").asText() : null, e.path("row").asInt(-1)));
            }
            case CANCELLED -> {
                return new TaskUpdate.Cancelled(id, seq, ts,
                        CancelReason.valueOf(text(n, "reason").toUpperCase(java.util.Locale.ROOT)));
            }
            default -> throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, "state " + state);
        }
    }

    private TaskProgress progress(JsonNode p) {
        if (p == null || !p.isObject()) {
            throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, "progress");
        }
        JsonNode total = p.get("total");
        JsonNode eta = p.get("etaMs");
        return new TaskProgress(number(p, "done"),
                total == null || total.isNull() ? TaskProgress.UNKNOWN : total.asLong(),
                text(p, "stage"), args(p.get("args")),
                eta == null || eta.isNull() ? TaskProgress.UNKNOWN : eta.asLong());
    }

    private List<Object> args(JsonNode a) {
        List<Object> out = new ArrayList<>();
        if (a != null && a.isArray()) {
            for (JsonNode x : a) {
                if (x.isNull()) {
                    out.add(null);
                } else if (x.isNumber()) {
                    out.add(x.numberValue());
                } else if (x.isBoolean()) {
                    out.add(x.booleanValue());
                } else {
                    out.add(x.asText());
                }
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, field);
        }
        return v.textValue();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new TransportException(TransportErrorCode.PROTOCOL_ERROR, field);
        }
        return v.longValue();
    }
}
