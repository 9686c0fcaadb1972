package org.eto4j.sources;

import java.util.List;
import java.util.Objects;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;

/**
 * The one unchecked exception eto-sources throws.
 *
 * <p>It carries a stable {@link SourceErrorCode} and the arguments of the code's message key, never an English
 * sentence: render it with {@code eto-i18n}, or log {@link #getMessage()}, a compact technical summary.
 *
 * <p>Its arguments follow the null rule of {@link CodedError}: a {@code null} argument is kept.
 */
public class SourceException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final SourceErrorCode code;
    private final List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code the stable error code
     * @param args the message arguments, in the order documented on {@code code}
     */
    public SourceException(SourceErrorCode code, Object... args) {
        this(code, null, args);
    }

    /**
     * Creates an exception with a cause.
     *
     * @param code  the stable error code
     * @param cause the underlying failure, or {@code null}
     * @param args  the message arguments, in the order documented on {@code code}
     */
    public SourceException(SourceErrorCode code, Throwable cause, Object... args) {
        super(Errors.summary(code, args), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.args = Errors.arguments(args);
    }

    /** The stable error code. */
    public SourceErrorCode code() {
        return code;
    }

    /** The stable code as text, e.g. {@code SRC-3001}. */
    @Override
    public String errorCode() {
        return code.code();
    }

    /** The i18n message key of the code. */
    @Override
    public String messageKey() {
        return code.messageKey();
    }

    /** The message arguments, in the order documented on {@link #code()}; immutable, may hold nulls. */
    @Override
    public List<Object> args() {
        return args;
    }

    /** Whether trying again later may succeed (network, timeout, rate limit, 5xx). */
    public boolean retryable() {
        return switch (code) {
            case NETWORK_UNAVAILABLE, TIMEOUT, RATE_LIMITED -> true;
            case SERVICE_ERROR -> args.size() > 1 && args.get(1) instanceof Integer s && s >= 500;
            default -> false;
        };
    }
}
