package org.eto4j.progress;

/**
 * Hears about the life of every task this engine runs, synchronously and without the cost of a subscription:
 * the hook for metrics (counts by task type, durations) and audit logs. Register with
 * {@link TaskEngine#addObserver(TaskObserver)}.
 *
 * <p>Unlike a {@link TaskEngine#subscribeAll(TaskListener) subscribeAll} listener, an observer is never closed for
 * being slow and hears only about tasks <em>this</em> engine handles: {@link #submitted} on the engine that accepted
 * the task; {@link #started}, {@link #retrying} and {@link #ended} on the engine that ran it (with a shared-queue
 * store, the one that claimed it). Tasks ended elsewhere (e.g. by a store's lease reaper) are not reported here.
 *
 * <p>Callbacks run on the engine's threads (the submitter's, a worker, the ticker), sometimes while a task's lock
 * is held: they must return quickly, must not block, and must not call back into the engine. An exception is
 * logged and otherwise ignored. Every method has an empty default, so an observer implements only what it needs.
 */
public interface TaskObserver {

    /**
     * A task was accepted ({@code QUEUED}, attempt 1, seq 0).
     *
     * @param task its first snapshot
     */
    default void submitted(TaskSnapshot task) {
    }

    /**
     * An attempt started: the task is {@code RUNNING}; {@link TaskSnapshot#attempt()} is the attempt's number and
     * {@link TaskSnapshot#startedAt()} the start of the first attempt.
     *
     * @param task the snapshot after the change
     */
    default void started(TaskSnapshot task) {
    }

    /**
     * An attempt failed with a retryable error and the task waits for its next attempt ({@code QUEUED} again,
     * {@link TaskSnapshot#attempt()} already the next attempt's number).
     *
     * @param task  the snapshot after the change
     * @param error why the attempt failed
     */
    default void retrying(TaskSnapshot task, TaskError error) {
    }

    /**
     * The task ended: {@link TaskSnapshot#state()} is {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED};
     * {@link TaskSnapshot#outcome()} holds the terminal event (a {@link TaskEvent.Failed} carries the
     * {@link TaskError}, e.g. {@link ProgressErrorCode#TIMEOUT} for a time-out); {@code startedAt} is empty when it
     * never ran (cancelled while queued). Called exactly once per task this engine ends.
     *
     * @param task the terminal snapshot
     */
    default void ended(TaskSnapshot task) {
    }
}
