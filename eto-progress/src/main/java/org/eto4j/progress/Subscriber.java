package org.eto4j.progress;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a bounded, conflating queue drained on the engine's dispatch pool, one drain at a time,
 * so a listener sees its events in order and a slow one delays nobody else.
 */
final class Subscriber implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
    /** Events delivered per drain before yielding the dispatch thread to other subscribers. */
    private static final int BATCH = 64;

    private final DefaultTaskEngine engine;
    private final TaskId taskId;
    private final TaskListener listener;
    private final int maxPending;

    // Guarded by this. Items are TaskEvent, Slot (conflatable) or CloseReason (the last item).
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<TaskId, Slot> conflatable = new HashMap<>();
    private boolean scheduled;
    private boolean closed;
    /** For a one-task subscription: the highest seq queued so far; older or repeated events are dropped. */
    private long floor = -1;

    /** A queue position whose event a newer progress or heartbeat of the same task may replace. */
    private static final class Slot {
        TaskEvent event;

        Slot(TaskEvent event) {
            this.event = event;
        }
    }

    Subscriber(DefaultTaskEngine engine, TaskId taskId, TaskListener listener, int maxPending) {
        this.engine = engine;
        this.taskId = taskId;
        this.listener = listener;
        this.maxPending = maxPending;
    }

    @Override
    public Optional<TaskId> taskId() {
        return Optional.ofNullable(taskId);
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    /** Queues an event; never blocks beyond this subscriber's own short lock. */
    void offer(TaskEvent e) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (taskId != null) {
                // Events relayed from another engine may repeat what the snapshot already covers.
                if (e.retained() ? e.seq() <= floor : e.seq() < floor) {
                    return;
                }
                floor = Math.max(floor, e.seq());
            }
            if (e instanceof TaskEvent.Progress || e instanceof TaskEvent.Heartbeat) {
                Slot s = conflatable.get(e.taskId());
                if (s != null) {
                    // Last value wins; a heartbeat adds nothing to a pending progress event.
                    if (!(e instanceof TaskEvent.Heartbeat && s.event instanceof TaskEvent.Progress)) {
                        s.event = e;
                    }
                    return;
                }
                s = new Slot(e);
                conflatable.put(e.taskId(), s);
                queue.add(s);
            } else {
                // A later event of this task now follows the pending slot: replacing the slot's content
                // would deliver a newer seq before this one, so the next progress gets a new slot.
                conflatable.remove(e.taskId());
                queue.add(e);
            }
            if (taskId != null && (e instanceof TaskEvent.Terminal
                    || e instanceof TaskEvent.Snapshot snap && snap.task().isTerminal())) {
                queue.add(CloseReason.TASK_ENDED);
                closed = true;
            } else if (queue.size() > maxPending) {
                queue.clear();
                conflatable.clear();
                queue.add(CloseReason.SLOW_CONSUMER);
                closed = true;
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            engine.dispatch(this::drain);
        }
    }

    @Override
    public void close() {
        closeWith(CloseReason.UNSUBSCRIBED, true);
    }

    /** Closes after the pending events are delivered (shutdown) or at once (unsubscribe). */
    void closeWith(CloseReason reason, boolean discardPending) {
        boolean schedule;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (discardPending) {
                queue.clear();
                conflatable.clear();
            }
            queue.add(reason);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            engine.dispatch(this::drain);
        }
    }

    private void drain() {
        try (LogContext log = LogContext.delivery()) {
            drainBatch(log);
        }
    }

    private void drainBatch(LogContext log) {
        if (taskId != null) {
            log.taskId(taskId); // onClose of a one-task subscription carries it too
        }
        for (int i = 0; i < BATCH; i++) {
            Object item;
            synchronized (this) {
                item = queue.poll();
                if (item == null) {
                    scheduled = false;
                    return;
                }
                if (item instanceof Slot s) {
                    conflatable.remove(s.event.taskId(), s);
                    item = s.event;
                }
            }
            if (item instanceof CloseReason reason) {
                finish(reason); // stays "scheduled": nothing is ever delivered after onClose
                return;
            }
            try {
                TaskEvent event = (TaskEvent) item;
                log.taskId(event.taskId()); // an all-tasks listener hears many tasks
                listener.onEvent(event);
                engine.delivered();
            } catch (RuntimeException ex) {
                LOG.warn("listener failed on {}; closing its subscription", item, ex);
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    conflatable.clear();
                }
                finish(CloseReason.LISTENER_FAILED);
                return;
            }
        }
        engine.dispatch(this::drain);
    }

    private void finish(CloseReason reason) {
        engine.unregister(this);
        try {
            listener.onClose(reason);
        } catch (RuntimeException ex) {
            LOG.warn("listener failed in onClose({})", reason, ex);
        }
        engine.subscriberFinished(this);
    }
}
