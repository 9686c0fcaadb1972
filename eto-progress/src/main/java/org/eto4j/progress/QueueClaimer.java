package org.eto4j.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eto4j.progress.store.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's side of a shared queue ({@link TaskStore#sharedQueue()}): claims work from the store when asked
 * (a submission, a free worker, a queue announcement) and at least every heartbeat interval, as many tasks as
 * the engine has free workers, and renews the leases of the tasks it holds every heartbeat interval. Requests
 * made while a claim is scheduled coalesce into that claim.
 *
 * <p>{@link #claim} and {@link #renewLeases} run under the engine's tick lock (the periodic check holds it);
 * {@link #request()} schedules a claim on the engine's ticker, which takes the lock itself.
 */
final class QueueClaimer {
    private static final Logger LOG = LoggerFactory.getLogger(QueueClaimer.class);

    /** What the claimer needs of its engine. */
    interface Host {
        /** Whether the engine still takes work (nothing is claimed after shutdown began). */
        boolean accepting();

        /** How many more tasks the engine can hold now without a task waiting behind a busy worker. */
        int freeWorkers();

        /** Takes a claimed task: queues it for a worker, cancels it, or hands it back to the store. */
        void adopt(TaskStore.ClaimedTask claimed);

        /** The tasks the engine holds (their leases are renewed). */
        Collection<TaskId> held();
    }

    private final TaskStore store;
    private final String nodeId;
    private final Set<String> types;
    private final Duration heartbeatInterval;
    private final Executor ticker;
    private final ReentrantLock tickLock;
    private final Supplier<Instant> clock;
    private final Host host;
    private volatile boolean requested = true;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private Instant nextClaimAt = Instant.MIN; // guarded by tickLock
    private Instant nextRenewalAt = Instant.MIN; // guarded by tickLock

    QueueClaimer(TaskStore store, String nodeId, Set<String> types, Duration heartbeatInterval, Executor ticker,
                 ReentrantLock tickLock, Supplier<Instant> clock, Host host) {
        this.store = store;
        this.nodeId = nodeId;
        this.types = Set.copyOf(types);
        this.heartbeatInterval = heartbeatInterval;
        this.ticker = ticker;
        this.tickLock = tickLock;
        this.clock = clock;
        this.host = host;
    }

    /** Asks for a claim as soon as the ticker is free (work was announced, or a worker became free). */
    void request() {
        requested = true;
        claimSoon();
    }

    /** Runs {@link #claim} on the ticker thread as soon as it is free; requests made meanwhile coalesce. */
    private void claimSoon() {
        if (!host.accepting()) {
            return; // nothing is claimed any more; a host's scheduler must not get work after shutdown
        }
        if (scheduled.compareAndSet(false, true)) {
            try {
                ticker.execute(() -> {
                    scheduled.set(false);
                    tickLock.lock();
                    try {
                        claim(clock.get());
                    } catch (RuntimeException e) {
                        LOG.error("claiming from the shared queue failed", e);
                    } finally {
                        tickLock.unlock();
                    }
                });
            } catch (RejectedExecutionException e) {
                scheduled.set(false); // shutting down
            }
        }
    }

    /** Claims when asked to or when the heartbeat interval has passed since the last claim. Under the tick lock. */
    void claim(Instant now) {
        if (!host.accepting() || !(requested || !now.isBefore(nextClaimAt))) {
            return;
        }
        requested = false;
        nextClaimAt = now.plus(heartbeatInterval);
        int free = host.freeWorkers();
        if (free <= 0) {
            return;
        }
        for (TaskStore.ClaimedTask c : store.claim(nodeId, types, free)) {
            host.adopt(c);
        }
    }

    /** Renews the leases of the held tasks once per heartbeat interval. Under the tick lock. */
    void renewLeases(Instant now) {
        if (now.isBefore(nextRenewalAt)) {
            return;
        }
        nextRenewalAt = now.plus(heartbeatInterval);
        Collection<TaskId> held = host.held();
        if (!held.isEmpty()) {
            store.renewLeases(nodeId, List.copyOf(held));
        }
    }
}
