package org.eto4j.progress;

import java.util.List;
import org.eto4j.errors.CodedError;

/**
 * Thrown by {@link CancellationToken#throwIfCancellationRequested()} so that a task stops by unwinding. The
 * engine recognises it (and {@link InterruptedException}) as the task acknowledging cancellation. As a
 * {@link CodedError} it is {@link ProgressErrorCode#CANCELLED}, with no arguments.
 */
public final class TaskCancelledException extends RuntimeException implements CodedError {
    private static final long serialVersionUID = 1L;

    /** Creates an exception without a stack trace: it is control flow, not a fault. */
    public TaskCancelledException() {
        super("task cancelled", null, false, false);
    }

    /**
     * The stable code.
     *
     * @return {@link ProgressErrorCode#CANCELLED}
     */
    public ProgressErrorCode code() {
        return ProgressErrorCode.CANCELLED;
    }

    /** The stable code as text: {@code PRG-2004}. */
    @Override
    public String errorCode() {
        return code().code();
    }

    /** The message key of {@link ProgressErrorCode#CANCELLED}. */
    @Override
    public String messageKey() {
        return code().messageKey();
    }

    /** No arguments. */
    @Override
    public List<Object> args() {
        return List.of();
    }
}
