package org.eto4j.progress.postgres;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The unchecked base exception of eto-progress-postgres: a stable {@link PostgresStoreErrorCode}, its message
 * key and the message arguments. {@link #getMessage()} is a technical summary, never a sentence for people.
 */
public class PostgresStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final PostgresStoreErrorCode code;
    private final transient List<Object> args;

    /**
     * Creates an exception.
     *
     * @param code  the stable code
     * @param cause the underlying failure, or {@code null}
     * @param args  the message arguments, in the order documented on {@code code}
     */
    public PostgresStoreException(PostgresStoreErrorCode code, Throwable cause, Object... args) {
        super(Objects.requireNonNull(code, "code").code() + ' ' + code.messageKey()
                + (args.length == 0 ? "" : " args=" + Arrays.toString(args)), cause);
        this.code = code;
        this.args = List.of(args.clone());
    }

    /** The stable error code. */
    public PostgresStoreErrorCode code() {
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
