package org.eto4j.progress.postgres;

import java.util.List;
import org.eto4j.progress.store.TaskStoreUnavailableException;

/**
 * The unchecked base exception of eto-progress-postgres: a stable {@link PostgresStoreErrorCode}, its message
 * key and the message arguments. {@link #getMessage()} is a technical summary, never a sentence for people.
 *
 * <p>It is a {@link TaskStoreUnavailableException}, the store-neutral error of the {@code TaskStore} SPI, so that a
 * host catches that type and keeps working with another store: every code means the store cannot serve the call
 * as asked (the database unreachable or refusing, a schema this version cannot use, a value it cannot store), and
 * {@link #code()} tells which. Its arguments follow the null rule of {@link org.eto4j.errors.CodedError}.
 */
public class PostgresStoreException extends TaskStoreUnavailableException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param code  the stable code
     * @param cause the underlying failure, or {@code null}
     * @param args  the message arguments, in the order documented on {@code code}; {@code null} elements are kept
     */
    public PostgresStoreException(PostgresStoreErrorCode code, Throwable cause, Object... args) {
        super(code, cause, args);
    }

    /** The stable error code. */
    @Override
    public PostgresStoreErrorCode code() {
        return (PostgresStoreErrorCode) super.code();
    }

    /** The i18n message key of the code. */
    @Override
    public String messageKey() {
        return super.messageKey();
    }

    /** The message arguments; immutable, may hold nulls. */
    @Override
    public List<Object> args() {
        return super.args();
    }
}
