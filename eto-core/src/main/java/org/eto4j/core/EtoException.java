package org.eto4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * The one unchecked exception eto-core throws for bad input or bad configuration.
 *
 * <p>It carries a stable {@link ErrorCode}, the offending field (a column name such as {@code tmax}), the
 * zero-based row index when the error belongs to a row of a series, and the arguments of the message key.
 * It never carries an English sentence: render it with {@code eto-i18n}, or log {@link #getMessage()},
 * which is a compact technical summary. Its arguments follow the null rule of {@link CodedError}: a {@code null}
 * argument is kept, a {@code null} array means none.
 */
public class EtoException extends RuntimeException implements CodedError {
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
     * @param args  the message arguments, in the order documented on {@code code}; {@code null} elements are kept
     */
    public EtoException(ErrorCode code, String field, int row, Object... args) {
        this(code, field, row, Errors.arguments(args));
    }

    private EtoException(ErrorCode code, String field, int row, List<Object> args) {
        super(Errors.summary(Objects.requireNonNull(code, "code").code(), code.messageKey(), field, row, args));
        this.code = code;
        this.field = field;
        this.row = row < 0 ? -1 : row;
        this.args = args;
    }

    /** The stable error code. */
    public ErrorCode code() {
        return code;
    }

    /** The stable code as text, e.g. {@code ETO-1003}: {@code code().code()}. */
    @Override
    public String errorCode() {
        return code.code();
    }

    /** The i18n message key of the code. */
    @Override
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

    /** The field (column) the error concerns, if any: the same as {@link #field()}. */
    @Override
    public Optional<String> fieldName() {
        return field();
    }

    /** The zero-based row index the error concerns, if any: the same as {@link #row()}. */
    @Override
    public OptionalInt rowIndex() {
        return row();
    }

    /** The message arguments, in the order documented on {@link #code()}; immutable, may hold nulls. */
    @Override
    public List<Object> args() {
        return args;
    }

    /** Returns a copy of this error attributed to {@code newRow}; used when a scalar check runs inside a series. */
    public EtoException atRow(int newRow) {
        return new EtoException(code, field, newRow, args);
    }
}
