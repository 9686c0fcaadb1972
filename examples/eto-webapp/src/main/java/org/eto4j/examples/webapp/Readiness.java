package org.eto4j.examples.webapp;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.store.TaskStore;

/**
 * Whether this instance should get traffic, from eto-progress's health probes: the engine runs (not shut down,
 * {@link TaskEngine#health()}) and the task store answers ({@link TaskStore#health()}: always for the memory store;
 * for PostgreSQL a {@code SELECT 1} within {@link TaskStores#HEALTH_TIMEOUT}, the wait for a pooled connection
 * included, so a load balancer's probe gets its answer in time while the database is unreachable). The same probes
 * back Spring Boot's Actuator health in eto-spring-boot-starter.
 */
final class Readiness {
    /** The value of a check that passed. */
    static final String UP = "UP";
    /** The value of a check that failed. */
    static final String DOWN = "DOWN";

    private final TaskEngine engine;
    private final TaskStore store;
    private volatile boolean stopping;

    Readiness(TaskEngine engine, TaskStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** Marks the instance as going away: ready answers DOWN from now on, so the balancer drains it first. */
    void stopping() {
        stopping = true;
    }

    /** Each check's result, {@code engine} and {@code store}, in that order. */
    Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("engine", !stopping && engine.health().isUp() ? UP : DOWN);
        checks.put("store", store.health().isUp() ? UP : DOWN);
        return checks;
    }
}
