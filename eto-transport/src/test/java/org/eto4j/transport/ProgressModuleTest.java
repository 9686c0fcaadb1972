package org.eto4j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
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

/** A host's own ObjectMapper with {@link ProgressModule} writes eto-progress's records as the protocol does. */
class ProgressModuleTest {
    private static final TaskId ID = TaskId.of("5d0c");
    private static final Instant T = Instant.parse("2026-11-28T21:00:03.250Z");
    private static final TaskProgress P = new TaskProgress(40, 100, "compute", List.of("Piracicaba", 3), 1800);
    private final ObjectMapper plain = new ObjectMapper();
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new ProgressModule());

    private static TaskSnapshot running() {
        return new TaskSnapshot(ID, "eto.batch", TaskState.RUNNING, 2, 14, T, Optional.of(T.plusSeconds(1)),
                Optional.empty(), P, false, Optional.empty());
    }

    @Test
    void aPlainMapperCannotWriteASnapshotButOneWithTheModuleCan() throws Exception {
        assertThrows(InvalidDefinitionException.class, () -> plain.writeValueAsString(running()));
        JsonNode n = mapper.readTree(mapper.writeValueAsString(running()));
        assertEquals("5d0c", n.get("id").asText());
        assertEquals("eto.batch", n.get("type").asText());
        assertEquals("running", n.get("state").asText());
        assertEquals(2, n.get("attempt").asInt());
        assertEquals(14, n.get("seq").asLong());
        assertEquals("2026-11-28T21:00:03.250Z", n.get("createdAt").asText());
        assertEquals("2026-11-28T21:00:04.250Z", n.get("startedAt").asText());
        assertTrue(n.get("endedAt").isNull());
        assertEquals(0.4, n.at("/progress/fraction").asDouble());
        assertEquals("task.stage.compute", n.at("/progress/messageKey").asText());
        assertEquals(List.of("Piracicaba", 3), plain.convertValue(n.at("/progress/args"), List.class));
        assertEquals(false, n.get("cancelRequested").asBoolean());
        assertTrue(!n.has("outcome"));
    }

    @Test
    void anEndedSnapshotCarriesItsOutcomeFrame() throws Exception {
        TaskEvent.Failed failed = new TaskEvent.Failed(ID, 9, T, TaskState.RUNNING,
                new TaskError("ETO-2003", "error.malformed_number", List.of("tmin", "abc"), false, "tmin", 2));
        TaskSnapshot s = new TaskSnapshot(ID, "eto.batch", TaskState.FAILED, 1, 9, T, Optional.of(T),
                Optional.of(T), P, false, Optional.of(failed));
        JsonNode n = mapper.readTree(mapper.writeValueAsString(s));
        assertEquals(plain.readTree(ProtocolV1.defaults().encode(failed)), n.get("outcome"));
        assertEquals("tmin", n.at("/outcome/error/field").asText());
        assertEquals(2, n.at("/outcome/error/row").asInt());
    }

    @Test
    void everyEventIsWrittenAsItsProtocolFrame() throws Exception {
        TaskSnapshot done = new TaskSnapshot(ID, "eto.batch", TaskState.SUCCEEDED, 1, 31, T, Optional.of(T),
                Optional.of(T), P, false, Optional.of(new TaskEvent.Completed(ID, 31, T, TaskState.RUNNING,
                TaskResult.of(Map.of("etoMm", 4.57)))));
        List<TaskEvent> events = List.of(
                new TaskEvent.Progress(ID, 15, T, P),
                new TaskEvent.StateChanged(ID, 2, T, TaskState.QUEUED, TaskState.RUNNING, 1),
                new TaskEvent.Completed(ID, 31, T, TaskState.RUNNING, TaskResult.of(Map.of("etoMm", 4.57))),
                new TaskEvent.Completed(ID, 31, T, TaskState.RUNNING,
                        TaskResult.reference(URI.create("https://app.example.org/r.csv"), "text/csv", 81234)),
                new TaskEvent.Failed(ID, 9, T, TaskState.RUNNING,
                        new TaskError("PRG-2001", "error.task.timeout", List.of(600000), false)),
                new TaskEvent.Cancelled(ID, 7, T, TaskState.RUNNING, CancelReason.REQUESTED),
                new TaskEvent.Heartbeat(ID, 15, T),
                new TaskEvent.Snapshot(ID, 31, T, done, List.of(
                        new TaskEvent.StateChanged(ID, 2, T, TaskState.QUEUED, TaskState.RUNNING, 1))));
        for (TaskEvent e : events) {
            assertEquals(plain.readTree(ProtocolV1.defaults().encode(e)), mapper.readTree(mapper.writeValueAsString(e)),
                    e.type());
        }
        // inside a host's own object, too
        JsonNode wrapped = mapper.valueToTree(Map.of("event", events.get(0)));
        assertEquals(40, wrapped.at("/event/progress/done").asInt());
    }

    @Test
    void resultsAreWrittenByTheHostsMapper() throws Exception {
        TaskEvent.Completed c = new TaskEvent.Completed(ID, 3, T, TaskState.RUNNING, TaskResult.of(new Eto(4.5)));
        assertEquals(4.5, mapper.readTree(mapper.writeValueAsString(c)).at("/result/mm").asDouble());
        assertEquals("{\"resultUrl\":\"https://x/r\",\"mediaType\":\"text/csv\",\"sizeBytes\":10}",
                mapper.writeValueAsString(TaskResult.reference(URI.create("https://x/r"), "text/csv", 10)));
        assertEquals("null", mapper.writeValueAsString(TaskResult.none()));
    }

    /** A host's result type. */
    public record Eto(double mm) {
    }

    @Test
    void wireNamesReadBackAndBadOnesAreRefused() throws Exception {
        assertEquals(ID, mapper.readValue("\"5d0c\"", TaskId.class));
        assertEquals(TaskState.CANCELLING, mapper.readValue("\"cancelling\"", TaskState.class));
        assertEquals(CancelReason.SHUTDOWN, mapper.readValue("\"shutdown\"", CancelReason.class));
        assertEquals("\"cancelling\"", mapper.writeValueAsString(TaskState.CANCELLING));
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("\"sleeping\"", TaskState.class));
        assertThrows(InvalidFormatException.class, () -> mapper.readValue("\"later\"", CancelReason.class));
    }
}
