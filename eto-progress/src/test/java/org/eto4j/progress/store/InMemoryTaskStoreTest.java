package org.eto4j.progress.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static TaskSnapshot next(TaskSnapshot s, TaskState state, int attempt, Optional<TaskEvent.Terminal> outcome) {
        return new TaskSnapshot(s.id(), s.type(), state, attempt, s.seq() + 1, s.createdAt(), Optional.of(T0),
                state.isTerminal() ? Optional.of(T0) : Optional.empty(), s.progress(), s.cancelRequested(), outcome);
    }

    @Test
    void finishedTasksExpireAfterTheRetentionRunningOnesNever() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker).retainFinished(Duration.ofHours(1)).build();
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
    void sizeBoundEvictsOnlyFinishedTasks() {
        InMemoryTaskStore store = InMemoryTaskStore.builder().ticker(ticker).maximumFinished(3).build();
        for (int i = 0; i < 20; i++) {
            store.create(TaskSnapshot.queued(TaskId.of("q" + i), "test", T0), TaskOptions.defaults(), null);
        }
        for (int i = 0; i < 10; i++) {
            runToEnd(store, TaskId.of("f" + i), 1, TaskResult.none());
        }
        assertEquals(23, store.size());
        for (int i = 0; i < 20; i++) {
            assertTrue(store.find(TaskId.of("q" + i)).isPresent());
        }
    }

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
        e = assertThrows(ProgressException.class, () -> InMemoryTaskStore.builder().retainFinished(Duration.ZERO).build());
        assertEquals("retainFinished", e.args().get(0));
        e = assertThrows(ProgressException.class, () -> InMemoryTaskStore.builder().progressEventsKept(-1).build());
        assertEquals("progressEventsKept", e.args().get(0));
    }
}
