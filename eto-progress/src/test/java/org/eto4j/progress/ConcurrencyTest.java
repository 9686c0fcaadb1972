package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of tasks and subscribers at once: every subscriber observes each task's outcome exactly once,
 * sequence numbers never go back, and no engine thread survives shutdown.
 */
class ConcurrencyTest {
    private static final int TASKS = 3_000;
    private static final int ALL_TASK_LISTENERS = 20;
    private static final int LISTENERS_PER_TASK = 2;

    /** Checks one subscription's stream as it arrives. */
    private static final class Checker implements TaskListener {
        final Map<TaskId, Long> lastSeq = new HashMap<>();
        final Map<TaskId, Long> lastRetainedSeq = new HashMap<>();
        final Map<TaskId, Integer> outcomes = new HashMap<>();
        final List<String> violations = new ArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile Subscription.CloseReason reason;

        @Override
        public synchronized void onEvent(TaskEvent e) {
            Long prev = lastSeq.get(e.taskId());
            if (prev != null && e.seq() < prev) {
                violations.add("seq regressed " + prev + " -> " + e);
            }
            lastSeq.put(e.taskId(), e.seq());
            if (e.retained()) {
                Long prevRetained = lastRetainedSeq.get(e.taskId());
                if (prevRetained != null && e.seq() <= prevRetained) {
                    violations.add("retained seq not increasing " + prevRetained + " -> " + e);
                }
                lastRetainedSeq.put(e.taskId(), e.seq());
            }
            boolean outcome = e instanceof TaskEvent.Terminal
                    || e instanceof TaskEvent.Snapshot s && s.task().isTerminal();
            if (outcome) {
                outcomes.merge(e.taskId(), 1, Integer::sum);
            } else if (outcomes.containsKey(e.taskId())) {
                violations.add("event after the outcome: " + e);
            }
        }

        @Override
        public void onClose(Subscription.CloseReason r) {
            reason = r;
            closed.countDown();
        }
    }

    @Test
    void thousandsOfTasksAndSubscribers() throws Exception {
        String prefix = "concurrency-test";
        TaskEngine engine = TaskEngine.builder().workers(4).dispatchThreads(4).queueCapacity(TASKS)
                .maxPendingEvents(1_000_000).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(1))
                .threadNamePrefix(prefix).build();
        List<Checker> allListeners = new ArrayList<>();
        for (int i = 0; i < ALL_TASK_LISTENERS; i++) {
            Checker c = new Checker();
            engine.subscribeAll(c);
            allListeners.add(c);
        }
        Map<TaskId, List<Checker>> perTask = new ConcurrentHashMap<>();
        AtomicInteger ran = new AtomicInteger();
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            int kind = i % 4;
            TaskId id = engine.submit(ctx -> {
                ran.incrementAndGet();
                ctx.stage(Stage.COMPUTE);
                ctx.total(50);
                for (int k = 0; k < 50; k++) {
                    ctx.throwIfCancellationRequested();
                    ctx.advance(1);
                }
                return switch (kind) {
                    case 1 -> throw TaskFailure.permanent("X-1", "error.x");
                    case 2 -> throw new IllegalStateException("boom");
                    default -> TaskResult.of(kind);
                };
            }, TaskOptions.defaults().withRetry(RetryPolicy.none()));
            ids.add(id);
            List<Checker> cs = new ArrayList<>();
            for (int k = 0; k < LISTENERS_PER_TASK; k++) {
                Checker c = new Checker();
                engine.subscribe(id, k == 0 ? -1 : 0, c).orElseThrow();
                cs.add(c);
            }
            perTask.put(id, cs);
            if (i % 7 == 0) {
                engine.cancel(id);
            }
        }
        for (TaskId id : ids) {
            for (Checker c : perTask.get(id)) {
                assertTrue(c.closed.await(30, TimeUnit.SECONDS), "per-task subscription closed");
                assertEquals(Subscription.CloseReason.TASK_ENDED, c.reason);
                synchronized (c) {
                    assertEquals(List.of(), c.violations);
                    assertEquals(Map.of(id, 1), c.outcomes, "exactly one outcome for " + id);
                }
            }
            assertTrue(engine.find(id).orElseThrow().isTerminal());
        }
        Poll.until(() -> engine.stats().openSubscriptions() == ALL_TASK_LISTENERS, "per-task subscriptions released");
        assertEquals(new EngineStats(0, 0, 0, ALL_TASK_LISTENERS), engine.stats());
        assertTrue(engine.shutdown(Duration.ofSeconds(30)));
        assertEquals(new EngineStats(0, 0, 0, 0), engine.stats());
        int succeeded = 0;
        for (TaskId id : ids) {
            if (engine.find(id).orElseThrow().state() == TaskState.SUCCEEDED) {
                succeeded++;
            }
        }
        assertTrue(succeeded > 0 && ran.get() > 0);
        for (Checker c : allListeners) {
            assertTrue(c.closed.await(30, TimeUnit.SECONDS));
            assertEquals(Subscription.CloseReason.ENGINE_SHUTDOWN, c.reason);
            synchronized (c) {
                assertEquals(List.of(), c.violations);
                assertEquals(TASKS, c.outcomes.size());
                assertTrue(c.outcomes.values().stream().allMatch(n -> n == 1), "exactly one terminal per task");
            }
        }
        TaskEngineTest.assertNoThreads(prefix);
    }
}
