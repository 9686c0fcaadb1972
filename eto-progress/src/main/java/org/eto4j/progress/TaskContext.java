package org.eto4j.progress;

/**
 * What a running task sees of the engine: its id and attempt, progress reporting and a cancellation token.
 *
 * <p>Reporting is cheap enough to call once per record (a few volatile writes); the engine conflates the
 * values and publishes the newest at most once per publish interval. The methods may be called from
 * several threads of the task.
 */
public interface TaskContext extends CancellationToken {
    /** The task's id. */
    TaskId taskId();

    /** The attempt number, from 1. */
    int attempt();

    /** The cancellation token (this context itself). */
    default CancellationToken cancellation() {
        return this;
    }

    /**
     * Enters a stage: sets its key and message arguments, resets {@code done} to 0 and {@code total} to
     * unknown, and restarts the rate used for the ETA.
     *
     * @param stage the stage key (see {@link Stage})
     * @param args  the stage message's arguments (strings, numbers, booleans or enums)
     */
    void stage(String stage, Object... args);

    /**
     * Sets the number of units in the current stage.
     *
     * @param total units, {@code >= 0}, or {@link TaskProgress#UNKNOWN}
     */
    void total(long total);

    /**
     * Sets the number of units done in the current stage.
     *
     * @param done units done, {@code >= 0}
     */
    void progress(long done);

    /**
     * Sets both done and total.
     *
     * @param done  units done, {@code >= 0}
     * @param total units, {@code >= 0}, or {@link TaskProgress#UNKNOWN}
     */
    default void progress(long done, long total) {
        total(total);
        progress(done);
    }

    /**
     * Adds to the units done (safe from several threads of the task).
     *
     * @param units units just finished, {@code >= 0}
     */
    void advance(long units);
}
