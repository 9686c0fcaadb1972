package org.eto4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.RetryPolicy;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskEngineMetricsTest {
    /** How long an outcome on another thread may take before the test fails. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TaskEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        return registry.get(name).tags("app", "test").gauge().value();
    }

    private void awaitEnd(TaskId id) {
        Await.until(() -> engine.find(id).map(TaskSnapshot::isTerminal).orElse(false), WAIT, () -> id + " ended");
    }

    @Test
    void countsMoveByTaskTypeAsTasksRun() throws Exception {
        engine = TaskEngine.builder().workers(1).tickInterval(Duration.ofMillis(5)).build();
        TaskEngineMetrics metrics = new TaskEngineMetrics(engine, Tags.of("app", "test"));
        metrics.bindTo(registry);
        assertEquals(0, gauge(TaskEngineMetrics.RUNNING));

        // One worker, held by a blocking task: the others wait in the queue.
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskId blocker = engine.submit(ctx -> {
            started.countDown();
            release.await();
            return TaskResult.none();
        }, TaskOptions.defaults().withType("eto.batch"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        TaskId ok = engine.submit(ctx -> TaskResult.none(), TaskOptions.defaults().withType("eto.batch"));
        TaskId bad = engine.submit(ctx -> {
            throw TaskFailure.permanent("APP-1001", "error.app.bad");
        }, TaskOptions.defaults().withType("eto.batch"));
        TaskId flaky = engine.submit(ctx -> {
            if (ctx.attempt() == 1) {
                throw TaskFailure.retryable("SRC-3001", "error.sources.network_unavailable");
            }
            return TaskResult.none();
        }, TaskOptions.defaults().withType("eto.sources.daily")
                .withRetry(RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO)));
        assertEquals(1, gauge(TaskEngineMetrics.RUNNING));
        assertEquals(3, gauge(TaskEngineMetrics.QUEUED));

        release.countDown();
        for (TaskId id : new TaskId[] {blocker, ok, bad, flaky}) {
            awaitEnd(id);
        }
        Await.until(() -> count(TaskEngineMetrics.ENDED, "type", "eto.sources.daily") == 1, WAIT, () -> "flaky ended");
        assertEquals(3, count(TaskEngineMetrics.SUBMITTED, "type", "eto.batch"));
        assertEquals(1, count(TaskEngineMetrics.SUBMITTED, "type", "eto.sources.daily"));
        assertEquals(2, count(TaskEngineMetrics.ENDED, "type", "eto.batch", "outcome", "succeeded", "error", "none"));
        assertEquals(1, count(TaskEngineMetrics.ENDED, "type", "eto.batch", "outcome", "failed", "error", "APP-1001"));
        assertEquals(3, count(TaskEngineMetrics.STARTED, "type", "eto.batch"));
        assertEquals(2, count(TaskEngineMetrics.STARTED, "type", "eto.sources.daily"));
        assertEquals(1, count(TaskEngineMetrics.RETRIED, "type", "eto.sources.daily"));
        assertEquals(0, count(TaskEngineMetrics.RETRIED, "type", "eto.batch"));
        assertEquals(1, count(TaskEngineMetrics.ENDED, "type", "eto.sources.daily", "outcome", "succeeded"));
        assertEquals(2, registry.get(TaskEngineMetrics.DURATION)
                .tags("type", "eto.batch", "outcome", "succeeded").timer().count());
        assertEquals(3, registry.get(TaskEngineMetrics.WAIT).tags("type", "eto.batch").timer().count());
        assertEquals(0, gauge(TaskEngineMetrics.RUNNING));
        assertEquals(0, gauge(TaskEngineMetrics.QUEUED));

        // Closed: the observer is gone, the counters stand still.
        metrics.close();
        awaitEnd(engine.submit(ctx -> TaskResult.none(), TaskOptions.defaults().withType("eto.batch")));
        assertEquals(3, count(TaskEngineMetrics.SUBMITTED, "type", "eto.batch"));
    }

    @Test
    void timeOutsAndCancellationsAreCounted() throws Exception {
        engine = TaskEngine.builder().workers(1).tickInterval(Duration.ofMillis(5)).build();
        new TaskEngineMetrics(engine, Tags.of("app", "test")).bindTo(registry);
        CountDownLatch started = new CountDownLatch(1);
        TaskId slow = engine.submit(ctx -> {
            started.countDown();
            new CountDownLatch(1).await(); // until the time-out interrupts it
            return TaskResult.none();
        }, TaskOptions.defaults().withType("slow").withTimeout(Duration.ofMillis(200)));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        TaskId queued = engine.submit(ctx -> TaskResult.none(), TaskOptions.defaults().withType("queued"));
        engine.cancel(queued);
        awaitEnd(slow);
        awaitEnd(queued);
        Await.until(() -> count(TaskEngineMetrics.TIMED_OUT, "type", "slow") == 1, WAIT, () -> "time-out counted");
        assertEquals(1, count(TaskEngineMetrics.ENDED, "type", "slow", "outcome", "failed", "error", "PRG-2001"));
        assertEquals(1, count(TaskEngineMetrics.ENDED, "type", "queued", "outcome", "cancelled", "error", "none"));
        // A task cancelled before it ran has no run time.
        assertNull(registry.find(TaskEngineMetrics.DURATION).tags("type", "queued").timer());
        assertEquals(1,
                registry.get(TaskEngineMetrics.DURATION).tags("type", "slow", "outcome", "failed").timer().count());
    }
}
