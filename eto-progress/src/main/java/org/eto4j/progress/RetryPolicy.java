package org.eto4j.progress;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how soon a task is retried after a failure marked retryable ({@link TaskError#retryable()}).
 * The backoff before attempt {@code n} (n ≥ 2) is {@code initialBackoff × multiplier^(n-2)}, capped at
 * {@code maxBackoff}. Timeouts and non-retryable errors are never retried.
 *
 * @param maxAttempts    total attempts including the first, {@code >= 1}
 * @param initialBackoff the wait before the second attempt
 * @param multiplier     growth of the wait per attempt, {@code >= 1}
 * @param maxBackoff     the longest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    /** Validates the components. */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "maxAttempts", maxAttempts, ">= 1");
        }
        if (initialBackoff.isNegative()) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "initialBackoff", initialBackoff, ">= 0");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "multiplier", multiplier, "finite, >= 1");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "maxBackoff",
                    maxBackoff, ">= initialBackoff");
        }
    }

    /** No retry: one attempt. */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Exponential backoff doubling from {@code initialBackoff} up to {@code maxBackoff}.
     *
     * @param maxAttempts    total attempts, {@code >= 1}
     * @param initialBackoff the wait before the second attempt
     * @param maxBackoff     the longest wait
     * @return the policy
     */
    public static RetryPolicy exponential(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, 2.0, maxBackoff);
    }

    /**
     * The wait before the given attempt.
     *
     * @param attempt the attempt about to start, {@code >= 2}
     * @return the backoff
     */
    public Duration backoffBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
