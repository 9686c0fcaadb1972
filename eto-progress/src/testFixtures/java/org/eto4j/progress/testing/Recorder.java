package org.eto4j.progress.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskListener;

/** A listener that records what it receives and lets a test wait for an event or the close, with a deadline. */
public final class Recorder implements TaskListener {
    /** How long {@link #awaitClose()} and {@link #await(Predicate)} wait. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

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

    /** The events received so far, in order. */
    public synchronized List<TaskEvent> events() {
        return List.copyOf(events);
    }

    /**
     * Waits for the subscription to close.
     *
     * @return why it closed
     * @throws AssertionError when it does not close within {@link #DEFAULT_WAIT}
     */
    public Subscription.CloseReason awaitClose() throws InterruptedException {
        return awaitClose(DEFAULT_WAIT);
    }

    /**
     * Waits for the subscription to close.
     *
     * @param timeout how long at most
     * @return why it closed
     * @throws AssertionError when it does not close in time
     */
    public Subscription.CloseReason awaitClose(Duration timeout) throws InterruptedException {
        if (!closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("subscription not closed in time; events: " + events());
        }
        return closeReason;
    }

    /**
     * Waits for the first event that matches.
     *
     * @param match what to wait for
     * @return the event
     * @throws AssertionError when none arrives within {@link #DEFAULT_WAIT}
     */
    public synchronized TaskEvent await(Predicate<TaskEvent> match) throws InterruptedException {
        long end = System.nanoTime() + DEFAULT_WAIT.toNanos();
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
}
