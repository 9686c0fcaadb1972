package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an observer hears, once per fact, for metrics. */
class TaskObserverTest {
    private final ManualClock clock = new ManualClock();
    private TaskEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    /** Records callbacks as "what:type:state:attempt[:code]". */
    static final class Log implements TaskObserver {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void submitted(TaskSnapshot task) {
            lines.add("submitted:" + task.type() + ":" + task.state().wireName() + ":" + task.attempt());
        }

        @Override
        public void started(TaskSnapshot task) {
            lines.add("started:" + task.type() + ":" + task.state().wireName() + ":" + task.attempt());
        }

        @Override
        public void retrying(TaskSnapshot task, TaskError error) {
            lines.add("retrying:" + task.type() + ":" + task.state().wireName() + ":"
                    + task.attempt() + ":" + error.code());
        }

        @Override
        public void ended(TaskSnapshot task) {
            String code = task.outcome().orElseThrow() instanceof TaskEvent.Failed f ? ":" + f.error().code() : "";
            lines.add("ended:" + task.type() + ":" + task.state().wireName() + ":" + task.attempt() + code
                    + (task.startedAt().isPresent() ? ":ran" : ":never-ran"));
        }

        long count(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    private TaskSnapshot awaitEnd(TaskId id) throws InterruptedException {
        Poll.until(() -> engine.find(id).map(TaskSnapshot::isTerminal).orElse(false), id + " ended");
        return engine.find(id).orElseThrow();
    }

    @Test
    void hearsEveryFactOfEachTaskOnce() throws Exception {
        engine = TaskEngine.builder().workers(1).clock(clock).tickInterval(Duration.ofMillis(5)).build();
        Log log = new Log();
        engine.addObserver(log);
        engine.addObserver(log); // twice: no further effect

        TaskId ok1 = engine.submit(ctx -> TaskResult.none(), TaskOptions.defaults().withType("a"));
        TaskId ok2 = engine.submit(ctx -> TaskResult.none(), TaskOptions.defaults().withType("a"));
        TaskId bad = engine.submit(ctx -> {
            throw TaskFailure.permanent("APP-1", "error.app.bad");
        }, TaskOptions.defaults().withType("a"));
        TaskId retried = engine.submit(ctx -> {
            if (ctx.attempt() == 1) {
                throw TaskFailure.retryable("SRC-5001", "error.source.unavailable");
            }
            return TaskResult.none();
        }, TaskOptions.defaults().withType("b").withRetry(RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO)));
        for (TaskId id : List.of(ok1, ok2, bad, retried)) {
            awaitEnd(id);
        }
        Poll.until(() -> log.count("ended:") == 4, "four ends");
        assertEquals(3, log.count("submitted:a:queued:1"));
        assertEquals(1, log.count("submitted:b:queued:1"));
        assertEquals(2, log.count("ended:a:succeeded:1:ran"));
        assertEquals(1, log.count("ended:a:failed:1:APP-1:ran"));
        assertEquals(List.of("started:b:running:1", "retrying:b:queued:2:SRC-5001", "started:b:running:2",
                "ended:b:succeeded:2:ran"),
                log.lines.stream().filter(l -> l.contains(":b:") && !l.startsWith("sub")).toList());
        assertEquals(5, log.count("started:"));
    }

    @Test
    void hearsTimeOutsAndCancellationsOfTasksThatNeverRan() throws Exception {
        engine = TaskEngine.builder().workers(1).clock(clock).tickInterval(Duration.ofMillis(5)).build();
        Log log = new Log();
        engine.addObserver(log);
        CountDownLatch started = new CountDownLatch(1);
        TaskId slow = engine.submit(ctx -> {
            started.countDown();
            new CountDownLatch(1).await();
            return TaskResult.none();
        }, TaskOptions.defaults().withType("slow").withTimeout(Duration.ofSeconds(5)));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        TaskId waiting = engine.submit(ctx -> TaskResult.none(), TaskOptions.defaults().withType("queued"));
        assertEquals(CancelOutcome.CANCELLED, engine.cancel(waiting));
        clock.advance(Duration.ofSeconds(5));
        awaitEnd(slow);
        Poll.until(() -> log.count("ended:") == 2, "two ends");
        assertEquals(1, log.count("ended:slow:failed:1:" + ProgressErrorCode.TIMEOUT.code() + ":ran"));
        assertEquals(1, log.count("ended:queued:cancelled:1:never-ran"));
    }

    @Test
    void aFailingObserverChangesNothingAndARemovedOneHearsNothing() throws Exception {
        engine = TaskEngine.builder().workers(1).build();
        Log log = new Log();
        engine.addObserver(new TaskObserver() {
            @Override
            public void started(TaskSnapshot task) {
                throw new IllegalStateException("observer bug");
            }
        });
        engine.addObserver(log);
        TaskSnapshot end = awaitEnd(engine.submit(ctx -> TaskResult.of("ok")));
        assertEquals(TaskState.SUCCEEDED, end.state());
        Poll.until(() -> log.count("ended:") == 1, "ended heard");
        assertTrue(engine.removeObserver(log));
        assertFalse(engine.removeObserver(log));
        awaitEnd(engine.submit(ctx -> TaskResult.of("ok")));
        assertEquals(1, log.count("submitted:"));
    }
}
