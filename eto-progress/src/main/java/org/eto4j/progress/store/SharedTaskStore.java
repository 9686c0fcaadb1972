package org.eto4j.progress.store;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;

/**
 * A {@link TaskStore} that several engines (nodes, possibly in other JVMs) share, and that also holds the
 * queue: typed tasks wait in the store until a node {@link #claim claims} them, and a node holds each task it
 * claimed or created under a lease the store renews. When a node stops renewing (it was killed), the store
 * re-queues or ends its tasks, so another node finishes them.
 *
 * <p>An engine built with such a store submits typed tasks ({@link org.eto4j.progress.TaskEngine#submit(String,
 * Object, TaskOptions)}) to the store only, and its workers claim work from the store; ad-hoc tasks (a
 * {@link org.eto4j.progress.Task} object) are held by the submitting node and run there. One store instance
 * serves one engine.
 */
public interface SharedTaskStore extends TaskStore {

    /**
     * What the store tells the engine attached to it. Called on the store's own threads; implementations
     * must return quickly and never block on I/O.
     */
    interface Node {
        /** Queued tasks may be waiting to be claimed (a submission on any node, a re-queue, or a periodic poll). */
        void workAvailable();

        /**
         * Cancellation was requested, possibly on another node, for a task this node holds.
         *
         * @param id the task
         */
        void cancelRequested(TaskId id);

        /**
         * This node no longer holds the task (its lease expired and the store gave it to others): the engine
         * stops running it and publishes nothing more for it.
         *
         * @param id the task
         */
        void leaseLost(TaskId id);
    }

    /**
     * A queued task this node claimed, with what it needs to run it.
     *
     * @param task       its snapshot ({@code QUEUED}; attempt and seq as stored)
     * @param parameters the parameters given at submission (JSON-able; for a durable store, as read back)
     * @param options    the options given at submission (type, timeout, retry)
     */
    record Claim(TaskSnapshot task, Object parameters, TaskOptions options) {
        /** Validates the components. */
        public Claim {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * Attaches the engine that uses this store: the store starts renewing leases, listening for other nodes
     * and reaping expired leases, and calls {@code node} back.
     *
     * @param node the engine's callbacks
     * @return a handle that detaches the engine and stops those activities
     */
    AutoCloseable attach(Node node);

    /**
     * Records a newly accepted task with the options another node needs to run it.
     *
     * @param task       its snapshot ({@code QUEUED}, seq 0)
     * @param parameters the parameters of a typed task (JSON-able), or {@code null}
     * @param options    its options
     * @param held       {@code true} for a task only this node can run (an ad-hoc task): it is created held by
     *                   this node and never claimed by others; {@code false} for a typed task any node may claim
     * @throws org.eto4j.progress.ProgressException with
     *         {@link org.eto4j.progress.ProgressErrorCode#DUPLICATE_TASK} when the id exists
     */
    void create(TaskSnapshot task, Object parameters, TaskOptions options, boolean held);

    /**
     * Claims up to {@code max} queued, unheld tasks whose type is one of {@code types}, oldest first; they are
     * held by this node from now on. Tasks claimed concurrently by other nodes are skipped, never waited for.
     *
     * @param types the task types this node can run
     * @param max   the most tasks to claim, {@code >= 1}
     * @return the claimed tasks (possibly none)
     */
    List<Claim> claim(Set<String> types, int max);

    /**
     * Gives queued tasks this node holds back to the queue (e.g. claimed but not started when the engine shuts
     * down), so that another node can claim them.
     *
     * @param ids the tasks
     */
    void release(Collection<TaskId> ids);
}
