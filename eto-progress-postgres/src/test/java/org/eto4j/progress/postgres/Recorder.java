package org.eto4j.progress.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskListener;

/** A listener that records what it receives. */
final class Recorder implements TaskListener {
    private final List<TaskEvent> events = new ArrayList<>();
    private final CompletableFuture<Subscription.CloseReason> closed = new CompletableFuture<>();

    @Override
    public synchronized void onEvent(TaskEvent event) {
        events.add(event);
    }

    @Override
    public void onClose(Subscription.CloseReason reason) {
        closed.complete(reason);
    }

    synchronized List<TaskEvent> events() {
        return List.copyOf(events);
    }

    Subscription.CloseReason awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
