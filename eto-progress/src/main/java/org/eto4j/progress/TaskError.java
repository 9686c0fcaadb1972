package org.eto4j.progress;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The error a failed task reports to listeners and stores: a stable code, an i18n message key with its
 * arguments, and whether another attempt may succeed. Never a stack trace or an English sentence.
 *
 * @param code       the stable code, e.g. {@code PRG-2001} or {@code ETO-1001}
 * @param messageKey the i18n message key, e.g. {@code error.task.timeout}
 * @param args       message arguments: strings, numbers or booleans (JSON scalars)
 * @param retryable  whether a retry may succeed (e.g. a download that timed out)
 */
public record TaskError(String code, String messageKey, List<Object> args, boolean retryable) {
    /** Validates the components and copies the arguments. */
    public TaskError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageKey, "messageKey");
        args = TaskProgress.scalarArgs(args);
    }

    /**
     * An error with one of eto-progress's own codes.
     *
     * @param code      the code
     * @param retryable whether a retry may succeed
     * @param args      the message arguments documented on {@code code}
     * @return the error
     */
    public static TaskError of(ProgressErrorCode code, boolean retryable, Object... args) {
        return new TaskError(code.code(), code.messageKey(), Arrays.asList(args), retryable);
    }
}
