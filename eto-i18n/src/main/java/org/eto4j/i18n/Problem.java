package org.eto4j.i18n;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * Something wrong with a user's input, as eto4j's exceptions report it: a message key, its arguments, and
 * where it is (a field and a row), ready for {@link Messages#describe}.
 *
 * <p>Any eto4j error (every module's exception and {@code TaskError} are {@link CodedError}s) converts with
 * {@link #of(CodedError)}. A problem has no code of its own: codes are for programs and logs, and a problem is
 * only what a person reads. Its arguments follow the null rule of {@link CodedError}: a {@code null} argument is
 * kept (rendered as {@code null}).
 *
 * @param messageKey the message key, e.g. {@code error.malformed_number}
 * @param args       the message arguments, in the order the key documents them (unmodifiable, never null; may hold
 *                   nulls)
 * @param field      the field (column) concerned, or {@code null} when none
 * @param row        the zero-based index of the data row concerned, or {@code -1} when none
 */
public record Problem(String messageKey, List<Object> args, String field, int row) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if {@code messageKey} is null ({@code null} arguments mean none)
     * @throws IllegalArgumentException if {@code row} is below -1
     */
    public Problem {
        Objects.requireNonNull(messageKey, "messageKey");
        args = Errors.arguments(args);
        if (row < -1) {
            throw new IllegalArgumentException("row must be -1 (no row) or a zero-based index, was " + row);
        }
    }

    /**
     * The problem an eto4j error describes: its message key, arguments, field and row (its code is left out).
     *
     * @param error an exception or error record of any eto4j module
     * @return the problem
     */
    public static Problem of(CodedError error) {
        Objects.requireNonNull(error, "error");
        return new Problem(error.messageKey(), error.args(), error.fieldName().orElse(null),
                error.rowIndex().orElse(-1));
    }

    /**
     * A problem with no field and no row.
     *
     * @param messageKey the message key
     * @param args       the arguments
     * @return the problem
     */
    public static Problem of(String messageKey, Object... args) {
        return new Problem(messageKey, Errors.arguments(args), null, -1);
    }

    /**
     * A problem with no field and no row, arguments given as a list.
     *
     * @param messageKey the message key
     * @param args       the arguments; {@code null} means none
     * @return the problem
     */
    public static Problem of(String messageKey, List<?> args) {
        return new Problem(messageKey, Errors.arguments(args), null, -1);
    }

    /**
     * This problem attributed to {@code newField}.
     *
     * @param newField a field (column) name, or {@code null} for none
     * @return a copy
     */
    public Problem withField(String newField) {
        return new Problem(messageKey, args, newField, row);
    }

    /**
     * This problem attributed to the data row {@code newRow}.
     *
     * @param newRow a zero-based row index, or {@code -1} for none
     * @return a copy
     */
    public Problem withRow(int newRow) {
        return new Problem(messageKey, args, field, newRow);
    }

    /**
     * The field concerned, if any.
     *
     * @return the field
     */
    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    /**
     * The zero-based row index concerned, if any.
     *
     * @return the row index
     */
    public OptionalInt rowIndex() {
        return row < 0 ? OptionalInt.empty() : OptionalInt.of(row);
    }
}
