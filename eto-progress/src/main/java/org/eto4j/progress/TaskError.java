package org.eto4j.progress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * The error a failed task reports to listeners and stores: a stable code, an i18n message key with its
 * arguments, whether another attempt may succeed, and, for an error about the task's input, the field and row it
 * concerns. Never a stack trace or an English sentence. Its arguments follow the null rule of {@link CodedError}:
 * a {@code null} list means none, a {@code null} element is kept (JSON {@code null}).
 *
 * @param code       the stable code, e.g. {@code PRG-2001} or {@code ETO-1001}
 * @param messageKey the i18n message key, e.g. {@code error.task.timeout}
 * @param args       message arguments: strings, numbers, booleans or {@code null} (JSON scalars); an enum becomes
 *                   its name
 * @param retryable  whether a retry may succeed (e.g. a download that timed out)
 * @param field      the input field (column) the error concerns, or {@code null} for none
 * @param row        the zero-based input row the error concerns, or {@code -1} for none (any negative value is
 *                   taken as {@code -1})
 */
public record TaskError(String code, String messageKey, List<Object> args, boolean retryable, String field,
                        int row) implements CodedError {
    /** Validates the components and copies the arguments. */
    public TaskError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageKey, "messageKey");
        args = copyArgs(args);
        row = Math.max(row, -1);
    }

    /**
     * An error about no particular field or row.
     *
     * @param code       the stable code
     * @param messageKey the i18n message key
     * @param args       message arguments (JSON scalars)
     * @param retryable  whether a retry may succeed
     */
    public TaskError(String code, String messageKey, List<Object> args, boolean retryable) {
        this(code, messageKey, args, retryable, null, -1);
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
        return new TaskError(code.code(), code.messageKey(), Errors.arguments(args), retryable);
    }

    /**
     * This error, about the given field and row of the task's input.
     *
     * @param field the field (column), or {@code null} for none
     * @param row   the zero-based row, or {@code -1} for none
     * @return the error with that place
     */
    public TaskError at(String field, int row) {
        return new TaskError(code, messageKey, args, retryable, field, row);
    }

    /** The stable code: the same as {@link #code()}. */
    @Override
    public String errorCode() {
        return code;
    }

    /** The field the error concerns, if any: {@link #field()} as an {@code Optional}. */
    @Override
    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    /** The zero-based row the error concerns, if any: {@link #row()} unless it is {@code -1}. */
    @Override
    public OptionalInt rowIndex() {
        return row < 0 ? OptionalInt.empty() : OptionalInt.of(row);
    }

    /** The null rule of {@link Errors#arguments}, then the JSON-scalar rule of progress arguments for the rest. */
    private static List<Object> copyArgs(List<Object> args) {
        List<Object> copy = Errors.arguments(args);
        if (!copy.contains(null)) {
            return TaskProgress.scalarArgs(copy);
        }
        Iterator<Object> scalars = TaskProgress.scalarArgs(copy.stream().filter(Objects::nonNull).toList()).iterator();
        List<Object> out = new ArrayList<>(copy.size());
        for (Object a : copy) {
            out.add(a == null ? null : scalars.next());
        }
        return Errors.arguments(out);
    }
}
