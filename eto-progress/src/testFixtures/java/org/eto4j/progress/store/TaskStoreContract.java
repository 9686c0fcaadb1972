package org.eto4j.progress.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.RetryPolicy;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskStore} must show. A store module extends this class and supplies a fresh,
 * empty store; the in-memory store runs it in {@code InMemoryTaskStoreContractTest}. One of this module's test
 * fixtures (src/testFixtures/java), a test source root of every module that uses it.
 */
public abstract class TaskStoreContract {
    /** A fixed instant; stores must keep timestamps to the microsecond at least. */
    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** The store under test, fresh for every test. */
    protected TaskStore store;

    /**
     * Creates a fresh, empty store.
     *
     * @return the store
     */
    protected abstract TaskStore newStore();

    @BeforeEach
    protected void openStore() {
        store = newStore();
    }

    @AfterEach
    protected void closeStore() {
        store.close();
    }

    private static TaskSnapshot running(TaskSnapshot s, long seq, TaskProgress p) {
        return new TaskSnapshot(s.id(), s.type(), TaskState.RUNNING, s.attempt(), seq, s.createdAt(), Optional.of(T0),
                Optional.empty(), p, false, Optional.empty());
    }

    private TaskSnapshot createQueued(String id) {
        TaskSnapshot s = TaskSnapshot.queued(TaskId.of(id), "contract", T0);
        store.create(s, TaskOptions.defaults().withType("contract").withTimeout(Duration.ofMinutes(5))
                .withRetry(RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(8))),
                Map.of("station", "A001", "days", 365));
        return s;
    }

    @Test
    protected void createdTasksAreFoundQueuedAtSeqZero() {
        TaskSnapshot s = createQueued("t-1");
        assertEquals(Optional.of(s), store.find(s.id()));
        assertEquals(List.of(), store.eventsAfter(s.id(), -1));
    }

    @Test
    protected void unknownIdsAreEmpty() {
        TaskId unknown = TaskId.of("never-created");
        assertTrue(store.find(unknown).isEmpty());
        assertTrue(store.eventsAfter(unknown, 0).isEmpty());
        assertTrue(store.requestCancel(unknown).isEmpty());
    }

    @Test
    protected void duplicateIdsAreRejected() {
        createQueued("dup");
        ProgressException e = assertThrows(ProgressException.class, () -> createQueued("dup"));
        assertEquals(ProgressErrorCode.DUPLICATE_TASK, e.code());
    }

    @Test
    protected void appendsMoveTheSnapshotAndKeepStateAndTerminalEventsInOrder() {
        TaskSnapshot s = createQueued("t-2");
        TaskId id = s.id();
        TaskSnapshot r = running(s, 1, TaskProgress.NONE);
        store.append(r, new TaskEvent.StateChanged(id, 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        TaskProgress p = new TaskProgress(10, 100, Stage.COMPUTE, List.of("A001", 3, 2.5, true), 900);
        r = running(s, 2, p);
        store.append(r, new TaskEvent.Progress(id, 2, T0, p));
        assertEquals(Optional.of(r), store.find(id));

        TaskError error = new TaskError("SRC-5001", "error.source.unavailable", List.of("inmet", 503), true);
        TaskEvent.Failed failed = new TaskEvent.Failed(id, 3, T0.plusSeconds(2), TaskState.RUNNING, error);
        TaskSnapshot end = new TaskSnapshot(id, "contract", TaskState.FAILED, 1, 3, T0, Optional.of(T0),
                Optional.of(T0.plusSeconds(2)), p, false, Optional.of(failed));
        store.append(end, failed);
        assertEquals(Optional.of(end), store.find(id));
        List<TaskEvent> tail = store.eventsAfter(id, 0);
        assertInstanceOf(TaskEvent.StateChanged.class, tail.get(0));
        assertEquals(failed, tail.get(tail.size() - 1));
        assertTrue(tail.stream().map(TaskEvent::seq).toList().equals(List.of(1L, 3L))
                || tail.stream().map(TaskEvent::seq).toList().equals(List.of(1L, 2L, 3L)), tail.toString());
        assertEquals(List.of(failed), store.eventsAfter(id, 2));
        assertEquals(List.of(), store.eventsAfter(id, 3));
    }

    @Test
    protected void resultsRoundTrip() {
        TaskSnapshot s = createQueued("t-3");
        TaskId id = s.id();
        store.append(running(s, 1, TaskProgress.NONE),
                new TaskEvent.StateChanged(id, 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        TaskResult result = TaskResult.of(Map.of("etoMm", 4.25, "station", "A001"));
        TaskEvent.Completed done = new TaskEvent.Completed(id, 2, T0, TaskState.RUNNING, result);
        TaskSnapshot end = new TaskSnapshot(id, "contract", TaskState.SUCCEEDED, 1, 2, T0, Optional.of(T0),
                Optional.of(T0), TaskProgress.NONE, false, Optional.of(done));
        store.append(end, done);
        TaskEvent.Completed read = (TaskEvent.Completed) store.find(id).orElseThrow().outcome().orElseThrow();
        assertEquals(result, read.result());

        TaskSnapshot c = createQueued("t-4");
        TaskEvent.Cancelled cancelled = new TaskEvent.Cancelled(c.id(), 1, T0, TaskState.QUEUED, CancelReason.SHUTDOWN);
        store.append(new TaskSnapshot(c.id(), "contract", TaskState.CANCELLED, 1, 1, T0, Optional.empty(),
                Optional.of(T0), TaskProgress.NONE, false, Optional.of(cancelled)), cancelled);
        assertEquals(cancelled, store.find(c.id()).orElseThrow().outcome().orElseThrow());
    }

    @Test
    protected void staleAppendsNeverMoveATaskBack() {
        TaskSnapshot s = createQueued("t-5");
        TaskId id = s.id();
        TaskSnapshot r = running(s, 1, TaskProgress.NONE);
        store.append(r, new TaskEvent.StateChanged(id, 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        try {
            store.append(s, new TaskEvent.StateChanged(id, 1, T0, TaskState.RUNNING, TaskState.QUEUED, 2));
        } catch (RuntimeException rejected) {
            // rejecting is allowed too
        }
        assertEquals(TaskState.RUNNING, store.find(id).orElseThrow().state());
        assertEquals(1, store.find(id).orElseThrow().seq());
    }

    @Test
    protected void cancelRequestsComeFromAnywhereAndSurviveAppends() {
        TaskSnapshot s = createQueued("t-6");
        TaskId id = s.id();
        assertTrue(store.requestCancel(id).orElseThrow().cancelRequested());
        TaskSnapshot r = running(s, 1, TaskProgress.NONE); // the writer did not know yet
        assertFalse(r.cancelRequested());
        store.append(r, new TaskEvent.StateChanged(id, 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
        assertTrue(store.find(id).orElseThrow().cancelRequested());
        assertEquals(TaskState.RUNNING, store.find(id).orElseThrow().state());
    }

    @Test
    protected void removedTasksAreUnknown() {
        TaskSnapshot s = createQueued("t-7");
        store.remove(s.id());
        assertTrue(store.find(s.id()).isEmpty());
    }
}
