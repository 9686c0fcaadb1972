package org.eto4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one unchecked exception eto-core throws for bad input or bad configuration.
 *
 * <p>It carries a stable {@link ErrorCode}, the offending field (a column name such as {@code tmax}), the
 * zero-based row index when the error belongs to a row of a series, and the arguments of the message key.
 * It never carries an English sentence: render it with {@code eto-i18n}, or log {@link #getMessage()},
 * which is a compact technical summary.
 */
public class EtoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;
    private final int row;
    private final List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code  the stable error code
     * @param field the field (column) name, or {@code null} when the error concerns no single field
     * @param row   the zero-based row index, or {@code -1} when the error concerns no row
     * @param args  the message arguments, in the order documented on {@code code}
     */
    public EtoException(ErrorCode code, String field, int row, Object... args) {
        super(summary(code, field, row, args));
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.row = row < 0 ? -1 : row;
        this.args = List.of(args.clone());
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** The i18n message key of the code. */
    public String messageKey() {
        return code.messageKey();
    }

    /** The field (column) the error concerns, if any. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The zero-based row index the error concerns, if any. */
    public OptionalInt row() {
        return row < 0 ? OptionalInt.empty() : OptionalInt.of(row);
    }

    /** The message arguments, in the order documented on {@link #code()}. */
    public List<Object> args() {
        return args;
    }

    /** Returns a copy of this error attributed to {@code newRow}; used when a scalar check runs inside a series. */
    public EtoException atRow(int newRow) {
        return new EtoException(code, field, newRow, args.toArray());
    }

    private static String summary(ErrorCode code, String field, int row, Object[] args) {
        StringBuilder s = new StringBuilder(code.code()).append(' ').append(code.messageKey());
        if (field != null) {
            s.append(" field=").append(field);
        }
        if (row >= 0) {
            s.append(" row=").append(row);
        }
        if (args.length > 0) {
            s.append(" args=").append(java.util.Arrays.toString(args));
        }
        return s.toString();
    }
}
