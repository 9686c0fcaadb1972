package org.eto4j.progress.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

class InMemoryTaskStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Builds a task through QUEUED → RUNNING → progress × n → SUCCEEDED in the store. */
    static TaskSnapshot runToEnd(TaskStore store, TaskId id, int progressEvents, TaskResult result) {
        TaskSnapshot s = TaskSnapshot.queued(id, "test", T0);
        store.create(s, TaskOptions.defaults(), null);
        s = next(s, TaskState.RUNNING, 1, Optional.empty());
        store.append(s, new TaskEvent.StateChanged(id, s.seq(), T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        for (int i = 1; i <= progressEvents; i++) {
            TaskProgress p = new TaskProgress(i, progressEvents, Stage.COMPUTE, List.of(), 1000);
            s = new TaskSnapshot(id, s.type(), s.state(), 1, s.seq() + 1, T0, Optional.of(T0), Optional.empty(), p,
                    false, Optional.empty());
            store.append(s, new TaskEvent.Progress(id, s.seq(), T0, p));
        }
        TaskEvent.Completed done = new TaskEvent.Completed(id, s.seq() + 1, T0, TaskState.RUNNING, result);
        s = new TaskSnapshot(id, s.type(), TaskState.SUCCEEDED, 1, done.seq(), T0, Optional.of(T0), Optional.of(T0),
                s.progress(), false, Optional.of(done));
        store.append(s, done);
        return s;
    }

    private static TaskSnapshot next(TaskSnapshot s, TaskState state, int attempt,
            Optional<TaskEvent.Terminal> outcome) {
        return new TaskSnapshot(s.id(), s.type(), state, attempt, s.seq() + 1, s.createdAt(), Optional.of(T0),
                state.isTerminal() ? Optional.of(T0) : Optional.empty(), s.progress(), s.cancelRequested(), outcome);
    }

    @Test
    void finishedTasksExpireAfterTheRetentionRunningOnesNever() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker)
                .retainFinished(Duration.ofHours(1)).build();
        TaskId running = TaskId.of("running");
        TaskSnapshot r = TaskSnapshot.queued(running, "test", T0);
        store.create(r, TaskOptions.defaults(), null);
        TaskId finished = TaskId.of("finished");
        runToEnd(store, finished, 3, TaskResult.of(1));
        advance(Duration.ofMinutes(59));
        store.cleanUp();
        assertTrue(store.find(finished).isPresent());
        advance(Duration.ofMinutes(2));
        store.cleanUp();
        assertTrue(store.find(finished).isEmpty(), "expired");
        assertTrue(store.eventsAfter(finished, 0).isEmpty());
        advance(Duration.ofDays(30));
        store.cleanUp();
        assertTrue(store.find(running).isPresent(), "queued tasks never expire");
    }

    @Test
    void capacityNeverEvictsQueuedTasksNorPromisedResults() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker).maximumFinished(3).build();
        for (int i = 0; i < 20; i++) {
            store.create(TaskSnapshot.queued(TaskId.of("q" + i), "test", T0), TaskOptions.defaults(), null);
        }
        for (int i = 0; i < 10; i++) {
            runToEnd(store, TaskId.of("f" + i), 1, TaskResult.none());
        }
        // Over capacity, but every finished task is within its minimum retention and unread: all are kept.
        assertEquals(30, store.size());
        assertFalse(store.canAccept(1), "a full store refuses new work instead of dropping a result");
        for (int i = 0; i < 20; i++) {
            assertTrue(store.find(TaskId.of("q" + i)).isPresent());
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(store.find(TaskId.of("f" + i)).isPresent());
        }
    }

    @Test
    void anUnreadResultIsKeptPastTheMinimumUntilReadAReadOneMayGoAfterTheMinimum() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker).weigher(ROWS).maximumWeight(100)
                .minimumRetention(Duration.ofMinutes(15)).retainFinished(Duration.ofHours(1)).build();
        TaskId read = TaskId.of("read");
        TaskId unread = TaskId.of("unread");
        runToEnd(store, read, 1, TaskResult.of(50L));
        runToEnd(store, unread, 1, TaskResult.of(50L));
        assertEquals(100, store.weight(), "weighed by what each result holds");
        assertTrue(store.markRead(read));
        // Read, but within the minimum: still promised.
        advance(Duration.ofMinutes(14));
        assertFalse(store.canAccept(10));
        assertTrue(store.find(read).isPresent());
        // Past the minimum: the read one may go to make room, the unread one stays.
        advance(Duration.ofMinutes(2));
        assertTrue(store.canAccept(10));
        assertTrue(store.find(read).isEmpty(), "read and past the minimum: evicted for room");
        assertTrue(store.find(unread).isPresent());
        assertEquals(50, store.weight());
        // Unread past the minimum: kept, and no room is made from it.
        assertFalse(store.canAccept(60));
        advance(Duration.ofMinutes(30));
        store.cleanUp();
        assertTrue(store.find(unread).isPresent(), "unread: kept until read (up to retainFinished)");
        // retainFinished is the longest any result stays.
        advance(Duration.ofMinutes(15));
        store.cleanUp();
        assertTrue(store.find(unread).isEmpty());
        assertEquals(0, store.weight());
        assertTrue(store.canAccept(100));
    }

    @Test
    void evictionOrderIsByFinishOrLastReadNeverByFrequency() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker).weigher(ROWS).maximumWeight(40)
                .minimumRetention(Duration.ZERO).build();
        for (String name : List.of("a", "b", "c", "d")) {
            runToEnd(store, TaskId.of(name), 1, TaskResult.of(10L));
            advance(Duration.ofSeconds(1));
        }
        // Read d first, then c many times (frequency must not matter), then a last: order = b (unread), d, c, a.
        store.markRead(TaskId.of("d"));
        advance(Duration.ofSeconds(1));
        for (int i = 0; i < 50; i++) {
            store.markRead(TaskId.of("c"));
            store.find(TaskId.of("c"));
        }
        advance(Duration.ofSeconds(1));
        store.markRead(TaskId.of("a"));
        assertTrue(store.canAccept(10));
        assertEquals(List.of(true, true, true, false), present(store, "a", "b", "c", "d"), "least recently read first");
        assertTrue(store.canAccept(20));
        assertEquals(List.of(true, true, false, false), present(store, "a", "b", "c", "d"));
        assertTrue(store.canAccept(30));
        assertEquals(List.of(false, true, false, false), present(store, "a", "b", "c", "d"));
        assertFalse(store.canAccept(31), "b is unread: never evicted for room");
        assertEquals(List.of(false, true, false, false), present(store, "a", "b", "c", "d"));
    }

    @Test
    void queuedTasksCountWithTheirReservation() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker).weigher(ROWS).maximumWeight(100).build();
        store.create(TaskSnapshot.queued(TaskId.of("q"), "test", T0), TaskOptions.defaults(), 70L);
        assertEquals(70, store.weight());
        assertFalse(store.canAccept(31));
        assertTrue(store.canAccept(30));
        store.remove(TaskId.of("q"));
        assertEquals(0, store.weight());
    }

    private static List<Boolean> present(InMemoryTaskStore store, String... ids) {
        return java.util.Arrays.stream(ids).map(i -> store.find(TaskId.of(i)).isPresent()).toList();
    }

    /** Weighs a finished task by its result (a Long: "rows"), a queued one by its parameters (a Long). */
    private static final InMemoryTaskStore.Weigher ROWS = new InMemoryTaskStore.Weigher() {
        @Override
        public long weigh(TaskSnapshot finished) {
            return finished.outcome().filter(o -> o instanceof TaskEvent.Completed)
                    .map(o -> ((TaskEvent.Completed) o).result())
                    .filter(r -> r instanceof TaskResult.Value).map(r -> ((TaskResult.Value) r).value())
                    .filter(v -> v instanceof Long).map(v -> (Long) v).orElse(0L);
        }

        @Override
        public long reserve(TaskSnapshot queued, Object parameters) {
            return parameters instanceof Long l ? l : 0;
        }
    };

    @Test
    void tailKeepsStateEventsAndOnlyTheNewestProgress() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().progressEventsKept(2).build();
        TaskId id = TaskId.of("t");
        TaskSnapshot s = TaskSnapshot.queued(id, "test", T0);
        store.create(s, TaskOptions.defaults(), null);
        s = next(s, TaskState.RUNNING, 1, Optional.empty());
        store.append(s, new TaskEvent.StateChanged(id, 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        for (int i = 0; i < 5; i++) {
            TaskProgress p = new TaskProgress(i, 10, Stage.COMPUTE, List.of(), -1);
            s = new TaskSnapshot(id, "test", TaskState.RUNNING, 1, s.seq() + 1, T0, Optional.of(T0), Optional.empty(),
                    p, false, Optional.empty());
            store.append(s, new TaskEvent.Progress(id, s.seq(), T0, p));
        }
        assertEquals(List.of(1L, 5L, 6L), store.eventsAfter(id, 0).stream().map(TaskEvent::seq).toList());
        assertEquals(List.of(6L), store.eventsAfter(id, 5).stream().map(TaskEvent::seq).toList());
        // a stale write (seq not newer) is ignored
        store.append(TaskSnapshot.queued(id, "test", T0), new TaskEvent.StateChanged(id, 3, T0, TaskState.RUNNING,
                TaskState.QUEUED, 2));
        assertEquals(TaskState.RUNNING, store.find(id).orElseThrow().state());
        // cancellation requests survive later appends
        assertTrue(store.requestCancel(id).orElseThrow().cancelRequested());
        TaskEvent.Cancelled c = new TaskEvent.Cancelled(id, 7, T0, TaskState.RUNNING, CancelReason.REQUESTED);
        s = new TaskSnapshot(id, "test", TaskState.CANCELLED, 1, 7, T0, Optional.of(T0), Optional.of(T0), s.progress(),
                false, Optional.of(c));
        store.append(s, c);
        assertTrue(store.find(id).orElseThrow().cancelRequested());
        // once ended, progress events leave the tail
        assertEquals(List.of(1L, 7L), store.eventsAfter(id, 0).stream().map(TaskEvent::seq).toList());
        assertTrue(store.requestCancel(TaskId.of("unknown")).isEmpty());
    }

    @Test
    void duplicatesAndBadOptionsAreTypedErrors() {
        InMemoryTaskStore store = InMemoryTaskStore.create();
        store.create(TaskSnapshot.queued(TaskId.of("a"), "test", T0), TaskOptions.defaults(), null);
        ProgressException e = assertThrows(ProgressException.class,
                () -> store.create(TaskSnapshot.queued(TaskId.of("a"), "test", T0), TaskOptions.defaults(), null));
        assertEquals(ProgressErrorCode.DUPLICATE_TASK, e.code());
        e = assertThrows(ProgressException.class,
                () -> InMemoryTaskStore.builder().retainFinished(Duration.ZERO).build());
        assertEquals("retainFinished", e.args().get(0));
        e = assertThrows(ProgressException.class, () -> InMemoryTaskStore.builder().progressEventsKept(-1).build());
        assertEquals("progressEventsKept", e.args().get(0));
        e = assertThrows(ProgressException.class, () -> InMemoryTaskStore.builder()
                .retainFinished(Duration.ofMinutes(5))
                .minimumRetention(Duration.ofMinutes(10)).build());
        assertEquals("minimumRetention", e.args().get(0));
        e = assertThrows(ProgressException.class, () -> InMemoryTaskStore.builder().maximumWeight(-1).build());
        assertEquals("maximumWeight", e.args().get(0));
    }
}
