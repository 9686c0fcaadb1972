package org.eto4j.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Spaces the requests to one service at least {@code interval} apart, across all threads. */
final class RateLimiter {
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant next = Instant.MIN;

    RateLimiter(Duration interval, Clock clock, Sleeper sleeper) {
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits for this caller's slot. */
    void acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant slot = next.isAfter(now) ? next : now;
            next = slot.plus(interval);
            wait = Duration.between(now, slot);
        }
        // Sleep outside the lock: the slot is already reserved, so others queue behind it without blocking on us.
        if (!wait.isZero() && !wait.isNegative()) {
            sleeper.sleep(wait);
        }
    }
}
