package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.junit.jupiter.api.Test;

/**
 * {@link QueueClaimer} alone: when it claims, how much, what it does with the claims, and lease renewal, on a
 * hand-moved clock and a ticker that runs what it is given only when the test says so.
 */
class QueueClaimerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    /** A store whose queue holds a fixed number of tasks, recording claims and renewals. */
    private static final class Queue implements TaskStore {
        private final TaskStore tasks = InMemoryTaskStore.create();
        int available;
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public List<ClaimedTask> claim(String nodeId, Set<String> types, int max) {
            calls.add("claim " + nodeId + " " + types + " max=" + max);
            List<ClaimedTask> out = new ArrayList<>();
            for (; available > 0 && out.size() < max; available--) {
                out.add(new ClaimedTask(TaskSnapshot.queued(TaskId.random(), "t", T0), TaskOptions.defaults(), null));
            }
            return out;
        }

        @Override
        public void renewLeases(String nodeId, Collection<TaskId> held) {
            calls.add("renew " + nodeId + " " + held.size());
        }

        @Override
        public boolean sharedQueue() {
            return true;
        }

        @Override
        public void create(TaskSnapshot task, TaskOptions options, Object parameters) {
            tasks.create(task, options, parameters);
        }

        @Override
        public void append(TaskSnapshot task, TaskEvent event) {
            tasks.append(task, event);
        }

        @Override
        public java.util.Optional<TaskSnapshot> find(TaskId id) {
            return tasks.find(id);
        }

        @Override
        public List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
            return tasks.eventsAfter(id, afterSeq);
        }

        @Override
        public java.util.Optional<TaskSnapshot> requestCancel(TaskId id) {
            return tasks.requestCancel(id);
        }

        @Override
        public void remove(TaskId id) {
            tasks.remove(id);
        }
    }

    /** The engine as the claimer sees it. */
    private static final class Host implements QueueClaimer.Host {
        volatile boolean accepting = true;
        int free = 2;
        final List<TaskId> adopted = new ArrayList<>();

        @Override
        public boolean accepting() {
            return accepting;
        }

        @Override
        public int freeWorkers() {
            return free - adopted.size();
        }

        @Override
        public void adopt(TaskStore.ClaimedTask claimed) {
            adopted.add(claimed.task().id());
        }

        @Override
        public Collection<TaskId> held() {
            return adopted;
        }
    }

    private final Queue store = new Queue();
    private final Host host = new Host();
    private final List<Runnable> scheduled = new ArrayList<>();
    private Instant now = T0;
    private final QueueClaimer claimer = new QueueClaimer(store, "n1", Set.of("t"), HEARTBEAT, scheduled::add,
            new ReentrantLock(), () -> now, host);

    @Test
    void claimsAtOnceThenOnlyWhenAskedOrAfterTheHeartbeatInterval() {
        store.available = 1;
        claimer.claim(now);
        assertEquals(List.of("claim n1 [t] max=2"), store.calls, "the first check claims");
        assertEquals(1, host.adopted.size());

        store.available = 5;
        claimer.claim(now.plusMillis(500));
        assertEquals(1, store.calls.size(), "not asked, and within the heartbeat interval");
        claimer.claim(now.plus(HEARTBEAT));
        assertEquals("claim n1 [t] max=1", store.calls.get(1), "as many as the free workers");
        assertEquals(2, host.adopted.size());
    }

    @Test
    void noFreeWorkerMeansNoClaim() {
        host.free = 0;
        claimer.claim(now);
        assertEquals(List.of(), store.calls);
    }

    @Test
    void requestsCoalesceIntoOneScheduledClaim() {
        claimer.claim(now); // the first check
        store.calls.clear();
        claimer.request();
        claimer.request();
        claimer.request();
        assertEquals(1, scheduled.size(), "one claim scheduled for three requests");
        scheduled.remove(0).run();
        assertEquals(List.of("claim n1 [t] max=2"), store.calls);
        claimer.request();
        assertEquals(1, scheduled.size(), "after it ran, the next request schedules again");
    }

    @Test
    void nothingIsClaimedOrScheduledAfterShutdownBegan() {
        host.accepting = false;
        claimer.request();
        claimer.claim(now);
        assertEquals(List.of(), scheduled);
        assertEquals(List.of(), store.calls);
    }

    @Test
    void aTickerThatRefusesWorkDoesNotBlockLaterRequests() {
        List<Runnable> ran = new ArrayList<>();
        boolean[] refuse = {true};
        QueueClaimer c = new QueueClaimer(store, "n1", Set.of("t"), HEARTBEAT, r -> {
            if (refuse[0]) {
                throw new RejectedExecutionException();
            }
            ran.add(r);
        }, new ReentrantLock(), () -> now, host);
        c.request();
        refuse[0] = false;
        c.request();
        assertEquals(1, ran.size());
    }

    @Test
    void leasesOfHeldTasksAreRenewedOncePerHeartbeatInterval() {
        claimer.renewLeases(now);
        assertEquals(List.of(), store.calls, "nothing held: nothing to renew");
        store.available = 2;
        claimer.claim(now);
        store.calls.clear();
        claimer.renewLeases(now.plus(HEARTBEAT));
        claimer.renewLeases(now.plus(HEARTBEAT).plusMillis(999));
        claimer.renewLeases(now.plus(HEARTBEAT.multipliedBy(2)));
        assertEquals(List.of("renew n1 2", "renew n1 2"), store.calls);
    }
}
