package org.eto4j.progress;

import org.slf4j.MDC;

/**
 * Puts a task's keys into the SLF4J MDC of the current thread and, on {@link #close()}, puts back what those keys
 * held before (a host may have set them itself, e.g. a task submitted from a request that carries its own id).
 */
final class LogContext implements AutoCloseable {
    private final String previousId;
    private final String previousType;
    private final String previousAttempt;
    private final boolean full;

    private LogContext(boolean full) {
        this.full = full;
        this.previousId = MDC.get(TaskEngine.MDC_TASK_ID);
        this.previousType = full ? MDC.get(TaskEngine.MDC_TASK_TYPE) : null;
        this.previousAttempt = full ? MDC.get(TaskEngine.MDC_ATTEMPT) : null;
    }

    /** Task id, type and attempt, around an attempt. */
    static LogContext attempt(TaskId id, String type, int attempt) {
        LogContext c = new LogContext(true);
        MDC.put(TaskEngine.MDC_TASK_ID, id.value());
        MDC.put(TaskEngine.MDC_TASK_TYPE, type);
        MDC.put(TaskEngine.MDC_ATTEMPT, Integer.toString(attempt));
        return c;
    }

    /** The task id only, around deliveries to a listener; {@link #taskId} changes it per event. */
    static LogContext delivery() {
        return new LogContext(false);
    }

    /** Sets the task id of the event being delivered. */
    void taskId(TaskId id) {
        MDC.put(TaskEngine.MDC_TASK_ID, id.value());
    }

    @Override
    public void close() {
        restore(TaskEngine.MDC_TASK_ID, previousId);
        if (full) {
            restore(TaskEngine.MDC_TASK_TYPE, previousType);
            restore(TaskEngine.MDC_ATTEMPT, previousAttempt);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
