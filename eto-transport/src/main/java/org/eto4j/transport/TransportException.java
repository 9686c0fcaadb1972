package org.eto4j.transport;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The unchecked base exception of the transports and their clients: a stable {@link TransportErrorCode}, its message key
 * and the message arguments. {@link #getMessage()} is a technical summary, never a sentence for people.
 */
public class TransportException extends RuntimeException {
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
        super(Objects.requireNonNull(code, "code").code() + ' ' + code.messageKey()
                + (args.length == 0 ? "" : " args=" + Arrays.toString(args)), cause);
        this.code = code;
        this.args = List.of(Arrays.stream(args).map(a -> a == null ? "null" : a).toArray());
    }

    /** The stable error code. */
    public TransportErrorCode code() {
        return code;
    }

    /** The i18n message key of the code. */
    public String messageKey() {
        return code.messageKey();
    }

    /** The message arguments. */
    public List<Object> args() {
        return args;
    }
}
