package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link DispatchPool} alone, on a hand-moved ticker: it grows while listeners block and shrinks when idle. */
class DispatchPoolTest {
    private static final long STALL = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong nanos = new AtomicLong();

    private DispatchPool pool(int extra) {
        return new DispatchPool(1, r -> {
            Thread t = new Thread(r, "dispatch-test");
            t.setDaemon(true);
            return t;
        }, STALL, extra, nanos::get);
    }

    @Test
    void growsByOneThreadPerStallAndBackWhenIdle() throws Exception {
        DispatchPool pool = pool(8);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            blocked.countDown();
            await(release);
        });
        assertTrue(blocked.await(10, TimeUnit.SECONDS));
        CountDownLatch second = new CountDownLatch(1);
        pool.execute(second::countDown); // waits behind the blocked drain

        pool.checkStall();
        nanos.addAndGet(STALL - 1);
        pool.checkStall();
        assertEquals(1, pool.threads(), "not stalled long enough");
        nanos.addAndGet(1);
        pool.checkStall();
        assertEquals(2, pool.threads(), "one more thread after a stall");
        assertTrue(second.await(10, TimeUnit.SECONDS), "the waiting drain runs on the new thread");

        release.countDown();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.threads() != 1 && System.nanoTime() < end) {
            pool.checkStall(); // idle once the released drain returns
            Thread.onSpinWait();
        }
        assertEquals(1, pool.threads(), "back to the configured size when idle");
        pool.shutdown();
        assertTrue(pool.awaitTermination(10_000));
    }

    @Test
    void deliveriesMeanNoStallAndTheGrowthIsBounded() throws Exception {
        DispatchPool pool = pool(1);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> await(release));
        }
        pool.checkStall();
        nanos.addAndGet(STALL);
        pool.delivered();
        pool.checkStall();
        assertEquals(1, pool.threads(), "a delivery since the last check: not stalled");
        for (int i = 0; i < 3; i++) {
            nanos.addAndGet(STALL);
            pool.checkStall();
        }
        assertEquals(2, pool.threads(), "at most maxExtraThreads more");
        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10_000));
    }

    @Test
    void workAfterShutdownIsDropped() {
        DispatchPool pool = pool(1);
        pool.shutdownNow();
        pool.execute(() -> {
            throw new AssertionError("ran after shutdown");
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
