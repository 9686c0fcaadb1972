package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.store.TaskStore.ClaimedTask;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TaskTable}'s statements alone, on a real PostgreSQL: fencing, progress retention, claiming, reading. */
class TaskTableTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static TestDatabase db;
    private static TaskTable table;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
        Jdbi jdbi = Jdbi.create(db.pool(2));
        Migrations.migrate(jdbi);
        table = new TaskTable(jdbi, new JsonCodec(new ObjectMapper()));
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private static TaskSnapshot queued(String type) {
        TaskSnapshot q = TaskSnapshot.queued(TaskId.random(), type, T0);
        TaskOptions options = TaskOptions.defaults().withType(type).withTimeout(Duration.ofSeconds(9));
        assertEquals(1, table.insert(q, options, "{\"a\":1}"));
        return q;
    }

    private static TaskSnapshot running(TaskSnapshot q, long seq, TaskProgress p) {
        return new TaskSnapshot(q.id(), q.type(), TaskState.RUNNING, 1, seq, q.createdAt(), Optional.of(T0),
                Optional.empty(), p, false, Optional.empty());
    }

    @Test
    void aDuplicateIdIsNotInserted() {
        TaskSnapshot q = queued("dup");
        assertEquals(0, table.insert(q, TaskOptions.defaults(), null));
    }

    @Test
    void onlyTheHolderWritesAndOnlyNewerEvents() {
        TaskSnapshot q = queued("fence");
        TaskSnapshot claimed = table.claim("n1", Set.of("fence"), 5, Duration.ofSeconds(30)).get(0).task();
        assertEquals(q.id(), claimed.id());
        TaskSnapshot r = running(q, 1, q.progress());
        TaskEvent started = new TaskEvent.StateChanged(q.id(), 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1);
        assertEquals(0, table.write(r, started, "n2", 8), "another node's write is ignored");
        assertEquals(1, table.write(r, started, "n1", 8));
        assertEquals(0, table.write(r, started, "n1", 8), "a repeated sequence number is ignored");
        assertEquals(List.of(started), table.eventsAfter(q.id(), 0));
        assertEquals(TaskState.RUNNING, table.find(q.id()).orElseThrow().state());
    }

    @Test
    void onlyTheNewestProgressEventsAreKept() {
        TaskSnapshot q = queued("keep");
        table.claim("n1", Set.of("keep"), 1, Duration.ofSeconds(30));
        for (int seq = 1; seq <= 6; seq++) {
            TaskProgress p = new TaskProgress(seq, 10, Stage.COMPUTE, List.of(), TaskProgress.UNKNOWN);
            table.write(running(q, seq, p), new TaskEvent.Progress(q.id(), seq, T0, p), "n1", 3);
        }
        assertEquals(List.of(4L, 5L, 6L), table.eventsAfter(q.id(), 0).stream().map(TaskEvent::seq).toList());
        assertEquals(List.of(5L, 6L),
                table.eventsAfter(List.of(q.id().value()), List.of(4L)).stream().map(TaskEvent::seq).toList());
        assertTrue(table.eventsWrittenSince(table.now().minusSeconds(60)).size() >= 3);
    }

    @Test
    void claimsOnlyQueuedTasksOfTheGivenTypesOldestFirstWithTheirOptions() {
        TaskSnapshot first = queued("claim");
        queued("claim");
        queued("other");
        List<ClaimedTask> got = table.claim("n1", Set.of("claim"), 1, Duration.ofSeconds(30));
        assertEquals(1, got.size());
        assertEquals(first.id(), got.get(0).task().id());
        assertEquals(Optional.of(Duration.ofSeconds(9)), got.get(0).options().timeout());
        assertEquals(java.util.Map.of("a", 1), got.get(0).parameters());
        assertEquals(1, table.claim("n1", Set.of("claim"), 5, Duration.ofSeconds(30)).size(), "the rest of this type");

        table.release("n1", List.of(first.id().value()));
        assertEquals(first.id(), table.claim("n2", Set.of("claim"), 5, Duration.ofSeconds(30)).get(0).task().id(),
                "a released task is claimable again");
        assertEquals(1, table.renewLeases("n2", List.of(first.id().value()), Duration.ofSeconds(30)));
        assertEquals(0, table.renewLeases("n1", List.of(first.id().value()), Duration.ofSeconds(30)), "not the holder");
    }

    @Test
    void cancellationSetsTheFlagOnce() {
        TaskSnapshot q = queued("cancel");
        assertTrue(table.requestCancel(q.id()).orElseThrow().cancelRequested());
        assertTrue(table.find(q.id()).orElseThrow().cancelRequested());
        assertTrue(table.requestCancel(TaskId.random()).isEmpty());
        table.delete(q.id());
        assertTrue(table.find(q.id()).isEmpty());
    }
}
