package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.testing.ManualClock;
import org.eto4j.progress.testing.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskEngineTest {
    private final ManualClock clock = new ManualClock();
    private final List<CountDownLatch> releaseAtEnd = new ArrayList<>();
    private TaskEngine engine;

    private TaskEngine.Builder builder(int workers) {
        return TaskEngine.builder().workers(workers).clock(clock).tickInterval(Duration.ofMillis(5))
                .threadNamePrefix("engine-test").cancelGrace(Duration.ofSeconds(2));
    }

    private TaskEngine start(TaskEngine.Builder b) {
        engine = b.build();
        return engine;
    }

    private CountDownLatch latch() {
        CountDownLatch l = new CountDownLatch(1);
        releaseAtEnd.add(l);
        return l;
    }

    @AfterEach
    void stop() {
        releaseAtEnd.forEach(CountDownLatch::countDown);
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    private static void await(CountDownLatch l) throws InterruptedException {
        if (!l.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("latch not reached in time");
        }
    }

    private TaskSnapshot awaitState(TaskId id, TaskState state) throws InterruptedException {
        Poll.until(() -> engine.find(id).map(s -> s.state() == state).orElse(false), id + " " + state);
        return engine.find(id).orElseThrow();
    }

    /** Blocks until released; interruptible, so it acknowledges cancellation by throwing. */
    private Task blocking(CountDownLatch started, CountDownLatch release) {
        return ctx -> {
            started.countDown();
            release.await();
            return TaskResult.of("done");
        };
    }

    @Test
    void submitReturnsIdsWhileEveryWorkerIsBlocked() throws Exception {
        start(builder(2).queueCapacity(1000));
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = latch();
        engine.submit(blocking(started, release));
        engine.submit(blocking(started, release));
        await(started);
        List<TaskId> ids = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            List<TaskId> out = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                out.add(engine.submit(ctx -> TaskResult.none()));
            }
            return out;
        });
        assertEquals(500, ids.stream().distinct().count());
        for (TaskId id : ids) {
            TaskSnapshot s = engine.find(id).orElseThrow();
            assertEquals(TaskState.QUEUED, s.state());
            assertEquals(0, s.seq());
            assertEquals(1, s.attempt());
            assertEquals(clock.instant(), s.createdAt());
            assertTrue(s.startedAt().isEmpty());
        }
        release.countDown();
        for (TaskId id : ids) {
            awaitState(id, TaskState.SUCCEEDED);
        }
    }

    @Test
    void unknownIdsAreUnknownNeverQueued() {
        start(builder(1));
        TaskId unknown = TaskId.of("no-such-task");
        assertTrue(engine.find(unknown).isEmpty());
        assertEquals(CancelOutcome.UNKNOWN, engine.cancel(unknown));
        assertTrue(engine.subscribe(unknown, new Recorder()).isEmpty());
        assertTrue(engine.subscribe(unknown, 3, new Recorder()).isEmpty());
    }

    @Test
    void happyPathPublishesSnapshotStatesProgressAndOneCompletion() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = latch();
        TaskId id = engine.submit(ctx -> {
            started.countDown();
            go.await();
            ctx.stage(Stage.COMPUTE, "station-A", 12);
            ctx.progress(7, 7);
            return TaskResult.of(List.of(1.5, 2.5));
        }, TaskOptions.defaults().withType("demo"));
        await(started);
        Recorder r = new Recorder();
        engine.subscribe(id, r).orElseThrow();
        go.countDown();
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());

        List<TaskEvent> events = r.events();
        TaskEvent.Snapshot snap = assertInstanceOf(TaskEvent.Snapshot.class, events.get(0));
        assertEquals(TaskState.RUNNING, snap.task().state());
        assertEquals("demo", snap.task().type());
        assertEquals(1, snap.seq());
        // A tick may publish the stage before its total is set; the final value always precedes the end.
        for (TaskEvent e : events.subList(1, events.size() - 2)) {
            assertInstanceOf(TaskEvent.Progress.class, e);
        }
        TaskEvent.Progress p = assertInstanceOf(TaskEvent.Progress.class, events.get(events.size() - 2));
        assertEquals(new TaskProgress(7, 7, Stage.COMPUTE, List.of("station-A", 12), 0), p.progress());
        TaskEvent.Completed done = assertInstanceOf(TaskEvent.Completed.class, events.get(events.size() - 1));
        assertEquals(p.seq() + 1, done.seq());
        // The engine numbers retained events without gaps, but a subscriber's pending progress is conflated
        // (last value wins), so a progress event published while an earlier one still waited is skipped.
        for (int k = 1; k < events.size(); k++) {
            assertTrue(events.get(k).seq() > events.get(k - 1).seq(), "strictly increasing after the snapshot");
        }
        assertEquals(TaskState.RUNNING, done.from());
        assertEquals(TaskResult.of(List.of(1.5, 2.5)), done.result());

        TaskSnapshot end = engine.find(id).orElseThrow();
        assertEquals(TaskState.SUCCEEDED, end.state());
        assertEquals(clock.instant(), end.endedAt().orElseThrow());
        assertEquals(done, end.outcome().orElseThrow());
    }

    @Test
    void cancelWhileQueued() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = latch();
        TaskId blocker = engine.submit(blocking(started, release));
        await(started);
        AtomicBoolean ran = new AtomicBoolean();
        TaskId queued = engine.submit(ctx -> {
            ran.set(true);
            return TaskResult.none();
        });
        Recorder r = new Recorder();
        engine.subscribe(queued, r).orElseThrow();
        assertEquals(CancelOutcome.CANCELLED, engine.cancel(queued));
        assertEquals(CancelOutcome.ALREADY_ENDED, engine.cancel(queued));
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());
        TaskEvent.Cancelled c = assertInstanceOf(TaskEvent.Cancelled.class, r.events().get(1));
        assertEquals(TaskState.QUEUED, c.from());
        assertEquals(CancelReason.REQUESTED, c.reason());
        assertEquals(1, c.seq());
        release.countDown();
        awaitState(blocker, TaskState.SUCCEEDED);
        TaskSnapshot s = engine.find(queued).orElseThrow();
        assertEquals(TaskState.CANCELLED, s.state());
        assertTrue(s.startedAt().isEmpty());
        assertFalse(ran.get());
    }

    @Test
    void cancelWhileRunningCooperatively() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger loops = new AtomicInteger();
        TaskId id = engine.submit(ctx -> {
            started.countDown();
            Object monitor = new Object();
            while (true) {
                ctx.throwIfCancellationRequested();
                loops.incrementAndGet();
                synchronized (monitor) {
                    try {
                        monitor.wait(1);
                    } catch (InterruptedException e) {
                        // the token is what this task polls; the interruption is ignored on purpose
                    }
                }
            }
        });
        await(started);
        Recorder r = new Recorder();
        engine.subscribe(id, r).orElseThrow();
        assertEquals(CancelOutcome.REQUESTED, engine.cancel(id));
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());
        List<TaskEvent> ev = r.events();
        TaskEvent.StateChanged sc = assertInstanceOf(TaskEvent.StateChanged.class, ev.get(1));
        assertEquals(TaskState.RUNNING, sc.from());
        assertEquals(TaskState.CANCELLING, sc.to());
        TaskEvent.Cancelled c = assertInstanceOf(TaskEvent.Cancelled.class, ev.get(ev.size() - 1));
        assertEquals(TaskState.CANCELLING, c.from());
        assertEquals(TaskState.CANCELLED, engine.find(id).orElseThrow().state());
        assertTrue(engine.find(id).orElseThrow().cancelRequested());
        assertEquals(CancelOutcome.ALREADY_ENDED, engine.cancel(id));
    }

    @Test
    void cancelInterruptsABlockingTask() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        TaskId id = engine.submit(blocking(started, latch()));
        await(started);
        assertEquals(CancelOutcome.REQUESTED, engine.cancel(id));
        CancelOutcome again = engine.cancel(id); // the interrupted task may already have stopped
        assertTrue(again == CancelOutcome.ALREADY_REQUESTED || again == CancelOutcome.ALREADY_ENDED, again.name());
        awaitState(id, TaskState.CANCELLED);
        // the worker is free again
        TaskId next = engine.submit(ctx -> TaskResult.of(1));
        awaitState(next, TaskState.SUCCEEDED);
    }

    @Test
    void aTaskThatReturnsWhileCancellingSucceeds() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        TaskId id = engine.submit(ctx -> {
            started.countDown();
            while (!ctx.isCancellationRequested()) {
                Thread.onSpinWait();
            }
            cancelled.await(); // interrupted: the flag is cleared by the throw, so wait again below
            return TaskResult.of("finished anyway");
        });
        await(started);
        engine.cancel(id);
        cancelled.countDown();
        TaskSnapshot s = awaitTerminal(id);
        // The task threw InterruptedException from await() while CANCELLING, so it is cancelled; returning
        // without throwing is exercised below.
        assertEquals(TaskState.CANCELLED, s.state());

        CountDownLatch started2 = new CountDownLatch(1);
        TaskId id2 = engine.submit(ctx -> {
            started2.countDown();
            while (!ctx.isCancellationRequested()) {
                Thread.onSpinWait();
            }
            return TaskResult.of("finished anyway");
        });
        await(started2);
        engine.cancel(id2);
        TaskSnapshot s2 = awaitTerminal(id2);
        assertEquals(TaskState.SUCCEEDED, s2.state());
        assertEquals(TaskState.CANCELLING, s2.outcome().orElseThrow().from());
    }

    private TaskSnapshot awaitTerminal(TaskId id) throws InterruptedException {
        Poll.until(() -> engine.find(id).map(TaskSnapshot::isTerminal).orElse(false), id + " terminal");
        return engine.find(id).orElseThrow();
    }

    @Test
    void timeoutFailsTheTaskAndInterruptsIt() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TaskId id = engine.submit(ctx -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return TaskResult.none();
        }, TaskOptions.defaults().withTimeout(Duration.ofSeconds(10)));
        await(started);
        Recorder r = new Recorder();
        engine.subscribe(id, r).orElseThrow();
        clock.advance(Duration.ofSeconds(9));
        assertEquals(TaskState.RUNNING, engine.find(id).orElseThrow().state());
        clock.advance(Duration.ofSeconds(1));
        TaskEvent.Failed f = (TaskEvent.Failed) r.await(e -> e instanceof TaskEvent.Failed);
        assertEquals(TaskError.of(ProgressErrorCode.TIMEOUT, false, 10_000L), f.error());
        assertEquals("PRG-2001", f.error().code());
        assertEquals("error.task.timeout", f.error().messageKey());
        await(interrupted);
        assertEquals(TaskState.FAILED, engine.find(id).orElseThrow().state());
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffUntilSuccess() throws Exception {
        start(builder(1));
        AtomicInteger attempts = new AtomicInteger();
        // Subscribed before the submission, so the first attempt's start cannot precede the subscription.
        Recorder all = new Recorder();
        engine.subscribeAll(all);
        TaskId id = engine.submit(ctx -> {
            assertEquals(attempts.incrementAndGet(), ctx.attempt());
            if (ctx.attempt() < 3) {
                throw TaskFailure.retryable("SRC-5001", "error.source.unavailable", "inmet");
            }
            return TaskResult.of("ok");
        }, TaskOptions.defaults().withRetry(RetryPolicy.exponential(3, Duration.ofSeconds(5), Duration.ofMinutes(1))));
        TaskSnapshot waiting = awaitState(id, TaskState.QUEUED);
        Poll.until(() -> engine.find(id).orElseThrow().attempt() == 2, "attempt 2 queued");
        clock.advance(Duration.ofMillis(4999));
        assertEquals(1, attempts.get(), "backoff not elapsed: " + waiting);
        clock.advance(Duration.ofMillis(1));
        Poll.until(() -> engine.find(id).orElseThrow().attempt() == 3, "attempt 3 queued");
        assertEquals(2, attempts.get());
        clock.advance(Duration.ofSeconds(10)); // second backoff doubled
        TaskSnapshot end = awaitState(id, TaskState.SUCCEEDED);
        assertEquals(3, end.attempt());
        assertEquals(3, attempts.get());
        all.await(e -> e instanceof TaskEvent.Completed);
        List<String> transitions = new ArrayList<>();
        for (TaskEvent e : all.events()) {
            if (e instanceof TaskEvent.StateChanged sc) {
                transitions.add(sc.from().wireName() + ">" + sc.to().wireName() + "#" + sc.attempt());
            }
        }
        assertEquals(List.of("queued>running#1", "running>queued#2", "queued>running#2", "running>queued#3",
                "queued>running#3"), transitions);
    }

    @Test
    void retriesStopAtMaxAttemptsAndNonRetryableErrorsFailAtOnce() throws Exception {
        start(builder(1).defaultRetry(RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO)));
        AtomicInteger attempts = new AtomicInteger();
        TaskId id = engine.submit(ctx -> {
            attempts.incrementAndGet();
            throw TaskFailure.retryable("SRC-5001", "error.source.unavailable");
        });
        TaskSnapshot s = awaitTerminal(id);
        assertEquals(TaskState.FAILED, s.state());
        assertEquals(2, s.attempt());
        assertEquals(2, attempts.get());
        TaskEvent.Failed f = (TaskEvent.Failed) s.outcome().orElseThrow();
        assertEquals("SRC-5001", f.error().code());
        assertTrue(f.error().retryable());

        TaskId permanent = engine.submit(ctx -> {
            throw TaskFailure.permanent("ETO-1001", "error.value_out_of_range", "tmax", 80.0, -90, 60);
        });
        TaskSnapshot p = awaitTerminal(permanent);
        assertEquals(1, p.attempt());
        assertEquals(new TaskError("ETO-1001", "error.value_out_of_range", List.of("tmax", 80.0, -90, 60), false),
                ((TaskEvent.Failed) p.outcome().orElseThrow()).error());
    }

    @Test
    void aTaskThatThrowsFailsWithAStableCodeAndNoStackTrace() throws Exception {
        start(builder(1));
        TaskId id = engine.submit(ctx -> {
            throw new IllegalStateException("secret internal detail at com.example.Foo");
        });
        TaskSnapshot s = awaitTerminal(id);
        assertEquals(TaskState.FAILED, s.state());
        TaskError error = ((TaskEvent.Failed) s.outcome().orElseThrow()).error();
        assertEquals(TaskError.of(ProgressErrorCode.TASK_FAILED, false), error);
        assertFalse(error.toString().contains("secret"));
        assertTrue(error.args().isEmpty());
        // an Error thrown by a task is handled the same way and does not kill the worker
        TaskId e2 = engine.submit(ctx -> {
            throw new StackOverflowError();
        });
        assertEquals(TaskState.FAILED, awaitTerminal(e2).state());
        assertEquals(TaskState.SUCCEEDED, awaitTerminal(engine.submit(ctx -> TaskResult.none())).state());
    }

    @Test
    void progressIsConflatedAndTheFinalValueIsNeverLost() throws Exception {
        start(builder(1));
        Recorder all = new Recorder();
        engine.subscribeAll(all);
        TaskId id = engine.submit(ctx -> {
            ctx.stage(Stage.COMPUTE);
            ctx.total(100_000);
            for (int i = 0; i < 100_000; i++) {
                ctx.advance(1);
            }
            return TaskResult.none();
        });
        all.await(e -> e instanceof TaskEvent.Completed);
        List<TaskProgress> published = new ArrayList<>();
        for (TaskEvent e : all.events()) {
            if (e instanceof TaskEvent.Progress p) {
                published.add(p.progress());
            }
        }
        // The clock does not move: at most one event within the interval, plus the flush before the end.
        assertTrue(published.size() >= 1 && published.size() <= 2, published.toString());
        assertEquals(100_000, published.get(published.size() - 1).done());
        assertEquals(100_000, engine.find(id).orElseThrow().progress().done());
    }

    @Test
    void etaComesFromTheObservedRate() throws Exception {
        start(builder(1));
        CountDownLatch reported0 = new CountDownLatch(1);
        CountDownLatch step = latch();
        CountDownLatch reported10 = new CountDownLatch(1);
        CountDownLatch finish = latch();
        Recorder all = new Recorder();
        engine.subscribeAll(all);
        engine.submit(ctx -> {
            ctx.stage(Stage.COMPUTE, "s1");
            ctx.progress(0, 100);
            reported0.countDown();
            step.await();
            ctx.progress(10);
            reported10.countDown();
            finish.await();
            return TaskResult.none();
        });
        await(reported0);
        TaskEvent.Progress first = (TaskEvent.Progress) all.await(e -> e instanceof TaskEvent.Progress);
        assertEquals(0, first.progress().done());
        assertEquals(TaskProgress.UNKNOWN, first.progress().etaMillis());
        clock.advance(Duration.ofSeconds(1));
        step.countDown();
        await(reported10);
        TaskEvent.Progress second = (TaskEvent.Progress) all.await(
                e -> e instanceof TaskEvent.Progress p && p.progress().done() == 10);
        assertEquals(9_000, second.progress().etaMillis()); // 90 left at 10 per second
        assertEquals(0.1, second.progress().fraction().orElseThrow(), 1e-12);
        assertEquals(List.of("s1"), second.progress().args());
        finish.countDown();
    }

    @Test
    void heartbeatsFollowSilenceAndCarryTheLastSeq() throws Exception {
        start(builder(1).heartbeatInterval(Duration.ofSeconds(1)));
        CountDownLatch started = new CountDownLatch(1);
        TaskId id = engine.submit(blocking(started, latch()));
        await(started);
        Recorder r = new Recorder();
        engine.subscribe(id, r).orElseThrow();
        clock.advance(Duration.ofSeconds(1));
        TaskEvent.Heartbeat hb = (TaskEvent.Heartbeat) r.await(e -> e instanceof TaskEvent.Heartbeat);
        assertEquals(engine.find(id).orElseThrow().seq(), hb.seq());
        assertEquals(clock.instant(), hb.timestamp());
        clock.advance(Duration.ofSeconds(1));
        r.await(e -> e instanceof TaskEvent.Heartbeat h && h.timestamp().equals(clock.instant()));
        assertFalse(hb.retained());
    }

    @Test
    void resumingWithSinceSeqReplaysMissedTransitionsInsideTheSnapshot() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        TaskId id = engine.submit(blocking(started, latch()));
        await(started);
        engine.cancel(id);
        TaskSnapshot end = awaitTerminal(id);
        assertEquals(TaskState.CANCELLED, end.state());

        Recorder r = new Recorder();
        engine.subscribe(id, 1, r).orElseThrow();
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());
        assertEquals(1, r.events().size());
        TaskEvent.Snapshot snap = (TaskEvent.Snapshot) r.events().get(0);
        assertEquals(end.seq(), snap.seq());
        List<TaskEvent> replay = snap.replay();
        assertEquals(List.of(2L, 3L), replay.stream().map(TaskEvent::seq).toList());
        assertInstanceOf(TaskEvent.StateChanged.class, replay.get(0));
        assertInstanceOf(TaskEvent.Cancelled.class, replay.get(1));

        Recorder fresh = new Recorder();
        engine.subscribe(id, fresh).orElseThrow();
        fresh.awaitClose();
        assertTrue(((TaskEvent.Snapshot) fresh.events().get(0)).replay().isEmpty());
        Recorder upToDate = new Recorder();
        engine.subscribe(id, end.seq(), upToDate).orElseThrow();
        upToDate.awaitClose();
        assertTrue(((TaskEvent.Snapshot) upToDate.events().get(0)).replay().isEmpty());
    }

    @Test
    void aSlowSubscriberIsClosedAndDelaysNobody() throws Exception {
        start(builder(2).maxPendingEvents(16).dispatchThreads(2));
        CountDownLatch slowEntered = new CountDownLatch(1);
        CountDownLatch slowRelease = latch();
        Recorder slowClose = new Recorder();
        engine.subscribeAll(new TaskListener() {
            @Override
            public void onEvent(TaskEvent event) {
                slowEntered.countDown();
                try {
                    slowRelease.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onClose(Subscription.CloseReason reason) {
                slowClose.onClose(reason);
            }
        });
        engine.submit(ctx -> TaskResult.none());
        await(slowEntered); // the slow listener is now stuck in its first event
        List<TaskId> ids = new ArrayList<>();
        List<Recorder> fast = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TaskId id = engine.submit(ctx -> TaskResult.none());
            ids.add(id);
            Recorder r = new Recorder();
            engine.subscribe(id, r).orElseThrow();
            fast.add(r);
        }
        // 50 tasks publish ~100 events to the blocked all-tasks listener; every per-task listener still
        // hears its task's outcome while the slow one is stuck.
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(Subscription.CloseReason.TASK_ENDED, fast.get(i).awaitClose());
            List<TaskEvent> ev = fast.get(i).events();
            TaskEvent last = ev.get(ev.size() - 1);
            assertTrue(last instanceof TaskEvent.Completed
                    || last instanceof TaskEvent.Snapshot s && s.task().isTerminal(), ev.toString());
        }
        slowRelease.countDown();
        assertEquals(Subscription.CloseReason.SLOW_CONSUMER, slowClose.awaitClose());
    }

    @Test
    void aListenerThatBlocksEveryDispatchThreadDelaysOthersOnlyBriefly() throws Exception {
        start(builder(1).dispatchThreads(1));
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = latch();
        engine.subscribeAll(event -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        engine.submit(ctx -> TaskResult.none());
        await(blocked); // the only dispatch thread is now stuck in that listener
        TaskId id = engine.submit(ctx -> TaskResult.of("delivered"));
        Recorder r = new Recorder();
        engine.subscribe(id, r).orElseThrow();
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose()); // an extra dispatch thread took over
        release.countDown();
        Poll.until(() -> liveThreads("engine-test").stream().filter(n -> n.contains("-dispatch-")).count() == 1,
                "back to one dispatch thread once idle");
    }

    @Test
    void aThrowingListenerIsClosedAndOthersContinue() throws Exception {
        start(builder(1));
        Recorder failed = new Recorder();
        Subscription bad = engine.subscribeAll(new TaskListener() {
            @Override
            public void onEvent(TaskEvent event) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onClose(Subscription.CloseReason reason) {
                failed.onClose(reason);
            }
        });
        Recorder good = new Recorder();
        engine.subscribeAll(good);
        engine.submit(ctx -> TaskResult.none());
        good.await(e -> e instanceof TaskEvent.Completed);
        assertEquals(Subscription.CloseReason.LISTENER_FAILED, failed.awaitClose());
        assertFalse(bad.isOpen());
    }

    @Test
    void unsubscribingStopsDelivery() throws Exception {
        start(builder(1));
        CountDownLatch started = new CountDownLatch(1);
        TaskId id = engine.submit(blocking(started, latch()));
        await(started);
        Recorder r = new Recorder();
        Subscription s = engine.subscribe(id, r).orElseThrow();
        s.close();
        s.close();
        assertEquals(Subscription.CloseReason.UNSUBSCRIBED, r.awaitClose());
        engine.cancel(id);
        awaitTerminal(id);
        assertTrue(r.events().stream().noneMatch(e -> e instanceof TaskEvent.Terminal));
    }

    @Test
    void finishedTasksExpireAndThenAreUnknown() throws Exception {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        org.eto4j.progress.store.InMemoryTaskStore store = org.eto4j.progress.store.InMemoryTaskStore.builder()
                .ticker(nanos::get).retainFinished(Duration.ofMinutes(10)).build();
        start(builder(1).store(store));
        TaskId id = engine.submit(ctx -> TaskResult.reference(java.net.URI.create("https://example.org/r/1.csv"),
                "text/csv", 1234));
        TaskSnapshot s = awaitTerminal(id);
        assertEquals(new TaskResult.Reference(java.net.URI.create("https://example.org/r/1.csv"), "text/csv", 1234),
                ((TaskEvent.Completed) s.outcome().orElseThrow()).result());
        nanos.addAndGet(Duration.ofMinutes(10).toNanos());
        store.cleanUp();
        assertTrue(engine.find(id).isEmpty());
        assertEquals(CancelOutcome.UNKNOWN, engine.cancel(id));
        assertTrue(engine.subscribe(id, 0, new Recorder()).isEmpty());
    }

    @Test
    void aFullQueueRejectsWithATypedError() throws Exception {
        start(builder(1).queueCapacity(2));
        CountDownLatch started = new CountDownLatch(1);
        engine.submit(blocking(started, latch()));
        await(started);
        engine.submit(ctx -> TaskResult.none());
        engine.submit(ctx -> TaskResult.none());
        TaskRejectedException e = assertThrows(TaskRejectedException.class,
                () -> engine.submit(ctx -> TaskResult.none()));
        assertEquals(ProgressErrorCode.QUEUE_FULL, e.code());
        assertEquals(List.of(2), e.args());
        assertEquals("error.task.queue_full", e.messageKey());
    }

    @Test
    void registeredTaskTypesRunFromTheirParameters() throws Exception {
        start(builder(1).taskType("echo", params -> ctx -> TaskResult.of(params)));
        TaskId id = engine.submit("echo", java.util.Map.of("station", "A001"), TaskOptions.defaults());
        TaskSnapshot s = awaitTerminal(id);
        assertEquals("echo", s.type());
        assertEquals(TaskResult.of(java.util.Map.of("station", "A001")),
                ((TaskEvent.Completed) s.outcome().orElseThrow()).result());
        ProgressException e = assertThrows(ProgressException.class,
                () -> engine.submit("nope", null, TaskOptions.defaults()));
        assertEquals(ProgressErrorCode.INVALID_OPTION, e.code());
        assertEquals("type", e.args().get(0));
    }

    @Test
    void gracefulShutdownLetsRunningTasksFinish() throws Exception {
        start(builder(2));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskId running = engine.submit(blocking(started, release));
        await(started);
        Thread releaser = new Thread(() -> {
            try {
                Poll.until(engine::isShutdown, "shutdown started");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        assertTrue(engine.shutdown(Duration.ofSeconds(10)));
        releaser.join();
        assertEquals(TaskState.SUCCEEDED, engine.find(running).orElseThrow().state());
        TaskRejectedException e = assertThrows(TaskRejectedException.class,
                () -> engine.submit(ctx -> TaskResult.none()));
        assertEquals(ProgressErrorCode.ENGINE_SHUT_DOWN, e.code());
        assertNoThreads("engine-test");
    }

    @Test
    void shutdownCancelsQueuedAndRunningTasksAndAbandonsOnlyTheStubbornOne() throws Exception {
        start(builder(2).cancelGrace(Duration.ofMillis(200)));
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch stubbornRelease = new CountDownLatch(1);
        TaskId cooperative = engine.submit(blocking(started, latch()));
        TaskId stubborn = engine.submit(ctx -> {
            started.countDown();
            while (true) {
                try {
                    stubbornRelease.await();
                    return TaskResult.of("late");
                } catch (InterruptedException ignored) {
                    // ignores cancellation on purpose
                }
            }
        });
        await(started);
        TaskId queued = engine.submit(ctx -> TaskResult.none());
        Recorder all = new Recorder();
        engine.subscribeAll(all);

        assertFalse(engine.shutdown(Duration.ofMillis(50)));

        TaskEvent.Cancelled q = (TaskEvent.Cancelled) engine.find(queued).orElseThrow().outcome().orElseThrow();
        assertEquals(TaskState.QUEUED, q.from());
        assertEquals(CancelReason.SHUTDOWN, q.reason());
        TaskEvent.Cancelled c = (TaskEvent.Cancelled) engine.find(cooperative).orElseThrow().outcome().orElseThrow();
        assertEquals(CancelReason.SHUTDOWN, c.reason());
        assertEquals(TaskState.CANCELLING, c.from());
        assertEquals(TaskState.CANCELLED, engine.find(stubborn).orElseThrow().state());
        assertEquals(Subscription.CloseReason.ENGINE_SHUTDOWN, all.awaitClose());
        assertEquals(3, all.events().stream().filter(e -> e instanceof TaskEvent.Cancelled).count());

        stubbornRelease.countDown(); // the abandoned worker ends once its task returns
        Poll.until(() -> liveThreads("engine-test").isEmpty(), "abandoned worker ends");
        assertEquals(TaskState.CANCELLED, engine.find(stubborn).orElseThrow().state(), "late result ignored");
    }

    static List<String> liveThreads(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix + "-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    static void assertNoThreads(String prefix) throws InterruptedException {
        Poll.until(() -> liveThreads(prefix).isEmpty(), "no threads named " + prefix + "-*: " + liveThreads(prefix));
        assertEquals(List.of(), liveThreads(prefix));
        assertNotEquals(null, prefix);
    }
}
