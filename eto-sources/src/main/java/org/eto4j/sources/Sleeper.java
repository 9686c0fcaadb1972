package org.eto4j.sources;

import java.time.Duration;

/**
 * Waits between attempts and for the rate limit. Injected so that tests never really wait.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait (never negative)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
