package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store's retention: a finished task stays at least retainFinished after its last write and then
 * until read; an unread one goes after retainUnread; queued and running tasks never go. Time is moved by moving
 * rows back in database time.
 */
class RetentionTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Test
    void finishedTasksStayAtLeastTheMinimumAndUntilReadUnreadOnesUntilTheLongestRetention() {
        PostgresTaskStore store = db.closeLater(db.store("retention").retainFinished(Duration.ofMinutes(15))
                .retainUnread(Duration.ofDays(1)).build());
        TaskId read = finished(store);
        TaskId unread = finished(store);
        TaskId queued = TaskId.of(UUID.randomUUID().toString());
        store.create(TaskSnapshot.queued(queued, "eto.batch", T0),
                TaskOptions.defaults().withType("eto.batch"), Map.of());
        assertTrue(store.markRead(read));
        assertFalse(store.markRead(read), "the first read counts");
        assertFalse(store.markRead(queued), "an unfinished task is not marked");

        // Within the minimum: nothing goes, read or not.
        assertEquals(0, store.purgeFinished());
        // Past the minimum: the read one goes, the unread one stays.
        age("20 minutes");
        assertEquals(1, store.purgeFinished());
        assertEquals(Optional.empty(), store.find(read));
        assertTrue(store.find(unread).isPresent(), "unread: kept past the minimum");
        // Past the unread limit: it goes too; the queued task never does.
        age("1 day");
        assertEquals(1, store.purgeFinished());
        assertEquals(Optional.empty(), store.find(unread));
        assertEquals(TaskState.QUEUED, store.find(queued).orElseThrow().state());
    }

    private static void age(String interval) {
        db.execute("UPDATE eto_task SET updated_at = updated_at - interval '" + interval + "', "
                + "read_at = read_at - interval '" + interval
                + "' WHERE state IN ('succeeded', 'failed', 'cancelled')");
    }

    private static TaskId finished(PostgresTaskStore store) {
        TaskId id = TaskId.of(UUID.randomUUID().toString());
        TaskSnapshot q = TaskSnapshot.queued(id, "eto.batch", T0);
        store.create(q, TaskOptions.defaults().withType("eto.batch"), Map.of());
        TaskSnapshot r = new TaskSnapshot(id, q.type(), TaskState.RUNNING, 1, 1, T0, Optional.of(T0),
                Optional.empty(), q.progress(), false, Optional.empty());
        store.append(r, new TaskEvent.StateChanged(id, 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        TaskEvent.Completed done = new TaskEvent.Completed(id, 2, T0, TaskState.RUNNING,
                TaskResult.of(Map.of("eto", 1.5)));
        store.append(new TaskSnapshot(id, q.type(), TaskState.SUCCEEDED, 1, 2, T0, Optional.of(T0), Optional.of(T0),
                q.progress(), false, Optional.of(done)), done);
        assertTrue(store.find(id).orElseThrow().isTerminal());
        return id;
    }
}
