package org.eto4j.progress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of a {@link HealthProbe}: a status and a few details for an operator (counts, a node id, an error
 * code), framework-neutral so that a host maps it to Spring Boot's {@code Health}, a Kubernetes probe endpoint
 * or a log line.
 *
 * <p>Details hold only scalars (strings, numbers, booleans) and never an English sentence: a failure is named by
 * a stable code (an exception's class name, a SQLState), as elsewhere in eto4j.
 *
 * @param status  {@link Status#UP} or {@link Status#DOWN}
 * @param details what the probe saw, in insertion order; unmodifiable
 */
public record Health(Status status, Map<String, Object> details) {

    /** Whether the checked part works. */
    public enum Status {
        /** Working. */
        UP,
        /** Not working (shut down, unreachable, disconnected). */
        DOWN
    }

    /**
     * Copies the details (keeping their order).
     *
     * @throws NullPointerException when the status, the map, a key or a value is {@code null}
     */
    public Health {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "detail key"), Objects.requireNonNull(v, k)));
        details = Collections.unmodifiableMap(copy);
    }

    /** {@link Status#UP} without details. */
    public static Health up() {
        return new Health(Status.UP, Map.of());
    }

    /** {@link Status#DOWN} without details. */
    public static Health down() {
        return new Health(Status.DOWN, Map.of());
    }

    /**
     * This health with one more detail (replacing a detail of the same key).
     *
     * @param key   the detail's name, e.g. {@code "queued"}
     * @param value a string, number or boolean
     * @return a new {@code Health}
     */
    public Health withDetail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Health(status, more);
    }

    /** Whether the status is {@link Status#UP}. */
    public boolean isUp() {
        return status == Status.UP;
    }
}
