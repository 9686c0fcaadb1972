package org.eto4j.progress;

/**
 * Cooperative cancellation: a task polls the token between units of work. The engine additionally
 * interrupts the task's thread, so blocking calls end early too.
 */
public interface CancellationToken {
    /** Whether cancellation was requested (by a caller, a timeout or shutdown). Cheap: a volatile read. */
    boolean isCancellationRequested();

    /**
     * Throws {@link TaskCancelledException} if cancellation was requested.
     *
     * @throws TaskCancelledException when cancellation was requested
     */
    default void throwIfCancellationRequested() {
        if (isCancellationRequested()) {
            throw new TaskCancelledException();
        }
    }
}
