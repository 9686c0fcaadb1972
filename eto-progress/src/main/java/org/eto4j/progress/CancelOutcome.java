package org.eto4j.progress;

/** The answer to {@link TaskEngine#cancel(TaskId)}. */
public enum CancelOutcome {
    /** No task has this id (never created, or expired from the store). */
    UNKNOWN,
    /** The task was queued and is now {@link TaskState#CANCELLED}. */
    CANCELLED,
    /**
     * The task is running and now {@link TaskState#CANCELLING}; or, with a shared store, the request was recorded for
     * the engine that holds or will claim it.
     */
    REQUESTED,
    /** Cancellation had already been requested. */
    ALREADY_REQUESTED,
    /** The task had already ended; nothing changed. */
    ALREADY_ENDED
}
