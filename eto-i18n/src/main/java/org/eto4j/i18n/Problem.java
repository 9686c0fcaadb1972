package org.eto4j.i18n;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Something wrong with a user's input, as eto4j's exceptions report it: a message key, its arguments, and
 * where it is (a field and a row), ready for {@link Messages#describe}.
 *
 * <p>eto-i18n does not depend on eto-core; an {@code EtoException e} converts with
 * {@code Problem.of(e.messageKey(), e.args()).withField(e.field().orElse(null)).withRow(e.row().orElse(-1))}.
 *
 * @param messageKey the message key, e.g. {@code error.malformed_number}
 * @param args       the message arguments, in the order the key documents them (unmodifiable; may hold nulls)
 * @param field      the field (column) concerned, or {@code null} when none
 * @param row        the zero-based index of the data row concerned, or {@code -1} when none
 */
public record Problem(String messageKey, List<Object> args, String field, int row) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if {@code messageKey} or {@code args} is null
     * @throws IllegalArgumentException if {@code row} is below -1
     */
    public Problem {
        Objects.requireNonNull(messageKey, "messageKey");
        // Arrays.asList keeps nulls, which List.copyOf would reject; the copy makes it immutable here.
        args = Collections.unmodifiableList(Arrays.asList(Objects.requireNonNull(args, "args").toArray()));
        if (row < -1) {
            throw new IllegalArgumentException("row must be -1 (no row) or a zero-based index, was " + row);
        }
    }

    /**
     * A problem with no field and no row.
     *
     * @param messageKey the message key
     * @param args       the arguments
     * @return the problem
     */
    public static Problem of(String messageKey, Object... args) {
        return new Problem(messageKey, Arrays.asList(args == null ? new Object[0] : args), null, -1);
    }

    /**
     * A problem with no field and no row, arguments given as a list.
     *
     * @param messageKey the message key
     * @param args       the arguments
     * @return the problem
     */
    public static Problem of(String messageKey, List<?> args) {
        return new Problem(messageKey, Arrays.asList(Objects.requireNonNull(args, "args").toArray()), null, -1);
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
