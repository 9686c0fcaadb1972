package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.store.TaskStore.ClaimedTask;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LeaseReaper} and the statements it uses ({@link TaskTable}) alone, on a real PostgreSQL: no store, no
 * engine, no threads; leases are made to expire by moving {@code lease_until} into the past.
 */
class LeaseReaperTest {
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

    @BeforeEach
    void empty() {
        db.execute("DELETE FROM eto_task");
    }

    private static TaskSnapshot claimed() {
        TaskSnapshot q = TaskSnapshot.queued(TaskId.random(), "t", T0);
        assertEquals(1, table.insert(q, TaskOptions.defaults().withType("t"), null));
        List<ClaimedTask> got = table.claim("n1", Set.of("t"), 1, Duration.ofSeconds(30));
        assertEquals(1, got.size());
        return got.get(0).task();
    }

    private static TaskSnapshot start(TaskSnapshot q, int attempt) {
        TaskSnapshot running = new TaskSnapshot(q.id(), q.type(), TaskState.RUNNING, attempt, q.seq() + 1,
                q.createdAt(), Optional.of(T0), Optional.empty(), q.progress(), false, Optional.empty());
        assertEquals(1, table.write(running, new TaskEvent.StateChanged(q.id(), running.seq(), T0, TaskState.QUEUED,
                TaskState.RUNNING, attempt), "n1", 8));
        return running;
    }

    private static void expireLeases() {
        db.execute("UPDATE eto_task SET lease_until = now() - interval '1 second' WHERE owner IS NOT NULL");
    }

    private static String owner(TaskId id) {
        return db.query("SELECT owner FROM eto_task WHERE id = '" + id.value() + "'").get(0);
    }

    @Test
    void aClaimedTaskNotYetStartedGoesBackToTheQueue() {
        TaskSnapshot q = claimed();
        expireLeases();
        LeaseReaper reaper = new LeaseReaper(table, 3, Duration.ofDays(1), Duration.ofDays(1));
        assertEquals(1, reaper.reapExpiredLeases());
        assertNull(owner(q.id()));
        assertEquals(TaskState.QUEUED, table.find(q.id()).orElseThrow().state());
        assertEquals(List.of(), table.eventsAfter(q.id(), 0), "no event: the task never left the queue");
        assertEquals(1, table.claim("n2", Set.of("t"), 1, Duration.ofSeconds(30)).size(), "another node can claim it");
        assertEquals(1, reaper.reaped());
    }

    @Test
    void aRunningTaskIsRequeuedAsTheNextAttemptThenFailedAtTheLastOne() {
        TaskSnapshot running = start(claimed(), 1);
        expireLeases();
        LeaseReaper reaper = new LeaseReaper(table, 2, Duration.ofDays(1), Duration.ofDays(1));
        assertEquals(1, reaper.reapExpiredLeases());
        TaskSnapshot requeued = table.find(running.id()).orElseThrow();
        assertEquals(TaskState.QUEUED, requeued.state());
        assertEquals(2, requeued.attempt());
        TaskEvent last = table.eventsAfter(running.id(), running.seq()).get(0);
        assertEquals(new TaskEvent.StateChanged(running.id(), running.seq() + 1, last.timestamp(), TaskState.RUNNING,
                TaskState.QUEUED, 2), last);

        TaskSnapshot again = table.claim("n1", Set.of("t"), 1, Duration.ofSeconds(30)).get(0).task();
        TaskSnapshot second = start(again, 2);
        expireLeases();
        assertEquals(1, reaper.reapExpiredLeases());
        TaskSnapshot failed = table.find(second.id()).orElseThrow();
        assertEquals(TaskState.FAILED, failed.state());
        TaskEvent.Failed f = (TaskEvent.Failed) failed.outcome().orElseThrow();
        assertEquals(ProgressErrorCode.LEASE_EXPIRED.code(), f.error().code());
        assertNull(owner(second.id()), "an ended task has no holder");
    }

    @Test
    void aTaskBeingCancelledEndsCancelled() {
        TaskSnapshot running = start(claimed(), 1);
        TaskSnapshot cancelling = new TaskSnapshot(running.id(), "t", TaskState.CANCELLING, 1, running.seq() + 1,
                running.createdAt(), running.startedAt(), Optional.empty(), running.progress(), true, Optional.empty());
        table.write(cancelling, new TaskEvent.StateChanged(running.id(), cancelling.seq(), T0, TaskState.RUNNING,
                TaskState.CANCELLING, 1), "n1", 8);
        expireLeases();
        new LeaseReaper(table, 3, Duration.ofDays(1), Duration.ofDays(1)).reapExpiredLeases();
        TaskEvent.Cancelled c = (TaskEvent.Cancelled) table.find(running.id()).orElseThrow().outcome().orElseThrow();
        assertEquals(CancelReason.REQUESTED, c.reason());
    }

    @Test
    void aLiveLeaseIsLeftAlone() {
        TaskSnapshot running = start(claimed(), 1);
        assertEquals(0, new LeaseReaper(table, 3, Duration.ofDays(1), Duration.ofDays(1)).reapExpiredLeases());
        assertEquals("n1", owner(running.id()));
    }

    @Test
    void retentionDeletesReadTasksAfterRetainFinishedAndUnreadOnesAfterRetainUnread() {
        TaskSnapshot read = finished();
        TaskSnapshot unread = finished();
        assertTrue(table.markRead(read.id()));
        db.execute("UPDATE eto_task SET updated_at = now() - interval '2 hours'");
        LeaseReaper reaper = new LeaseReaper(table, 3, Duration.ofHours(1), Duration.ofHours(3));
        assertEquals(1, reaper.purgeFinished());
        assertTrue(table.find(read.id()).isEmpty());
        assertTrue(table.find(unread.id()).isPresent(), "unread: kept up to retainUnread");
        db.execute("UPDATE eto_task SET updated_at = now() - interval '4 hours'");
        assertEquals(1, reaper.purgeFinished());
        assertEquals(2, reaper.purged());
    }

    private static TaskSnapshot finished() {
        TaskSnapshot running = start(claimed(), 1);
        TaskEvent.Completed c = new TaskEvent.Completed(running.id(), running.seq() + 1, T0, TaskState.RUNNING,
                TaskResult.of(1));
        TaskSnapshot done = new TaskSnapshot(running.id(), "t", TaskState.SUCCEEDED, 1, c.seq(), running.createdAt(),
                running.startedAt(), Optional.of(T0), running.progress(), false, Optional.of(c));
        assertEquals(1, table.write(done, c, "n1", 8));
        return done;
    }
}
