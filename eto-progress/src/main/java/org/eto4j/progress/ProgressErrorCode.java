package org.eto4j.progress;

import org.eto4j.errors.Code;

/**
 * Stable codes for every error eto-progress itself reports, to callers (as {@link ProgressException}) or to
 * listeners (inside a {@link TaskError}). A code never changes meaning once released. The arguments of each
 * message key are listed in order ({@code {0}}, {@code {1}}, …).
 */
public enum ProgressErrorCode implements Code {
    /** The engine's queue is full; the task was not accepted. Args: capacity. */
    QUEUE_FULL("PRG-1001", "error.task.queue_full"),
    /** The engine is shutting down or shut down; the task was not accepted. Args: none. */
    ENGINE_SHUT_DOWN("PRG-1002", "error.task.engine_shut_down"),
    /** A builder option is outside its accepted range. Args: option, value, accepted. */
    INVALID_OPTION("PRG-1003", "error.task.invalid_option"),
    /** A task id is malformed. Args: text. */
    INVALID_TASK_ID("PRG-1004", "error.task.invalid_id"),
    /** A state transition is not in the transition table. Args: from, to. */
    ILLEGAL_TRANSITION("PRG-1005", "error.task.illegal_transition"),
    /** A task with the same id already exists in the store. Args: taskId. */
    DUPLICATE_TASK("PRG-1006", "error.task.duplicate"),

    /** The task ran longer than its timeout. Args: timeoutMillis. */
    TIMEOUT("PRG-2001", "error.task.timeout"),
    /** The task threw an exception that carries no error of its own; details are logged, not published. Args: none. */
    TASK_FAILED("PRG-2002", "error.task.failed"),
    /** The node running the task stopped renewing its lease (used by distributed stores). Args: attempts. */
    LEASE_EXPIRED("PRG-2003", "error.task.lease_expired"),
    /**
     * The task stopped because cancellation was requested ({@link TaskCancelledException}); not a fault.
     * Args: none.
     */
    CANCELLED("PRG-2004", "error.task.cancelled"),

    /**
     * The task store cannot be reached or refuses (its database is down, a connection was lost, a query timed
     * out): the operation may not have taken effect and may succeed later
     * ({@link org.eto4j.progress.store.TaskStoreUnavailableException}). Args: store.
     */
    STORE_UNAVAILABLE("PRG-3001", "error.task.store_unavailable");

    private final String code;
    private final String messageKey;

    ProgressErrorCode(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /** The stable public code, e.g. {@code PRG-2001}. */
    @Override
    public String code() {
        return code;
    }

    /** The i18n message key, e.g. {@code error.task.timeout}. */
    @Override
    public String messageKey() {
        return messageKey;
    }
}
