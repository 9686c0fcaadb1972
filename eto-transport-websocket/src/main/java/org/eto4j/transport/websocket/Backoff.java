package org.eto4j.transport.websocket;

import java.time.Duration;

/**
 * Reconnect delays: exponential growth capped at a maximum, with "equal jitter" (half fixed, half random) so
 * that a thousand clients dropped by one server restart do not come back in one wave, while none retries
 * immediately.
 */
record Backoff(Duration initial, Duration max) {

    /**
     * The delay before reconnect attempt {@code attempt}.
     *
     * @param attempt the attempt number, from 1
     * @param random  a uniform random number in {@code [0, 1)}
     * @return {@code c/2 + random * c/2} where {@code c = min(max, initial * 2^(attempt-1))}
     */
    Duration delay(int attempt, double random) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
    }
}
