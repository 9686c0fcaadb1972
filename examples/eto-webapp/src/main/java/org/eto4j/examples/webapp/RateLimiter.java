package org.eto4j.examples.webapp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client: {@code perMinute} tokens, refilled continuously. Idle clients are forgotten
 * after two minutes (a full bucket again), so memory is bounded by the clients of the last minutes.
 */
final class RateLimiter {
    /** Most clients remembered at once; beyond this the least recently seen are forgotten first. */
    static final long MAX_CLIENTS = 100_000;

    private final int perMinute;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    RateLimiter(int perMinute, Ticker ticker) {
        this.perMinute = perMinute;
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofMinutes(2))
                .maximumSize(MAX_CLIENTS).build();
    }

    /** Takes one token for {@code client}; false when its bucket is empty. */
    boolean tryAcquire(String client) {
        Bucket b = buckets.get(client, c -> new Bucket(perMinute, ticker.read()));
        synchronized (b) {
            long now = ticker.read();
            double refill = (now - b.updatedNanos) * (perMinute / (double) TimeUnit.MINUTES.toNanos(1));
            b.tokens = Math.min(perMinute, b.tokens + refill);
            b.updatedNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }
}
