package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.testing.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The task's keys in the SLF4J MDC while it runs and while its events are delivered, and nothing left behind. */
class LogContextTest {
    private TaskEngine engine;
    private ExecutorService pool;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
        if (pool != null) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private static Map<String, String> etoKeys() {
        Map<String, String> m = new java.util.TreeMap<>();
        for (String k : List.of(TaskEngine.MDC_TASK_ID, TaskEngine.MDC_TASK_TYPE, TaskEngine.MDC_ATTEMPT)) {
            String v = MDC.get(k);
            if (v != null) {
                m.put(k, v);
            }
        }
        return m;
    }

    @Test
    void aTaskLogsWithItsIdTypeAndAttemptAndTheWorkerIsCleanAfterwards() throws Exception {
        pool = Executors.newSingleThreadExecutor();
        engine = TaskEngine.builder().workers(1).workerExecutor(pool)
                .defaultRetry(RetryPolicy.exponential(2, Duration.ZERO, Duration.ZERO)).build();
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        Recorder r = new Recorder();
        TaskId id = engine.submit(ctx -> {
            seen.add(etoKeys());
            if (ctx.attempt() == 1) {
                throw TaskFailure.retryable("SRC-5001", "error.source.unavailable");
            }
            return TaskResult.none();
        }, TaskOptions.defaults().withType("eto.batch"));
        engine.subscribe(id, r);
        r.awaitClose();
        assertEquals(List.of(
                Map.of(TaskEngine.MDC_TASK_ID, id.value(), TaskEngine.MDC_TASK_TYPE, "eto.batch",
                        TaskEngine.MDC_ATTEMPT, "1"),
                Map.of(TaskEngine.MDC_TASK_ID, id.value(), TaskEngine.MDC_TASK_TYPE, "eto.batch",
                        TaskEngine.MDC_ATTEMPT, "2")),
                seen);
        assertTrue(engine.shutdown(Duration.ofSeconds(5)));
        // The host's thread carries none of the task's keys once the engine gave it back.
        AtomicReference<Map<String, String>> after = new AtomicReference<>();
        pool.submit(() -> after.set(etoKeys())).get(10, TimeUnit.SECONDS);
        assertEquals(Map.of(), after.get());
    }

    @Test
    void listenersHearEachEventWithItsTaskId() throws Exception {
        engine = TaskEngine.builder().workers(2).build();
        Map<TaskId, List<String>> bySubscription = new ConcurrentHashMap<>();
        List<String[]> all = new CopyOnWriteArrayList<>(); // {event's task id, MDC task id}
        CountDownLatch terminals = new CountDownLatch(2);
        engine.subscribeAll(event -> {
            all.add(new String[] {event.taskId().value(), MDC.get(TaskEngine.MDC_TASK_ID)});
            if (event instanceof TaskEvent.Terminal) {
                terminals.countDown();
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<TaskId> ids = new ArrayList<>();
        List<CountDownLatch> closes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            TaskId id = engine.submit(ctx -> {
                go.await();
                ctx.stage(Stage.COMPUTE);
                return TaskResult.none();
            });
            ids.add(id);
            List<String> values = new CopyOnWriteArrayList<>();
            bySubscription.put(id, values);
            CountDownLatch closed = new CountDownLatch(1);
            closes.add(closed);
            engine.subscribe(id, new TaskListener() {
                @Override
                public void onEvent(TaskEvent event) {
                    values.add(MDC.get(TaskEngine.MDC_TASK_ID));
                }

                @Override
                public void onClose(Subscription.CloseReason reason) {
                    values.add("close:" + MDC.get(TaskEngine.MDC_TASK_ID));
                    closed.countDown();
                }
            });
        }
        go.countDown();
        for (CountDownLatch closed : closes) {
            assertTrue(closed.await(10, TimeUnit.SECONDS));
        }
        assertTrue(terminals.await(10, TimeUnit.SECONDS));
        for (TaskId id : ids) {
            List<String> values = bySubscription.get(id);
            assertTrue(values.size() >= 3, values.toString()); // snapshot, state change(s), terminal, close
            for (String v : values) {
                assertTrue(v.equals(id.value()) || v.equals("close:" + id.value()), values.toString());
            }
        }
        assertTrue(all.size() >= 4);
        for (String[] pair : all) {
            assertEquals(pair[0], pair[1], "the all-tasks listener hears each event under its own task id");
        }
    }

    @Test
    void previousValuesAreRestored() {
        MDC.put(TaskEngine.MDC_TASK_ID, "request-42");
        try {
            try (LogContext ignored = LogContext.attempt(TaskId.of("t1"), "eto.batch", 3)) {
                assertEquals("t1", MDC.get(TaskEngine.MDC_TASK_ID));
                assertEquals("3", MDC.get(TaskEngine.MDC_ATTEMPT));
            }
            assertEquals("request-42", MDC.get(TaskEngine.MDC_TASK_ID));
            assertNull(MDC.get(TaskEngine.MDC_TASK_TYPE));
            assertNull(MDC.get(TaskEngine.MDC_ATTEMPT));
            try (LogContext log = LogContext.delivery()) {
                log.taskId(TaskId.of("t2"));
                assertEquals("t2", MDC.get(TaskEngine.MDC_TASK_ID));
            }
            assertEquals("request-42", MDC.get(TaskEngine.MDC_TASK_ID));
        } finally {
            MDC.remove(TaskEngine.MDC_TASK_ID);
        }
    }
}
