package org.eto4j.progress;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by a task to fail with a stable error of its own, optionally marked retryable. Any other exception
 * a task throws becomes {@link ProgressErrorCode#TASK_FAILED} (not retryable), with the details logged and
 * never published.
 */
public class TaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TaskError error;

    /**
     * Creates a failure.
     *
     * @param error the error to publish
     * @param cause the underlying cause (logged, never published), or {@code null}
     */
    public TaskFailure(TaskError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error").code() + ' ' + error.messageKey()
                + " args=" + error.args(), cause);
        this.error = error;
    }

    /**
     * A failure that another attempt may fix (the engine retries it according to the task's
     * {@link RetryPolicy}).
     *
     * @param code       the stable code
     * @param messageKey the i18n message key
     * @param args       the message arguments (JSON scalars)
     * @return the failure
     */
    public static TaskFailure retryable(String code, String messageKey, Object... args) {
        return new TaskFailure(new TaskError(code, messageKey, Arrays.asList(args), true), null);
    }

    /**
     * A failure that no retry can fix (e.g. invalid input).
     *
     * @param code       the stable code
     * @param messageKey the i18n message key
     * @param args       the message arguments (JSON scalars)
     * @return the failure
     */
    public static TaskFailure permanent(String code, String messageKey, Object... args) {
        return new TaskFailure(new TaskError(code, messageKey, Arrays.asList(args), false), null);
    }

    /** The error to publish. */
    public TaskError error() {
        return error;
    }

    /** The code of the error. */
    public String code() {
        return error.code();
    }

    /** The i18n message key of the error. */
    public String messageKey() {
        return error.messageKey();
    }

    /** The message arguments of the error. */
    public List<Object> args() {
        return error.args();
    }
}
