package org.eto4j.progress;

/**
 * Thrown by {@link TaskEngine#submit} when a task is not accepted: the queue is full
 * ({@link ProgressErrorCode#QUEUE_FULL}) or the engine is shutting down
 * ({@link ProgressErrorCode#ENGINE_SHUT_DOWN}). Nothing was stored; the caller may retry later.
 */
public final class TaskRejectedException extends ProgressException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param code {@link ProgressErrorCode#QUEUE_FULL} or {@link ProgressErrorCode#ENGINE_SHUT_DOWN}
     * @param args the message arguments
     */
    public TaskRejectedException(ProgressErrorCode code, Object... args) {
        super(code, args);
    }
}
