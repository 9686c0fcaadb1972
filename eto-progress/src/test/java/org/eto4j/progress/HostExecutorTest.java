package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.testing.ManualClock;
import org.eto4j.progress.testing.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Workers and timers on a host's executors and threads, and who shuts down what. */
class HostExecutorTest {
    private final ManualClock clock = new ManualClock();
    private TaskEngine engine;
    private ExecutorService pool;
    private ScheduledThreadPoolExecutor scheduler;

    /** A thread factory that counts the threads it made and names them after the host. */
    static final class CountingFactory implements ThreadFactory {
        final AtomicInteger created = new AtomicInteger();
        private final String name;

        CountingFactory(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, name + "-" + created.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
        for (ExecutorService e : new ExecutorService[] {pool, scheduler}) {
            if (e != null) {
                e.shutdownNow();
                assertTrue(e.awaitTermination(10, TimeUnit.SECONDS));
            }
        }
    }

    private TaskEngine.Builder builder() {
        return TaskEngine.builder().clock(clock).tickInterval(Duration.ofMillis(5)).cancelGrace(Duration.ofSeconds(2));
    }

    @Test
    void workersRunOnTheHostExecutorWhichOutlivesTheEngine() throws Exception {
        CountingFactory host = new CountingFactory("host-worker");
        pool = Executors.newCachedThreadPool(host);
        engine = builder().workers(2).workerExecutor(pool).build();
        assertEquals(2, host.created.get(), "one host thread per worker loop");

        Set<String> ranOn = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            engine.submit(ctx -> {
                ranOn.add(Thread.currentThread().getName());
                done.countDown();
                return TaskResult.none();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertFalse(ranOn.isEmpty());
        assertTrue(ranOn.stream().allMatch(n -> n.startsWith("host-worker-")), ranOn.toString());

        // A running attempt at shutdown: the engine cancels it and waits for it, but leaves the pool running.
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean attemptEnded = new AtomicBoolean();
        engine.submit(ctx -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } finally {
                attemptEnded.set(true);
            }
            return TaskResult.none();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(engine.shutdown(Duration.ZERO), "clean shutdown");
        assertTrue(attemptEnded.get(), "the engine waited for its running attempt");
        assertFalse(pool.isShutdown(), "the host's executor is not shut down");

        // The loops gave their threads back, without an interrupt status, and the pool still works.
        Poll.until(() -> ((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() == 0, "loops returned");
        List<Boolean> interrupted = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch probes = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                interrupted.add(Thread.currentThread().isInterrupted());
                probes.countDown();
            });
        }
        assertTrue(probes.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(false, false), interrupted);
        assertEquals(2, host.created.get(), "the returned threads were reused");
    }

    @Test
    void checksRunOnTheHostSchedulerWhichOutlivesTheEngine() throws Exception {
        CountingFactory host = new CountingFactory("host-timer");
        scheduler = new ScheduledThreadPoolExecutor(2, host);
        engine = builder().workers(1).scheduler(scheduler).build();

        // A time-out is detected by the periodic check: the task ends on a scheduler thread.
        AtomicReference<String> endedOn = new AtomicReference<>();
        engine.addObserver(new TaskObserver() {
            @Override
            public void ended(TaskSnapshot task) {
                endedOn.set(Thread.currentThread().getName());
            }
        });
        CountDownLatch started = new CountDownLatch(1);
        TaskId id = engine.submit(ctx -> {
            started.countDown();
            new CountDownLatch(1).await();
            return TaskResult.none();
        }, TaskOptions.defaults().withTimeout(Duration.ofSeconds(1)));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        clock.advance(Duration.ofSeconds(1));
        Poll.until(() -> engine.find(id).orElseThrow().state() == TaskState.FAILED, "timed out");
        Poll.until(() -> endedOn.get() != null, "observer called");
        assertTrue(endedOn.get().startsWith("host-timer-"), endedOn.get());
        assertTrue(host.created.get() >= 1);

        assertTrue(engine.shutdown(Duration.ofSeconds(5)));
        assertFalse(scheduler.isShutdown(), "the host's scheduler is not shut down");
        assertTrue(scheduler.getQueue().stream().allMatch(f -> ((java.util.concurrent.Future<?>) f).isCancelled()),
                "the engine's periodic check is cancelled");
        CountDownLatch stillRuns = new CountDownLatch(1);
        scheduler.schedule(stillRuns::countDown, 1, TimeUnit.MILLISECONDS);
        assertTrue(stillRuns.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aThreadFactoryMakesEveryThreadTheEngineOwns() throws Exception {
        CountingFactory factory = new CountingFactory("host-made");
        engine = builder().workers(3).dispatchThreads(1).threadFactory(factory).build();
        assertEquals(4, factory.created.get(), "three workers and the ticker");
        AtomicReference<String> ranOn = new AtomicReference<>();
        Recorder r = new Recorder();
        TaskId id = engine.submit(ctx -> {
            ranOn.set(Thread.currentThread().getName());
            return TaskResult.none();
        });
        engine.subscribe(id, r);
        r.awaitClose();
        assertTrue(ranOn.get().startsWith("host-made-"), ranOn.get());
        assertEquals(5, factory.created.get(), "and one dispatch thread once events flow");
        assertTrue(engine.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    void anExecutorThatRefusesTheWorkersFailsTheBuildNamingTheOption() {
        ProgressException e = assertThrows(ProgressException.class, () -> builder().workers(2)
                .workerExecutor(task -> {
                    throw new RejectedExecutionException("full");
                }).build());
        assertEquals(ProgressErrorCode.INVALID_OPTION, e.code());
        assertEquals("workerExecutor", e.args().get(0));
    }

    @Test
    void aThreadFactoryThatRefusesFailsTheBuildNamingTheOption() {
        ProgressException e = assertThrows(ProgressException.class,
                () -> builder().workers(2).threadFactory(r -> null).build());
        assertEquals(ProgressErrorCode.INVALID_OPTION, e.code());
        assertEquals("threadFactory", e.args().get(0));
    }

    @Test
    void workerLoopsTheExecutorStartsLateStillRunAndShutdownDoesNotWaitForLoopsNeverStarted() throws Exception {
        // A pool smaller than the worker count: the second loop waits in the pool's queue for good.
        CountingFactory host = new CountingFactory("small-pool");
        pool = Executors.newFixedThreadPool(1, host);
        engine = builder().workers(2).workerExecutor(pool).build();
        Recorder r = new Recorder();
        TaskId id = engine.submit(ctx -> TaskResult.of("ok"));
        engine.subscribe(id, r);
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());
        assertTrue(engine.shutdown(Duration.ofSeconds(5)), "the loop that never started counts as ended");
        assertFalse(pool.isShutdown());
    }
}
