package org.eto4j.progress.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eto4j.progress.Health;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;

/**
 * Where an engine keeps each task's snapshot (state, progress, outcome), the tail of its retained events
 * and cancellation requests.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li>One engine writes a given task at a time (the one running or holding it); {@link #append} calls for
 *       a task arrive in {@code seq} order. A store may reject an event whose {@code seq} is not greater than
 *       the stored one (a durable store uses this to fence a stale writer).</li>
 *   <li>A store that cannot be reached (a database down, a lost connection, a timed-out query) throws
 *       {@link TaskStoreUnavailableException} or a subclass of it from any method but {@link #health()}, which
 *       answers {@code DOWN} instead. Hosts catch that type, never an implementation's own.</li>
 *   <li>{@link #requestCancel} may be called by anyone, concurrently with {@link #append}; an append never
 *       clears a cancellation request.</li>
 *   <li>A store keeps at least every {@link org.eto4j.progress.TaskEvent.StateChanged} and terminal event
 *       of a task until the task expires, and may keep only the newest few
 *       {@link org.eto4j.progress.TaskEvent.Progress} events.</li>
 *   <li>Finished tasks may expire by the store's retention policy; running and queued tasks never do. After
 *       expiry the task is unknown ({@link #find} is empty).</li>
 *   <li>Methods are thread-safe, never return {@code null}, and do not block on anything but their own I/O.</li>
 * </ul>
 *
 * <p><b>Shared queue.</b> A store that returns {@code true} from {@link #sharedQueue()} (a durable store used by
 * several engines) also holds the queue: {@code submit} only {@link #create creates} the task, and every
 * engine {@link #claim claims} queued tasks of the types it knows, renews the leases of the tasks it holds
 * ({@link #renewLeases}) and gives back claimed tasks it did not start when it shuts down ({@link #release}).
 * Such an engine accepts only registered task types, since another node or a restarted engine must be able to
 * re-create the task from its type, options and parameters. A task re-queued by its engine for a retry
 * ({@code RUNNING → QUEUED}) stays with that engine while its lease is renewed.
 */
public interface TaskStore extends AutoCloseable {

    /**
     * Records a newly accepted task.
     *
     * @param task       its snapshot ({@code QUEUED}, seq 0)
     * @param options    its options (type, timeout, retry policy), needed to run it again elsewhere
     * @param parameters the parameters of a registered task type (JSON-able), or {@code null} (also for an
     *                   ad-hoc task)
     * @throws org.eto4j.progress.ProgressException with
     *         {@link org.eto4j.progress.ProgressErrorCode#DUPLICATE_TASK} when the id exists
     * @throws TaskStoreUnavailableException when the store cannot be reached (the call may not have taken effect)
     */
    void create(TaskSnapshot task, TaskOptions options, Object parameters);

    /**
     * Records a retained event and the snapshot that results from it ({@code task.seq() == event.seq()}).
     * The stored cancellation flag is kept if it was set meanwhile.
     *
     * @param task  the new snapshot
     * @param event the retained event
     * @throws TaskStoreUnavailableException when the store cannot be reached (the call may not have taken effect)
     */
    void append(TaskSnapshot task, TaskEvent event);

    /**
     * The task's current snapshot.
     *
     * @param id the task id
     * @return the snapshot, or empty when the task is unknown or expired
     * @throws TaskStoreUnavailableException when the store cannot be reached (the call may not have taken effect)
     */
    Optional<TaskSnapshot> find(TaskId id);

    /**
     * The retained events numbered after {@code afterSeq}, oldest first, as far as the store still holds them.
     *
     * @param id       the task id
     * @param afterSeq return events with {@code seq > afterSeq}
     * @return the events (empty for unknown tasks)
     * @throws TaskStoreUnavailableException when the store cannot be reached (the call may not have taken effect)
     */
    List<TaskEvent> eventsAfter(TaskId id, long afterSeq);

    /**
     * Records that cancellation was requested; the engine running the task sees it on its next check.
     *
     * @param id the task id
     * @return the snapshot after the request, or empty when the task is unknown
     * @throws TaskStoreUnavailableException when the store cannot be reached (the call may not have taken effect)
     */
    Optional<TaskSnapshot> requestCancel(TaskId id);

    /**
     * Removes a task (e.g. one whose submission was rejected after it was created).
     *
     * @param id the task id
     * @throws TaskStoreUnavailableException when the store cannot be reached (the call may not have taken effect)
     */
    void remove(TaskId id);

    /**
     * Registers a sink for events written by <em>other</em> engines sharing this store (a durable store relays
     * them, e.g. by LISTEN/NOTIFY). Stores used by a single engine need not override this.
     *
     * @param sink receives each foreign retained event once, in {@code seq} order per task
     * @return a handle that unregisters the sink
     */
    default AutoCloseable watch(Consumer<TaskEvent> sink) {
        return () -> { };
    }

    /**
     * Registers a callback for when claimable work may have appeared in a shared queue through another engine
     * (a submission, a task re-queued after its holder's lease expired, a release), so that idle engines claim
     * at once rather than at their next periodic claim. Stores that cannot tell need not override this.
     *
     * @param wake called on the store's own thread; must return quickly
     * @return a handle that unregisters the callback
     */
    default AutoCloseable watchQueue(Runnable wake) {
        return () -> { };
    }

    /**
     * Whether queued tasks live in this store and are claimed by the engines sharing it (see the type
     * documentation). The default, {@code false}, means each engine runs what it was given.
     *
     * @return {@code true} for a shared-queue store
     */
    default boolean sharedQueue() {
        return false;
    }

    /**
     * Claims queued tasks for an engine; each is handed to one engine only, until it ends, its lease expires
     * or it is {@link #release released}. Called only when {@link #sharedQueue()} is {@code true}.
     *
     * @param nodeId the claiming engine's node id
     * @param types  the task types it can run
     * @param max    the most tasks to return, {@code >= 1}
     * @return the claimed tasks, still {@code QUEUED}, oldest first
     */
    default List<ClaimedTask> claim(String nodeId, Set<String> types, int max) {
        return List.of();
    }

    /**
     * Renews the leases of the tasks an engine holds (claimed, running or waiting for a retry). Called every
     * heartbeat interval when {@link #sharedQueue()} is {@code true}.
     *
     * @param nodeId the engine's node id
     * @param held   the tasks it holds
     */
    default void renewLeases(String nodeId, Collection<TaskId> held) {
    }

    /**
     * Gives back claimed tasks an engine did not start (at shutdown), so that another engine can claim them.
     *
     * @param nodeId the engine's node id
     * @param tasks  the tasks, still {@code QUEUED}
     */
    default void release(String nodeId, Collection<TaskId> tasks) {
    }

    /**
     * A queued task handed to an engine by {@link #claim}.
     *
     * @param task       its snapshot ({@code QUEUED})
     * @param options    the options it was submitted with
     * @param parameters its parameters
     */
    record ClaimedTask(TaskSnapshot task, TaskOptions options, Object parameters) {
    }

    /**
     * Whether the store can be used now, for a host's health endpoint: a durable store runs a cheap query with a
     * short time limit of its own and answers {@link Health.Status#DOWN} (never throws) when its database does not
     * answer in time. Details name the store and, when down, the failure by a code (an exception class, a
     * SQLState), never a sentence. Usable as a {@link org.eto4j.progress.HealthProbe} ({@code store::health}).
     *
     * <p>The default answers {@link Health.Status#UP}: right for a store in this JVM's memory (such as
     * {@link InMemoryTaskStore}), which is reachable whenever the engine is; a store with anything to reach should
     * override it.
     *
     * @return the store's health
     */
    default Health health() {
        return Health.up().withDetail("store", getClass().getSimpleName());
    }

    /** Releases the store's resources. The default does nothing. */
    @Override
    default void close() {
    }
}
