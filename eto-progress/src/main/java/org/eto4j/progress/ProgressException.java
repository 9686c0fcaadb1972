package org.eto4j.progress;

import java.util.List;
import java.util.Objects;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * The unchecked base exception of eto-progress: a stable {@link ProgressErrorCode}, its message key and the
 * message arguments. It never carries an English sentence; {@link #getMessage()} is a technical summary.
 * Its arguments follow the null rule of {@link CodedError}.
 */
public class ProgressException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final ProgressErrorCode code;
    private final transient List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code the stable code
     * @param args the message arguments, in the order documented on {@code code}; {@code null} elements are kept
     */
    public ProgressException(ProgressErrorCode code, Object... args) {
        super(Errors.summary(code, args));
        this.code = Objects.requireNonNull(code, "code");
        this.args = Errors.arguments(args);
    }

    /** The stable error code. */
    public ProgressErrorCode code() {
        return code;
    }

    /** The stable code as text, e.g. {@code PRG-1001}. */
    @Override
    public String errorCode() {
        return code.code();
    }

    /** The i18n message key of the code. */
    @Override
    public String messageKey() {
        return code.messageKey();
    }

    /** The message arguments; immutable, may hold nulls. */
    @Override
    public List<Object> args() {
        return args;
    }
}
