package org.eto4j.transport.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a deadline (never a fixed sleep): waits until a condition holds or fails the test. Public for the
 * transports' own tests, which poll the same way as the contract.
 */
public final class Await {
    private Await() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @param condition what to wait for
     * @param timeout   how long at most
     * @param what      describes the condition in the failure message
     * @throws AssertionError when the timeout passes first, or the thread is interrupted
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
            }
            pause();
        }
    }

    /** The pause between two checks of a condition: polling, not synchronisation. */
    public static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
