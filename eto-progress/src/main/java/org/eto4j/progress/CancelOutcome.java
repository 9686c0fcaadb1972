package org.eto4j.progress;

/** The answer to {@link TaskEngine#cancel(TaskId)}. */
public enum CancelOutcome {
    /** No task has this id (never created, or expired from the store). */
    UNKNOWN,
    /** The task was queued and is now {@link TaskState#CANCELLED}. */
    CANCELLED,
    /** The task is running; it is now {@link TaskState#CANCELLING} (or the request was recorded for the node running it). */
    REQUESTED,
    /** Cancellation had already been requested. */
    ALREADY_REQUESTED,
    /** The task had already ended; nothing changed. */
    ALREADY_ENDED
}
