package org.eto4j.errors;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The parts every {@link CodedError} implementation shares: the copy of message arguments, which applies the one
 * null rule, and the technical summary used as {@link Throwable#getMessage()}.
 */
public final class Errors {

    /**
     * No arguments. Not {@code List.of()}: its {@code contains(null)} throws, and a list that may hold nulls must
     * answer it.
     */
    private static final List<Object> NONE = Collections.emptyList();

    private Errors() {
    }

    /**
     * Copies message arguments by the null rule of {@link CodedError#args()}.
     *
     * <p>{@code List.of(args.clone())} and {@code List.copyOf} throw on a {@code null} element, which turned an
     * error about a missing value into a {@code NullPointerException}; this copy keeps it.
     *
     * @param args the arguments; {@code null} means none
     * @return an immutable, serializable copy that keeps {@code null} elements and answers
     *         {@code contains(null)}; later changes to {@code args} do not show through
     */
    public static List<Object> arguments(Object... args) {
        if (args == null || args.length == 0) {
            return NONE;
        }
        return Collections.unmodifiableList(Arrays.asList(args.clone()));
    }

    /**
     * Copies message arguments given as a collection, by the same rule as {@link #arguments(Object...)}.
     *
     * @param args the arguments, in order; {@code null} means none
     * @return an immutable, serializable copy that keeps {@code null} elements
     */
    public static List<Object> arguments(Collection<?> args) {
        if (args == null || args.isEmpty()) {
            return NONE;
        }
        return Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    /**
     * The technical one-line summary of an error, for logs and {@link Throwable#getMessage()}: never a sentence
     * for people. Format: {@code <code> <messageKey>[ field=<field>][ row=<row>][ args=[a, b]]}.
     *
     * @param code       the stable code
     * @param messageKey the message key
     * @param field      the field, or {@code null} for none
     * @param row        the zero-based row, or a negative number for none
     * @param args       the arguments; {@code null} means none
     * @return the summary, e.g. {@code ETO-1003 error.tmin_above_tmax field=tmin row=4 args=[31.0, 30.0]}
     */
    public static String summary(String code, String messageKey, String field, int row, List<?> args) {
        StringBuilder s = new StringBuilder(String.valueOf(code)).append(' ').append(messageKey);
        if (field != null) {
            s.append(" field=").append(field);
        }
        if (row >= 0) {
            s.append(" row=").append(row);
        }
        if (args != null && !args.isEmpty()) {
            s.append(" args=").append(args);
        }
        return s.toString();
    }

    /**
     * The technical summary of an error with no field and no row; see
     * {@link #summary(String, String, String, int, List)}.
     *
     * @param code the stable code
     * @param args the arguments; {@code null} means none
     * @return the summary, e.g. {@code PRG-1001 error.task.queue_full args=[100]}
     * @throws NullPointerException if {@code code} is null
     */
    public static String summary(Code code, Object... args) {
        Objects.requireNonNull(code, "code");
        return summary(code.code(), code.messageKey(), null, -1, args == null ? null : Arrays.asList(args));
    }
}
