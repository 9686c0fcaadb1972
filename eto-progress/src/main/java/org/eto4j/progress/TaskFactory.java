package org.eto4j.progress;

/**
 * Creates tasks of one registered type from their parameters, so that a task can be described by data
 * (type + JSON-able parameters) and run by any engine that knows the type, e.g. after a restart or on
 * another node with a durable store.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Creates the task.
     *
     * @param parameters the parameters given at submission (JSON-able)
     * @return the task to run
     */
    Task create(Object parameters);
}
