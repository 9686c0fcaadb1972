package org.eto4j.progress.store;

import java.util.List;
import java.util.Objects;
import org.eto4j.errors.Code;
import org.eto4j.errors.CodedError;
import org.eto4j.errors.Errors;
import org.eto4j.progress.ProgressErrorCode;

/**
 * A {@link TaskStore} cannot be reached or refuses: its database is down, a connection was lost, a query timed out.
 * The operation may not have taken effect, and the same call may succeed later; a host answers "try again later"
 * (HTTP 503) and logs the cause.
 *
 * <p>This is the store-neutral type of the SPI: a host catches it, never an implementation's own exception, so that
 * it keeps working when the store is swapped. A store either throws it with
 * {@link ProgressErrorCode#STORE_UNAVAILABLE} or throws a subclass that carries codes of its own (the PostgreSQL
 * store's {@code PostgresStoreException} is one). Its arguments follow the null rule of {@link CodedError}.
 */
public class TaskStoreUnavailableException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final Code code;
    private final transient List<Object> args;

    /**
     * A store that cannot be reached, with {@link ProgressErrorCode#STORE_UNAVAILABLE}.
     *
     * @param store a short name of the store, e.g. its class's simple name (the message argument)
     * @param cause the underlying failure (logged, never shown), or {@code null}
     */
    public TaskStoreUnavailableException(String store, Throwable cause) {
        this(ProgressErrorCode.STORE_UNAVAILABLE, cause, store);
    }

    /**
     * For a store that reports with codes of its own.
     *
     * @param code  the stable code
     * @param cause the underlying failure, or {@code null}
     * @param args  the message arguments, in the order documented on {@code code}; {@code null} elements are kept
     */
    protected TaskStoreUnavailableException(Code code, Throwable cause, Object... args) {
        super(Errors.summary(code, args), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.args = Errors.arguments(args);
    }

    /**
     * The stable code: {@link ProgressErrorCode#STORE_UNAVAILABLE}, or a subclass's own.
     *
     * @return the code
     */
    public Code code() {
        return code;
    }

    /** The stable code as text, e.g. {@code PRG-3001}. */
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
