package org.eto4j.fusion;

import java.util.List;
import java.util.Objects;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * The one unchecked exception eto-fusion throws: a stable {@link FusionErrorCode}, its message key and the message
 * arguments. It never carries an English sentence: render it with eto-i18n; {@link #getMessage()} is a technical
 * summary for logs.
 *
 * <p>Its arguments follow the null rule of {@link CodedError}: a {@code null} argument is kept.
 */
public class FusionException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final FusionErrorCode code;
    private final transient List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code the stable code
     * @param args the message arguments, in the order documented on {@code code}; {@code null} elements are kept
     */
    public FusionException(FusionErrorCode code, Object... args) {
        this(code, null, args);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code  the stable code
     * @param cause the underlying failure, or {@code null}
     * @param args  the message arguments, in the order documented on {@code code}
     */
    public FusionException(FusionErrorCode code, Throwable cause, Object... args) {
        super(Errors.summary(code, args), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.args = Errors.arguments(args);
    }

    /**
     * The stable error code.
     *
     * @return the code
     */
    public FusionErrorCode code() {
        return code;
    }

    /**
     * The stable code as text.
     *
     * @return the code, e.g. {@code FUS-1006}
     */
    @Override
    public String errorCode() {
        return code.code();
    }

    /**
     * The i18n message key of the code.
     *
     * @return the key
     */
    @Override
    public String messageKey() {
        return code.messageKey();
    }

    /**
     * The message arguments, in the order documented on {@link #code()}.
     *
     * @return the arguments, immutable; elements may be {@code null}
     */
    @Override
    public List<Object> args() {
        return args;
    }
}
