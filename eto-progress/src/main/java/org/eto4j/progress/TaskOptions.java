package org.eto4j.progress;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-task options. Absent values fall back to the engine's defaults.
 *
 * @param type    a stable type name shown in snapshots and stores (e.g. {@code eto.batch})
 * @param timeout the longest one attempt may run; absent for the engine default
 * @param retry   the retry policy; absent for the engine default
 */
public record TaskOptions(String type, Optional<Duration> timeout, Optional<RetryPolicy> retry) {
    /** The type of tasks submitted without one. */
    public static final String DEFAULT_TYPE = "task";

    private static final TaskOptions DEFAULTS = new TaskOptions(DEFAULT_TYPE, Optional.empty(), Optional.empty());

    /** Validates the components. */
    public TaskOptions {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        if (type.isBlank() || type.length() > 64) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "type", type, "1 to 64 characters");
        }
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "timeout", t, "> 0");
            }
        });
    }

    /** Engine defaults, type {@value #DEFAULT_TYPE}. */
    public static TaskOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another type.
     *
     * @param newType the type name
     * @return the copy
     */
    public TaskOptions withType(String newType) {
        return new TaskOptions(newType, timeout, retry);
    }

    /**
     * A copy with a timeout per attempt.
     *
     * @param newTimeout the timeout, {@code > 0}
     * @return the copy
     */
    public TaskOptions withTimeout(Duration newTimeout) {
        return new TaskOptions(type, Optional.of(newTimeout), retry);
    }

    /**
     * A copy with a retry policy.
     *
     * @param newRetry the policy
     * @return the copy
     */
    public TaskOptions withRetry(RetryPolicy newRetry) {
        return new TaskOptions(type, timeout, Optional.of(newRetry));
    }
}
