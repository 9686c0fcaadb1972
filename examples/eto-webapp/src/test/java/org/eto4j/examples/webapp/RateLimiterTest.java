package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void eachClientHasItsOwnBucketRefilledOverTheMinute() {
        AtomicLong now = new AtomicLong(1_000);
        RateLimiter limiter = new RateLimiter(2, now::get);
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "the third request within the minute is refused");
        assertTrue(limiter.tryAcquire("b"), "another client is not affected");
        now.addAndGet(TimeUnit.SECONDS.toNanos(29));
        assertFalse(limiter.tryAcquire("a"), "29 s give back less than one request");
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertTrue(limiter.tryAcquire("a"), "30 s give back one request (2 per minute)");
        assertFalse(limiter.tryAcquire("a"));
    }
}
