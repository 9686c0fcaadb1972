package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void concurrentCallersGetSlotsOneIntervalApart() throws Exception {
        ManualClock clock = Fixtures.clock();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        // The clock stands still: every caller asks at the same instant, so the waits are exactly 0, 1, 2, … s.
        RateLimiter limiter = new RateLimiter(Duration.ofSeconds(1), clock, waits::add);
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            done.add(pool.submit(() -> {
                start.await();
                limiter.acquire();
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<Long> seconds = waits.stream().map(Duration::toSeconds).sorted().toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seconds);
    }

    @Test
    void aCallerAfterTheIntervalDoesNotWait() throws InterruptedException {
        ManualClock clock = Fixtures.clock();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        RateLimiter limiter = new RateLimiter(Duration.ofMillis(200), clock, waits::add);
        limiter.acquire();
        clock.advance(Duration.ofMillis(250));
        limiter.acquire();
        clock.advance(Duration.ofMillis(50));
        limiter.acquire();
        assertEquals(List.of(Duration.ofMillis(150)), waits);
    }
}
