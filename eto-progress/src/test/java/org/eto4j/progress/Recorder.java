package org.eto4j.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** A listener that records what it receives and lets a test wait for it with a deadline. */
final class Recorder implements TaskListener {
    private final List<TaskEvent> events = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Subscription.CloseReason closeReason;

    @Override
    public synchronized void onEvent(TaskEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void onClose(Subscription.CloseReason reason) {
        closeReason = reason;
        closed.countDown();
        synchronized (this) {
            notifyAll();
        }
    }

    synchronized List<TaskEvent> events() {
        return List.copyOf(events);
    }

    Subscription.CloseReason awaitClose() throws InterruptedException {
        if (!closed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("subscription not closed in time; events: " + events());
        }
        return closeReason;
    }

    synchronized TaskEvent await(Predicate<TaskEvent> match) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (TaskEvent e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event in time; events: " + events);
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    static void poll(BooleanSupplier condition, String what) throws InterruptedException {
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
