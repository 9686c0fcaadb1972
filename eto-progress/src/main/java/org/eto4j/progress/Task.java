package org.eto4j.progress;

/**
 * A unit of work run by a {@link TaskEngine}.
 *
 * <p>A task reports progress and polls for cancellation through its {@link TaskContext}; it ends by
 * returning a result, by throwing {@link TaskFailure} (a stable error, possibly retryable), by throwing
 * {@link TaskCancelledException} or {@link InterruptedException} after a cancellation request, or by
 * throwing anything else (published as {@link ProgressErrorCode#TASK_FAILED}, details only logged).
 */
@FunctionalInterface
public interface Task {
    /**
     * Runs one attempt of the task.
     *
     * @param context progress reporting and cancellation for this attempt
     * @return the result; {@link TaskResult#none()} when there is nothing to return
     * @throws Exception any failure (see the type documentation for how each is published)
     */
    TaskResult run(TaskContext context) throws Exception;
}
