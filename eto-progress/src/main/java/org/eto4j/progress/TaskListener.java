package org.eto4j.progress;

/**
 * Receives the events of a subscription, one at a time and in order, on one of the engine's dispatch
 * threads. A listener should return quickly (e.g. hand the event to a connection's outbox); a slow listener
 * only delays itself: its pending events are conflated, and if they still pile up the subscription is
 * closed with {@link Subscription.CloseReason#SLOW_CONSUMER}. A listener that blocks holds a dispatch
 * thread; when all are held for a second while deliveries wait, the engine adds one.
 */
@FunctionalInterface
public interface TaskListener {
    /**
     * Handles one event. An exception closes the subscription with
     * {@link Subscription.CloseReason#LISTENER_FAILED}.
     *
     * @param event the event
     */
    void onEvent(TaskEvent event);

    /**
     * Called once, after the last event, when the subscription closes.
     *
     * @param reason why it closed
     */
    default void onClose(Subscription.CloseReason reason) {
    }
}
