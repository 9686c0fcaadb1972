package org.eto4j.progress;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run subscribers' drains (listener calls), sized to the configured number and grown by one
 * thread each time deliveries have stalled for {@link #stallNanos} while drains wait (listeners that block inside
 * {@code onEvent} then cost a thread each instead of stalling everybody else), up to {@link #maxExtraThreads}
 * extra; back to the configured size once idle. {@link #checkStall()} runs on the engine's periodic check.
 */
final class DispatchPool {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchPool.class);

    private final ThreadPoolExecutor executor;
    private final int baseThreads;
    private final long stallNanos;
    private final int maxExtraThreads;
    private final LongSupplier ticker;
    private final LongAdder deliveries = new LongAdder();
    private long lastDeliveries; // guarded by the engine's tick lock
    private long lastDeliveryNanos; // guarded by the engine's tick lock

    DispatchPool(int threads, ThreadFactory factory, long stallNanos, int maxExtraThreads, LongSupplier ticker) {
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                factory);
        this.baseThreads = threads;
        this.stallNanos = stallNanos;
        this.maxExtraThreads = maxExtraThreads;
        this.ticker = ticker;
        this.lastDeliveryNanos = ticker.getAsLong();
    }

    /** Runs a drain; dropped (with a debug line) after shutdown. */
    void execute(Runnable drain) {
        try {
            executor.execute(drain);
        } catch (RejectedExecutionException e) {
            LOG.debug("event delivery after shutdown dropped");
        }
    }

    /** Counts one delivery to a listener (the stall check watches this). */
    void delivered() {
        deliveries.increment();
    }

    /** Adds a thread while listeners block all of them; returns to the configured size when idle. */
    void checkStall() {
        long now = ticker.getAsLong();
        long delivered = deliveries.sum();
        boolean waiting = !executor.getQueue().isEmpty();
        if (delivered != lastDeliveries || !waiting) {
            lastDeliveries = delivered;
            lastDeliveryNanos = now;
            if (!waiting && executor.getActiveCount() == 0 && executor.getCorePoolSize() > baseThreads) {
                executor.setCorePoolSize(baseThreads);
                executor.setMaximumPoolSize(baseThreads);
            }
            return;
        }
        int size = executor.getMaximumPoolSize();
        if (now - lastDeliveryNanos >= stallNanos && size < baseThreads + maxExtraThreads) {
            executor.setMaximumPoolSize(size + 1);
            executor.setCorePoolSize(size + 1);
            lastDeliveryNanos = now;
            LOG.warn("listeners block every dispatch thread; now {} dispatch threads", size + 1);
        }
    }

    /** The current number of threads the pool may run. */
    int threads() {
        return executor.getMaximumPoolSize();
    }

    void shutdown() {
        executor.shutdown();
    }

    void shutdownNow() {
        executor.shutdownNow();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
