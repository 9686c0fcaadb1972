package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.CancelOutcome;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.store.TaskStore;
import org.eto4j.progress.testing.Recorder;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaskStore} must show beyond eto-progress's own {@code TaskStoreContract} (which both stores
 * also pass): JSON-shaped results and errors, fencing, retention, and the engine's behaviour on top of it. One
 * abstract suite, run against the in-memory store and the PostgreSQL store. Tasks are of registered types, since
 * a shared-queue store accepts no others.
 */
abstract class EngineStoreContract {
    /** Whole milliseconds: every store keeps them exactly (PostgreSQL keeps microseconds). */
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TaskStore store;
    private TaskEngine engine;

    /** A new store with its default retention. */
    protected abstract TaskStore newStore();

    /** Makes every task that finished so far older than the store's retention, and runs the retention. */
    protected abstract void expireFinished(TaskStore store);

    private TaskStore store() {
        if (store == null) {
            store = newStore();
        }
        return store;
    }

    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    private TaskEngine engine() {
        if (engine == null) {
            engine = TaskEngine.builder().store(store()).workers(2)
                    .taskType("echo", params -> ctx -> TaskResult.of(params))
                    .taskType("eto.batch", params -> ctx -> {
                        ctx.stage(Stage.COMPUTE, "A1");
                        ctx.total(4);
                        ctx.advance(4);
                        return TaskResult.of(Map.of("eto", 3.25));
                    })
                    .taskType("fail", params -> ctx -> {
                        throw TaskFailure.permanent("ETO-1001", "error.eto.missing_input", "tmax", 7);
                    })
                    .taskType("gate", params -> ctx -> {
                        ctx.stage(Stage.VALIDATE);
                        started.countDown();
                        if (!go.await(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("not released");
                        }
                        return TaskResult.of("done");
                    })
                    .build();
        }
        return engine;
    }

    private static final TaskOptions OPTIONS = TaskOptions.defaults();

    @AfterEach
    void closeAll() {
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
        if (store != null) {
            store.close();
        }
    }

    private static TaskSnapshot queued() {
        return TaskSnapshot.queued(TaskId.random(), "contract", T0);
    }

    private static TaskSnapshot next(TaskSnapshot s, TaskState state, long seq, TaskProgress p,
            Optional<TaskEvent.Terminal> outcome) {
        return new TaskSnapshot(s.id(), s.type(), state, s.attempt(), seq, s.createdAt(), Optional.of(T0.plusMillis(1)),
                outcome.map(TaskEvent::timestamp), p, false, outcome);
    }

    private TaskSnapshot running(TaskSnapshot q) {
        TaskSnapshot r = next(q, TaskState.RUNNING, 1, q.progress(), Optional.empty());
        store().append(r,
                new TaskEvent.StateChanged(q.id(), 1, T0.plusMillis(1), TaskState.QUEUED, TaskState.RUNNING, 1));
        return r;
    }

    // ---- the SPI ----

    @Test
    void aCreatedTaskIsFoundAndAnUnknownOneIsNot() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), Map.of("station", "A1"));
        assertEquals(Optional.of(q), store().find(q.id()));
        assertEquals(Optional.empty(), store().find(TaskId.random()));
        assertEquals(List.of(), store().eventsAfter(TaskId.random(), -1));
        assertEquals(List.of(), store().eventsAfter(q.id(), -1));
    }

    @Test
    void aDuplicateIdIsRejected() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), null);
        ProgressException e = assertThrows(ProgressException.class,
                () -> store().create(q, TaskOptions.defaults().withType(q.type()), null));
        assertEquals(ProgressErrorCode.DUPLICATE_TASK, e.code());
    }

    @Test
    void appendedEventsMoveTheSnapshotAndAreReplayedInOrder() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), null);
        TaskSnapshot r = running(q);
        assertEquals(Optional.of(r), store().find(q.id()));
        TaskEvent.Completed done = new TaskEvent.Completed(q.id(), 2, T0.plusMillis(5), TaskState.RUNNING,
                TaskResult.of(Map.of("etoMillimetres", 4.5, "days", List.of("2026-01-01"), "ok", true)));
        TaskSnapshot end = next(r, TaskState.SUCCEEDED, 2, r.progress(), Optional.of(done));
        store().append(end, done);

        assertEquals(Optional.of(end), store().find(q.id()));
        List<TaskEvent> all = store().eventsAfter(q.id(), 0);
        assertEquals(2, all.size());
        assertInstanceOf(TaskEvent.StateChanged.class, all.get(0));
        assertEquals(done, all.get(1));
        assertEquals(List.of(done), store().eventsAfter(q.id(), 1));
        assertEquals(List.of(), store().eventsAfter(q.id(), 2));
    }

    @Test
    void aStaleOrRepeatedWriteNeverMovesATaskBack() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), null);
        TaskSnapshot r = running(q);
        TaskEvent.Failed failed = new TaskEvent.Failed(q.id(), 2, T0.plusMillis(3), TaskState.RUNNING,
                new TaskError("ETO-2001", "error.eto.station", List.of("A1", 3), false, "tmax", 41));
        TaskSnapshot end = next(r, TaskState.FAILED, 2, r.progress(), Optional.of(failed));
        store().append(end, failed);
        // a late writer replays seq 2 and an older seq 1
        store().append(next(r, TaskState.CANCELLING, 2, r.progress(), Optional.empty()),
                new TaskEvent.StateChanged(q.id(), 2, T0.plusMillis(4), TaskState.RUNNING, TaskState.CANCELLING, 1));
        store().append(r,
                new TaskEvent.StateChanged(q.id(), 1, T0.plusMillis(1), TaskState.QUEUED, TaskState.RUNNING, 1));
        assertEquals(Optional.of(end), store().find(q.id()));
        assertEquals(List.of(failed), store().eventsAfter(q.id(), 1));
    }

    @Test
    void aCancelRequestSurvivesLaterAppends() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), null);
        TaskSnapshot r = running(q);
        assertTrue(store().requestCancel(q.id()).orElseThrow().cancelRequested());
        TaskProgress p = new TaskProgress(3, 10, Stage.COMPUTE, List.of("A1"), TaskProgress.UNKNOWN);
        store().append(next(r, TaskState.RUNNING, 2, p, Optional.empty()),
                new TaskEvent.Progress(q.id(), 2, T0.plusMillis(2), p));
        TaskSnapshot found = store().find(q.id()).orElseThrow();
        assertTrue(found.cancelRequested());
        assertEquals(TaskState.RUNNING, found.state());
        assertEquals(p, found.progress());
        assertEquals(Optional.empty(), store().requestCancel(TaskId.random()));
    }

    @Test
    void aReferenceResultRoundTrips() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), null);
        TaskSnapshot r = running(q);
        TaskEvent.Completed done = new TaskEvent.Completed(q.id(), 2, T0.plusMillis(5), TaskState.RUNNING,
                TaskResult.reference(URI.create("s3://results/eto/run-7.csv"), "text/csv", 123_456));
        store().append(next(r, TaskState.SUCCEEDED, 2, r.progress(), Optional.of(done)), done);
        TaskEvent.Terminal outcome = store().find(q.id()).orElseThrow().outcome().orElseThrow();
        assertEquals(done, outcome);
    }

    @Test
    void removedTasksAreUnknown() {
        TaskSnapshot q = queued();
        store().create(q, TaskOptions.defaults().withType(q.type()), null);
        store().remove(q.id());
        assertEquals(Optional.empty(), store().find(q.id()));
        assertEquals(List.of(), store().eventsAfter(q.id(), -1));
    }

    @Test
    void finishedTasksExpireButQueuedAndRunningOnesNever() {
        TaskSnapshot finished = queued();
        store().create(finished, TaskOptions.defaults().withType(finished.type()), null);
        TaskSnapshot r = running(finished);
        TaskEvent.Cancelled c = new TaskEvent.Cancelled(finished.id(), 2, T0.plusMillis(2),
                TaskState.RUNNING, CancelReason.SHUTDOWN);
        // RUNNING -> CANCELLED is not a transition; go through CANCELLING as the engine does
        TaskSnapshot cancelling = next(r, TaskState.CANCELLING, 2, r.progress(), Optional.empty());
        store().append(cancelling,
                new TaskEvent.StateChanged(finished.id(), 2, T0.plusMillis(2), TaskState.RUNNING,
                        TaskState.CANCELLING, 1));
        TaskEvent.Cancelled c3 = new TaskEvent.Cancelled(finished.id(), 3, c.timestamp(),
                TaskState.CANCELLING, CancelReason.SHUTDOWN);
        store().append(next(r, TaskState.CANCELLED, 3, r.progress(), Optional.of(c3)), c3);
        TaskSnapshot waiting = queued();
        store().create(waiting, TaskOptions.defaults().withType(waiting.type()), null);
        TaskSnapshot busy = queued();
        store().create(busy, TaskOptions.defaults().withType(busy.type()), null);
        running(busy);

        assertTrue(store().find(finished.id()).isPresent(), "kept until the retention elapses");
        expireFinished(store());
        assertEquals(Optional.empty(), store().find(finished.id()));
        assertEquals(TaskState.QUEUED, store().find(waiting.id()).orElseThrow().state());
        assertEquals(TaskState.RUNNING, store().find(busy.id()).orElseThrow().state());
    }

    // ---- under an engine ----

    @Test
    void anEngineRunsTasksToAStoredOutcome() throws Exception {
        TaskId ok = engine().submit("eto.batch", null, OPTIONS);
        TaskId bad = engine().submit("fail", null, OPTIONS);
        TaskId typed = engine().submit("echo", Map.of("station", "B2", "days", 31), OPTIONS);

        TaskSnapshot s = awaitEnd(ok);
        assertEquals(TaskState.SUCCEEDED, s.state());
        assertEquals(Map.of("eto", 3.25),
                ((TaskResult.Value) ((TaskEvent.Completed) s.outcome().orElseThrow()).result()).value());
        assertEquals(new TaskProgress(4, 4, Stage.COMPUTE, List.of("A1"), 0), s.progress());
        assertEquals("eto.batch", s.type());

        TaskSnapshot f = awaitEnd(bad);
        TaskEvent.Failed failed = assertInstanceOf(TaskEvent.Failed.class, f.outcome().orElseThrow());
        assertEquals("ETO-1001", failed.error().code());
        assertEquals(List.of("tmax", 7), failed.error().args());

        TaskSnapshot t = awaitEnd(typed);
        assertEquals(Map.of("station", "B2", "days", 31),
                ((TaskResult.Value) ((TaskEvent.Completed) t.outcome().orElseThrow()).result()).value());
        assertEquals("echo", t.type());
    }

    @Test
    void aSubscriberSeesSnapshotThenEventsThenTheEndAndCanResume() throws Exception {
        TaskId id = engine().submit("gate", null, OPTIONS);
        assertTrue(started.await(20, TimeUnit.SECONDS));
        Recorder live = new Recorder();
        engine().subscribe(id, live).orElseThrow();
        go.countDown();
        assertEquals(Subscription.CloseReason.TASK_ENDED, live.awaitClose(WAIT));
        List<TaskEvent> events = live.events();
        assertInstanceOf(TaskEvent.Snapshot.class, events.get(0));
        assertInstanceOf(TaskEvent.Completed.class, events.get(events.size() - 1));
        long last = -1;
        for (TaskEvent e : events) {
            assertTrue(e.seq() >= last, "sequence never goes down: " + events);
            last = e.seq();
        }

        Recorder resumed = new Recorder();
        engine().subscribe(id, 0, resumed).orElseThrow();
        assertEquals(Subscription.CloseReason.TASK_ENDED, resumed.awaitClose(WAIT));
        TaskEvent.Snapshot snap = assertInstanceOf(TaskEvent.Snapshot.class, resumed.events().get(0));
        assertEquals(1, resumed.events().size());
        assertTrue(snap.task().isTerminal());
        List<TaskEvent> replay = snap.replay();
        assertInstanceOf(TaskEvent.StateChanged.class, replay.get(0));
        assertInstanceOf(TaskEvent.Completed.class, replay.get(replay.size() - 1));
        assertFalse(replay.stream().anyMatch(e -> e instanceof TaskEvent.Progress));
    }

    @Test
    void cancellingARunningTaskThroughTheEngineEndsItCancelled() throws Exception {
        TaskId id = engine().submit("gate", null, OPTIONS); // waits until interrupted by the cancellation
        assertTrue(started.await(20, TimeUnit.SECONDS));
        assertEquals(CancelOutcome.REQUESTED, engine().cancel(id));
        TaskSnapshot s = awaitEnd(id);
        assertEquals(TaskState.CANCELLED, s.state());
        assertTrue(s.cancelRequested());
        assertEquals(CancelOutcome.ALREADY_ENDED, engine().cancel(id));
        assertEquals(CancelOutcome.UNKNOWN, engine().cancel(TaskId.random()));
    }

    private TaskSnapshot awaitEnd(TaskId id) {
        AtomicReference<TaskSnapshot> ended = new AtomicReference<>();
        Await.until(
                () -> ended.updateAndGet(x -> engine().find(id).filter(TaskSnapshot::isTerminal).orElse(null)) != null,
                WAIT, () -> "task " + id + " to end");
        return ended.get();
    }
}
