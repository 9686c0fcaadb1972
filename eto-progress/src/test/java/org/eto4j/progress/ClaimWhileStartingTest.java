package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.testing.ForwardingTaskStore;
import org.junit.jupiter.api.Test;

/**
 * A worker that has taken a claimed task off the engine's queue but not yet recorded it as running (its
 * {@code running} write is on its way to the store) is not free: a claim made in that moment must not take more
 * work for it. Otherwise the extra task waits on this node behind the busy worker, held under a renewed lease,
 * while idle nodes cannot take it — the cause of an intermittent time-out in eto-progress-postgres'
 * {@code MultiNodeTest.anIdleNodeIsWokenByASubmissionOnABusyOne}, where a new connection for the claim made the
 * moment long enough. Here the moment is held open deterministically by blocking the {@code running} write.
 *
 * <p>Likewise a worker whose task ended by a time-out it ignores is still busy until its thread returns.
 */
class ClaimWhileStartingTest {

    /** The shared in-memory store, with the first {@code running} write held at a gate, and calls recorded. */
    static final class GatedStore extends ForwardingTaskStore {
        final CountDownLatch runningWriteReached = new CountDownLatch(1);
        final CountDownLatch runningWriteRelease = new CountDownLatch(1);
        final List<String> claims = new CopyOnWriteArrayList<>();
        final AtomicInteger renewals = new AtomicInteger();
        private final AtomicBoolean gateUsed = new AtomicBoolean();

        GatedStore() {
            super(new SharedQueueTest.SharedStore());
        }

        @Override
        public void append(TaskSnapshot task, TaskEvent event) {
            if (event instanceof TaskEvent.StateChanged s && s.to() == TaskState.RUNNING
                    && gateUsed.compareAndSet(false, true)) {
                runningWriteReached.countDown();
                try {
                    if (!runningWriteRelease.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate not released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.append(task, event);
        }

        @Override
        public List<ClaimedTask> claim(String nodeId, Set<String> types, int max) {
            List<ClaimedTask> got = super.claim(nodeId, types, max);
            claims.add(nodeId + " max=" + max + " got=" + got.size());
            return got;
        }

        @Override
        public void renewLeases(String nodeId, Collection<TaskId> held) {
            renewals.incrementAndGet();
            super.renewLeases(nodeId, held);
        }
    }

    private static TaskEngine node(GatedStore store, String name) {
        return TaskEngine.builder().store(store).nodeId(name).workers(1).threadNamePrefix("gate-" + name)
                .tickInterval(Duration.ofMillis(1)).heartbeatInterval(Duration.ofMillis(1))
                .taskType("task", p -> ctx -> TaskResult.of(name))
                .build();
    }

    @Test
    void aWorkerStartingATaskIsNotFreeForAnotherClaim() throws Exception {
        GatedStore store = new GatedStore();
        TaskEngine busy = node(store, "busy");
        TaskEngine idle = null;
        try {
            // The first task: claimed at once, taken by the only worker, whose running write waits at the gate.
            TaskId first = busy.submit("task", null, TaskOptions.defaults());
            assertTrue(store.runningWriteReached.await(20, TimeUnit.SECONDS), "the running write reached the gate");
            store.claims.clear(); // from here on the busy node has no free worker

            // The second task, while the worker is between queue and running. A claim follows the submission at
            // once, and one every tick (1 ms heartbeat): wait for a few ticks to have passed.
            TaskId second = busy.submit("task", null, TaskOptions.defaults());
            int renewed = store.renewals.get();
            Poll.until(() -> store.renewals.get() >= renewed + 5,
                    "five lease renewals, i.e. ticks, after the submission");
            assertEquals(List.of(), store.claims, "the busy node, without a free worker, claimed nothing");

            // So the second task is still in the shared queue: an idle node takes and runs it while the first waits.
            idle = node(store, "idle");
            Poll.until(() -> store.find(second).map(TaskSnapshot::isTerminal).orElse(false), "second task ended");
            TaskEvent.Completed done = (TaskEvent.Completed) store.find(second).orElseThrow().outcome().orElseThrow();
            assertEquals(TaskResult.of("idle"), done.result());
            assertEquals(TaskState.QUEUED, store.find(first).orElseThrow().state(),
                    "the first task's running write still waits");
        } finally {
            store.runningWriteRelease.countDown();
            busy.shutdown(Duration.ofSeconds(5));
            if (idle != null) {
                idle.shutdown(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aWorkerStuckInATimedOutTaskIsNotFreeForAnotherClaim() throws Exception {
        GatedStore store = new GatedStore();
        store.runningWriteRelease.countDown(); // no gate here: the running write goes through
        CountDownLatch release = new CountDownLatch(1);
        TaskEngine busy = TaskEngine.builder().store(store).nodeId("busy").workers(1).threadNamePrefix("stuck-busy")
                .tickInterval(Duration.ofMillis(1)).heartbeatInterval(Duration.ofMillis(1))
                .taskType("task", p -> ctx -> TaskResult.of("busy"))
                .taskType("stubborn", p -> ctx -> {
                    // ignores the interrupt of its time-out until the test releases it
                    while (true) {
                        try {
                            release.await();
                            return TaskResult.none();
                        } catch (InterruptedException ignored) {
                            // keeps waiting
                        }
                    }
                })
                .build();
        TaskEngine idle = null;
        try {
            TaskId first = busy.submit("stubborn", null, TaskOptions.defaults().withTimeout(Duration.ofMillis(50)));
            Poll.until(() -> store.find(first).map(TaskSnapshot::isTerminal).orElse(false), "first task timed out");
            assertEquals(TaskState.FAILED, store.find(first).orElseThrow().state());
            store.claims.clear(); // the only worker is still inside the first task

            // The submission asks the busy node to claim at once; had it counted its stuck worker as free, it would
            // take the second task, which would then wait behind the stuck one where the idle node cannot reach it.
            TaskId second = busy.submit("task", null, TaskOptions.defaults());
            idle = node(store, "idle");
            Poll.until(() -> store.find(second).map(TaskSnapshot::isTerminal).orElse(false), "second task ended");
            TaskEvent.Completed done = (TaskEvent.Completed) store.find(second).orElseThrow().outcome().orElseThrow();
            assertEquals(TaskResult.of("idle"), done.result());
            assertTrue(store.claims.stream().noneMatch(c -> c.startsWith("busy")),
                    "the busy node, its worker stuck, claimed nothing: " + store.claims);

            // Once the stuck thread returns, the busy node claims again: a third task runs there.
            release.countDown();
            idle.shutdown(Duration.ofSeconds(5));
            idle = null;
            TaskId third = busy.submit("task", null, TaskOptions.defaults());
            Poll.until(() -> store.find(third).map(TaskSnapshot::isTerminal).orElse(false), "third task ended");
            assertEquals(TaskResult.of("busy"),
                    ((TaskEvent.Completed) store.find(third).orElseThrow().outcome().orElseThrow()).result());
        } finally {
            release.countDown();
            busy.shutdown(Duration.ofSeconds(5));
            if (idle != null) {
                idle.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
