package org.eto4j.progress;

import java.util.Locale;
import java.util.Optional;

/** A listener's registration with a {@link TaskEngine}. Closing it is idempotent. */
public interface Subscription extends AutoCloseable {
    /** The task this subscription follows; empty for a subscription to all tasks. */
    Optional<TaskId> taskId();

    /** Whether events may still be delivered. */
    boolean isOpen();

    /** Stops delivery; the listener's {@link TaskListener#onClose} is called with {@link CloseReason#UNSUBSCRIBED}. */
    @Override
    void close();

    /** Why a subscription closed. */
    enum CloseReason {
        /** {@link Subscription#close()} was called. */
        UNSUBSCRIBED,
        /** The task ended and its terminal event (or the final snapshot) was delivered. */
        TASK_ENDED,
        /** The listener fell too far behind; it may subscribe again with the last {@code seq} it saw. */
        SLOW_CONSUMER,
        /** The listener threw an exception. */
        LISTENER_FAILED,
        /** The engine shut down. */
        ENGINE_SHUTDOWN;

        /** The stable lower-case name, e.g. {@code slow_consumer}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
