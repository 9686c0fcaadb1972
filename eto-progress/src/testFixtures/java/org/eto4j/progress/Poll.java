package org.eto4j.progress;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polling with a deadline for this module's own tests. eto-progress sits below eto-transport-testkit, whose
 * {@code Await} the other modules use, so it cannot use that one.
 */
final class Poll {
    private Poll() {
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            synchronized (monitor) {
                monitor.wait(2); // polling with a deadline, not a sleep for synchronisation
            }
        }
    }
}
