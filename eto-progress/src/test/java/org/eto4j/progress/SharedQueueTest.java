package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.function.Consumer;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.eto4j.progress.testing.ManualClock;
import org.eto4j.progress.testing.Recorder;
import org.junit.jupiter.api.Test;

/** {@link SharedQueueContract} on an in-memory stand-in for a durable shared-queue store. */
class SharedQueueTest extends SharedQueueContract {
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

        /** Makes {@link #release} fail, as a store whose database went away does. */
        volatile boolean releaseFails;

        @Override
        public synchronized void release(String nodeId, Collection<TaskId> ids) {
            if (releaseFails) {
                throw new IllegalStateException("store unavailable");
            }
            for (TaskId id : ids) {
                ClaimedTask c = submitted.get(id);
                unclaimed.put(id, new ClaimedTask(tasks.find(id).orElseThrow(), c.options(), c.parameters()));
            }
        }

        /** Drops the notifications of appended events, as a store whose notification channel is down does. */
        volatile boolean notificationsLost;

        @Override
        public void append(TaskSnapshot task, TaskEvent event) {
            tasks.append(task, event);
            if (notificationsLost) {
                return;
            }
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

    private SharedStore backend;

    @Override
    protected void newBackend() {
        backend = new SharedStore();
    }

    @Override
    protected TaskStore storeForEngine(String nodeId) {
        return backend;
    }

    @Test
    void enginesRenewTheLeasesOfWhatTheyHold() throws Exception {
        TaskEngine a = TaskEngine.builder().store(backend).nodeId("lease-a").workers(1)
                .tickInterval(Duration.ofMillis(2)).threadNamePrefix("shared-lease")
                .taskType("wait", p -> ctx -> {
                    new CountDownLatch(1).await();
                    return TaskResult.none();
                }).build();
        try {
            TaskId id = a.submit("wait", null, TaskOptions.defaults());
            Poll.until(() -> backend.leases.getOrDefault("lease-a", Set.of()).contains(id), "lease renewed");
        } finally {
            assertTrue(a.shutdown(Duration.ZERO), "the waiting task is interrupted and ends");
        }
    }

    @Test
    void aStoreThatCannotTakeQueuedTasksBackDoesNotStopTheShutdown() throws Exception {
        // A task waiting out a retry backoff is queued work this engine holds; the shutdown hands it back.
        TaskEngine e = TaskEngine.builder().store(backend).nodeId("release-fails").workers(1)
                .tickInterval(Duration.ofMillis(2)).threadNamePrefix("shared-release")
                .taskType("flaky", p -> ctx -> {
                    throw TaskFailure.retryable("SRC-5001", "error.source.unavailable", "test", 503);
                }).build();
        TaskId waiting = e.submit("flaky", null, TaskOptions.defaults()
                .withRetry(RetryPolicy.exponential(3, Duration.ofHours(1), Duration.ofHours(1))));
        Poll.until(() -> e.stats().waitingForRetry() == 1, "the first attempt failed and waits for its retry");
        backend.releaseFails = true;

        assertFalse(e.shutdown(Duration.ZERO), "a failed hand-back is reported, not thrown");
        assertTrue(e.isShutdown());
        assertEquals(TaskState.QUEUED, backend.find(waiting).orElseThrow().state(),
                "the task stays queued in the store, for an engine to claim once the lease expires");
        Poll.until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("shared-release") && t.isAlive()), "the engine's threads end");
    }

    @Test
    void aSubscriptionMadeBeforeTheClaimGetsTheTasksEventsFromTheEngine() throws Exception {
        // Engine a holds the task type; its clock stands still, so it claims only when the test moves it.
        ManualClock clock = new ManualClock();
        CountDownLatch release = new CountDownLatch(1);
        TaskEngine a = TaskEngine.builder().store(backend).nodeId("early-a").workers(1).clock(clock)
                .tickInterval(Duration.ofMillis(2)).threadNamePrefix("shared-early")
                .taskType("work", p -> ctx -> {
                    release.await();
                    return TaskResult.none();
                }).build();
        try {
            // Submitted by another node (straight into the shared store).
            TaskSnapshot queued = TaskSnapshot.queued(TaskId.random(), "work", clock.instant());
            backend.create(queued, TaskOptions.defaults().withType("work"), null);
            TaskId id = queued.id();
            // Subscribed on a while the task is still unclaimed: the subscription comes through the store.
            Recorder events = new Recorder();
            a.subscribe(id, -1, events).orElseThrow();
            clock.advance(TaskEngine.Builder.DEFAULT_HEARTBEAT_INTERVAL.multipliedBy(2));
            Poll.until(() -> backend.find(id).map(t -> t.state() == TaskState.RUNNING).orElse(false),
                    "a claimed and started the task");
            // From now on the store relays nothing: the end must reach the subscription from a itself.
            backend.notificationsLost = true;
            release.countDown();
            assertEquals(Subscription.CloseReason.TASK_ENDED, events.awaitClose());
            assertTrue(events.events().stream().anyMatch(e -> e instanceof TaskEvent.Completed),
                    events.events()::toString);
        } finally {
            release.countDown();
            a.shutdown(Duration.ofSeconds(5));
        }
    }
}
