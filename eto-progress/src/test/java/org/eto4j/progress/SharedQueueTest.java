package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several engines on one shared-queue store: the shape a durable store (eto-progress-postgres) takes. The
 * store here is an in-memory stand-in that claims, releases and relays events synchronously.
 */
class SharedQueueTest {
    /** A shared-queue store over {@link InMemoryTaskStore}. */
    static final class SharedStore implements TaskStore {
        private final InMemoryTaskStore tasks = InMemoryTaskStore.create();
        private final Map<TaskId, ClaimedTask> unclaimed = new LinkedHashMap<>();
        private final Map<TaskId, ClaimedTask> submitted = new HashMap<>();
        private final List<Consumer<TaskEvent>> sinks = new CopyOnWriteArrayList<>();
        final Map<String, Set<TaskId>> leases = new ConcurrentHashMap<>();

        @Override
        public boolean sharedQueue() {
            return true;
        }

        @Override
        public synchronized void create(TaskSnapshot task, TaskOptions options, Object parameters) {
            tasks.create(task, options, parameters);
            ClaimedTask c = new ClaimedTask(task, options, parameters);
            submitted.put(task.id(), c);
            unclaimed.put(task.id(), c);
        }

        @Override
        public synchronized List<ClaimedTask> claim(String nodeId, Set<String> types, int max) {
            List<ClaimedTask> out = new ArrayList<>();
            for (Iterator<ClaimedTask> it = unclaimed.values().iterator(); it.hasNext() && out.size() < max; ) {
                ClaimedTask c = it.next();
                if (types.contains(c.task().type())) {
                    it.remove();
                    out.add(new ClaimedTask(tasks.find(c.task().id()).orElseThrow(), c.options(), c.parameters()));
                }
            }
            return out;
        }

        @Override
        public void renewLeases(String nodeId, Collection<TaskId> held) {
            leases.put(nodeId, Set.copyOf(held));
        }

        @Override
        public synchronized void release(String nodeId, Collection<TaskId> ids) {
            for (TaskId id : ids) {
                ClaimedTask c = submitted.get(id);
                unclaimed.put(id, new ClaimedTask(tasks.find(id).orElseThrow(), c.options(), c.parameters()));
            }
        }

        @Override
        public void append(TaskSnapshot task, TaskEvent event) {
            tasks.append(task, event);
            for (Consumer<TaskEvent> sink : sinks) {
                sink.accept(event);
            }
        }

        @Override
        public Optional<TaskSnapshot> find(TaskId id) {
            return tasks.find(id);
        }

        @Override
        public List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
            return tasks.eventsAfter(id, afterSeq);
        }

        @Override
        public Optional<TaskSnapshot> requestCancel(TaskId id) {
            return tasks.requestCancel(id);
        }

        @Override
        public void remove(TaskId id) {
            tasks.remove(id);
        }

        @Override
        public AutoCloseable watch(Consumer<TaskEvent> sink) {
            sinks.add(sink);
            return () -> sinks.remove(sink);
        }
    }

    private final MutableClock clock = new MutableClock();
    private final SharedStore store = new SharedStore();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final CountDownLatch blockRelease = new CountDownLatch(1);
    private final CountDownLatch blockStarted = new CountDownLatch(1);
    private final List<TaskEngine> engines = new ArrayList<>();

    private TaskEngine engine(String node, int workers) {
        TaskEngine e = TaskEngine.builder().store(store).nodeId(node).workers(workers).clock(clock)
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

    @AfterEach
    void stop() {
        blockRelease.countDown();
        engines.forEach(e -> e.shutdown(Duration.ofSeconds(5)));
    }

    @Test
    void everyTaskRunsExactlyOnceAcrossEngines() throws Exception {
        TaskEngine a = engine("a", 2);
        TaskEngine b = engine("b", 2);
        TaskEngine c = engine("c", 2);
        List<TaskEngine> all = List.of(a, b, c);
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(all.get(i % 3).submit("count", "p" + i, TaskOptions.defaults()));
        }
        for (TaskId id : ids) {
            Recorder.poll(() -> store.find(id).map(TaskSnapshot::isTerminal).orElse(false), "task " + id);
            assertEquals(TaskState.SUCCEEDED, store.find(id).orElseThrow().state());
        }
        assertEquals(300, runs.size());
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "each ran once");
        ProgressException e = assertThrows(ProgressException.class, () -> a.submit(ctx -> TaskResult.none()));
        assertEquals("task", e.args().get(0));
    }

    @Test
    void aSubscriberAndACancelOnOneEngineReachATaskRunningOnAnother() throws Exception {
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
        Recorder.poll(() -> store.leases.containsKey("a"), "a renewed its leases");
    }

    @Test
    void queuedWorkSurvivesAnEngineThatStops() throws Exception {
        TaskEngine a = engine("a", 1);
        TaskId blocker = a.submit("block", null, TaskOptions.defaults());
        assertTrue(blockStarted.await(10, TimeUnit.SECONDS));
        TaskId waiting = a.submit("count", "survivor", TaskOptions.defaults());
        a.shutdown(Duration.ZERO);
        assertEquals(TaskState.CANCELLED, store.find(blocker).orElseThrow().state());
        assertEquals(TaskState.QUEUED, store.find(waiting).orElseThrow().state());

        engine("a2", 1);
        Recorder.poll(() -> store.find(waiting).map(TaskSnapshot::isTerminal).orElse(false), "restarted engine ran it");
        assertEquals(TaskState.SUCCEEDED, store.find(waiting).orElseThrow().state());
        assertEquals(1, runs.get("survivor").get());
    }
}
