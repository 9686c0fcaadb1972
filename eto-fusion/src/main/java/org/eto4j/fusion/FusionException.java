package org.eto4j.fusion;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The one unchecked exception eto-fusion throws: a stable {@link FusionErrorCode}, its message key and the message
 * arguments. It never carries an English sentence: render it with eto-i18n; {@link #getMessage()} is a technical
 * summary for logs.
 */
public class FusionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FusionErrorCode code;
    private final transient List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code the stable code
     * @param args the message arguments, in the order documented on {@code code}; {@code null} becomes
     *             {@code "null"}
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
        super(Objects.requireNonNull(code, "code").code() + ' ' + code.messageKey()
                + (args.length == 0 ? "" : " args=" + Arrays.toString(args)), cause);
        this.code = code;
        this.args = List.of(Arrays.stream(args).map(a -> a == null ? "null" : a).toArray());
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
     * The i18n message key of the code.
     *
     * @return the key
     */
    public String messageKey() {
        return code.messageKey();
    }

    /**
     * The message arguments, in the order documented on {@link #code()}.
     *
     * @return the arguments, immutable
     */
    public List<Object> args() {
        return args;
    }
}
