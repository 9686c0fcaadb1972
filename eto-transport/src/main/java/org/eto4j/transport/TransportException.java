package org.eto4j.transport;

import java.util.List;
import java.util.Objects;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * The unchecked base exception of the transports and their clients: a stable {@link TransportErrorCode}, its message
 * key and the message arguments. {@link #getMessage()} is a technical summary, never a sentence for people.
 *
 * <p>Its arguments follow the null rule of {@link CodedError}: a {@code null} argument is kept.
 */
public class TransportException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final TransportErrorCode code;
    private final transient List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code the stable code
     * @param args the message arguments, in the order documented on {@code code}
     */
    public TransportException(TransportErrorCode code, Object... args) {
        this(code, null, args);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code  the stable code
     * @param cause the underlying failure, or {@code null}
     * @param args  the message arguments, in the order documented on {@code code}
     */
    public TransportException(TransportErrorCode code, Throwable cause, Object... args) {
        super(Errors.summary(code, args), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.args = Errors.arguments(args);
    }

    /** The stable error code. */
    public TransportErrorCode code() {
        return code;
    }

    /** The stable code as text, e.g. {@code WST-1001}. */
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
