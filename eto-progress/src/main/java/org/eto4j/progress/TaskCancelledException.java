package org.eto4j.progress;

/**
 * Thrown by {@link CancellationToken#throwIfCancellationRequested()} so that a task stops by unwinding. The
 * engine recognises it (and {@link InterruptedException}) as the task acknowledging cancellation.
 */
public final class TaskCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception without a stack trace: it is control flow, not a fault. */
    public TaskCancelledException() {
        super("task cancelled", null, false, false);
    }
}
