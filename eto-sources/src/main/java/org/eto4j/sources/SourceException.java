package org.eto4j.sources;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The one unchecked exception eto-sources throws.
 *
 * <p>It carries a stable {@link SourceErrorCode} and the arguments of the code's message key, never an English
 * sentence: render it with {@code eto-i18n}, or log {@link #getMessage()}, a compact technical summary.
 */
public class SourceException extends RuntimeException {
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
        super(code.code() + ' ' + code.messageKey() + (args.length == 0 ? "" : " args=" + Arrays.toString(args)),
                cause);
        this.code = Objects.requireNonNull(code, "code");
        this.args = List.of(Arrays.stream(args).map(a -> a == null ? "" : a).toArray());
    }

    /** The stable error code. */
    public SourceErrorCode code() {
        return code;
    }

    /** The i18n message key of the code. */
    public String messageKey() {
        return code.messageKey();
    }

    /** The message arguments, in the order documented on {@link #code()}. */
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
