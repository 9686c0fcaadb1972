package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.store.TaskStore;
import org.eto4j.progress.testing.ManualClock;
import org.eto4j.progress.testing.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several engines on one shared-queue store (the shape of eto-progress-postgres): every task runs exactly once,
 * a subscriber and a cancel on one engine reach a task running on another, queued work survives an engine
 * that stops. A store module extends this class; {@code SharedQueueTest} runs it on an in-memory stand-in.
 * One of this module's test fixtures (src/testFixtures/java), a test source root of every module that uses it.
 */
public abstract class SharedQueueContract {
    /** Prepares a fresh, empty shared backend (e.g. truncates the tables) before each test. */
    protected abstract void newBackend();

    /**
     * A store over the current backend for one engine; all stores of a test see the same tasks.
     *
     * @param nodeId the engine's node id
     * @return the store
     */
    protected abstract TaskStore storeForEngine(String nodeId);

    private TaskStore inspector;
    private final ManualClock clock = new ManualClock();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final CountDownLatch blockRelease = new CountDownLatch(1);
    private final CountDownLatch blockStarted = new CountDownLatch(1);
    private final List<TaskEngine> engines = new ArrayList<>();

    private TaskEngine engine(String node, int workers) {
        TaskEngine e = TaskEngine.builder().store(storeForEngine(node)).nodeId(node).workers(workers).clock(clock)
                .tickInterval(Duration.ofMillis(2)).threadNamePrefix("shared-" + node)
                .taskType("count", p -> ctx -> {
                    runs.computeIfAbsent((String) p, k -> new AtomicInteger()).incrementAndGet();
                    return TaskResult.of(p);
                })
                .taskType("block", p -> ctx -> {
                    blockStarted.countDown();
                    blockRelease.await();
                    return TaskResult.none();
                })
                .build();
        engines.add(e);
        return e;
    }

    @BeforeEach
    protected void prepare() {
        newBackend();
        inspector = storeForEngine("inspector");
    }

    @AfterEach
    protected void stop() {
        blockRelease.countDown();
        engines.forEach(e -> e.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    protected void everyTaskRunsExactlyOnceAcrossEngines() throws Exception {
        TaskEngine a = engine("a", 2);
        TaskEngine b = engine("b", 2);
        TaskEngine c = engine("c", 2);
        List<TaskEngine> all = List.of(a, b, c);
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(all.get(i % 3).submit("count", "p" + i, TaskOptions.defaults()));
        }
        for (TaskId id : ids) {
            Poll.until(() -> inspector.find(id).map(TaskSnapshot::isTerminal).orElse(false), "task " + id);
            assertEquals(TaskState.SUCCEEDED, inspector.find(id).orElseThrow().state());
        }
        assertEquals(300, runs.size());
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "each ran once");
        ProgressException e = assertThrows(ProgressException.class, () -> a.submit(ctx -> TaskResult.none()));
        assertEquals("task", e.args().get(0));
    }

    @Test
    protected void aSubscriberAndACancelOnOneEngineReachATaskRunningOnAnother() throws Exception {
        TaskEngine a = engine("a", 1);
        TaskId id = a.submit("block", null, TaskOptions.defaults());
        assertTrue(blockStarted.await(10, TimeUnit.SECONDS));
        TaskEngine b = engine("b", 1); // starts after the claim: it never holds the task
        Recorder r = new Recorder();
        b.subscribe(id, 0, r).orElseThrow();
        TaskEvent.Snapshot snap = (TaskEvent.Snapshot) r.await(ev -> ev instanceof TaskEvent.Snapshot);
        assertEquals(TaskState.RUNNING, snap.task().state());
        assertEquals(1, snap.replay().size());

        assertEquals(CancelOutcome.REQUESTED, b.cancel(id));
        assertEquals(CancelOutcome.ALREADY_REQUESTED, b.cancel(id));
        clock.advance(Duration.ofSeconds(1)); // a checks the store for cancel requests every heartbeat interval
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());
        List<TaskEvent> ev = r.events();
        TaskEvent.StateChanged sc = assertInstanceOf(TaskEvent.StateChanged.class, ev.get(ev.size() - 2));
        assertEquals(TaskState.CANCELLING, sc.to());
        TaskEvent.Cancelled cancelled = assertInstanceOf(TaskEvent.Cancelled.class, ev.get(ev.size() - 1));
        assertEquals(CancelReason.REQUESTED, cancelled.reason());
    }

    @Test
    protected void aTaskCancelledBeforeAnyEngineClaimedItNeverRuns() throws Exception {
        TaskEngine a = engine("a", 1);
        TaskId blocker = a.submit("block", null, TaskOptions.defaults());
        assertTrue(blockStarted.await(10, TimeUnit.SECONDS));
        TaskId waiting = a.submit("count", "never", TaskOptions.defaults()); // no free worker: not claimed
        assertEquals(CancelOutcome.REQUESTED, a.cancel(waiting));
        blockRelease.countDown();
        Poll.until(() -> inspector.find(waiting).map(TaskSnapshot::isTerminal).orElse(false), "cancelled on claim");
        TaskEvent.Cancelled c = (TaskEvent.Cancelled) inspector.find(waiting).orElseThrow().outcome().orElseThrow();
        assertEquals(TaskState.QUEUED, c.from());
        assertEquals(TaskState.SUCCEEDED, inspector.find(blocker).orElseThrow().state());
        assertTrue(runs.get("never") == null, "never ran");
    }

    @Test
    protected void queuedWorkSurvivesAnEngineThatStops() throws Exception {
        TaskEngine a = engine("a", 1);
        TaskId blocker = a.submit("block", null, TaskOptions.defaults());
        assertTrue(blockStarted.await(10, TimeUnit.SECONDS));
        TaskId waiting = a.submit("count", "survivor", TaskOptions.defaults());
        a.shutdown(Duration.ZERO);
        assertEquals(TaskState.CANCELLED, inspector.find(blocker).orElseThrow().state());
        assertEquals(TaskState.QUEUED, inspector.find(waiting).orElseThrow().state());

        engine("a2", 1);
        Poll.until(() -> inspector.find(waiting).map(TaskSnapshot::isTerminal).orElse(false),
                "restarted engine ran it");
        assertEquals(TaskState.SUCCEEDED, inspector.find(waiting).orElseThrow().state());
        assertEquals(1, runs.get("survivor").get());
    }
}
