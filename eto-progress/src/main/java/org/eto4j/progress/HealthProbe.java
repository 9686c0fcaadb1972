package org.eto4j.progress;

/**
 * A health check of one part of eto4j, framework-neutral: a host adapts it to its own health API (a Spring Boot
 * {@code HealthIndicator}, a readiness endpoint). eto4j's parts expose their checks as methods that fit this
 * interface:
 *
 * <pre>{@code
 * HealthProbe engineUp   = engine::health;          // DOWN once shutdown began
 * HealthProbe storeUp    = store::health;           // TaskStore: the database answers (in-memory: always UP)
 * HealthProbe listenerUp = postgresStore::listenHealth; // eto-progress-postgres: the LISTEN connection is up
 * }</pre>
 *
 * <p>A probe answers quickly (a store's check has a short time limit of its own), never throws for an unhealthy
 * part (that is {@link Health.Status#DOWN}), and may be called from any thread, often.
 */
@FunctionalInterface
public interface HealthProbe {
    /**
     * Checks now.
     *
     * @return the health; never {@code null}
     */
    Health check();
}
