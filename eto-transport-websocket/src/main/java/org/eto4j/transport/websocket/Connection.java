package org.eto4j.transport.websocket;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskListener;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: protocol state, the engine subscription, and a bounded, conflating outbox that feeds
 * the socket only as fast as the socket drains.
 *
 * <p>Locking: the outbox and sends are guarded by {@code this}; Java-WebSocket's own monitor (taken by its
 * {@code close} and by the callbacks that end in {@link #release()}) is never acquired while holding
 * {@code this}, so the two cannot deadlock.
 */
final class Connection implements TaskListener {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /**
     * Frames that may sit in Java-WebSocket's unbounded write queue per connection. Beyond it the socket is
     * backed up and frames wait (conflated) in the outbox; a few frames keep bursts (final progress, terminal
     * event) flowing without a timer round.
     */
    static final int SOCKET_QUEUE_LIMIT = 16;

    private enum Phase { AWAITING_SUBSCRIBE, SUBSCRIBED, CLOSING }

    private sealed interface Item permits Frame, Close {
    }

    private record Frame(String text, boolean progress, long seq) implements Item {
    }

    private record Close(CloseCode code) implements Item {
    }

    private final WebSocketTransport.Core core;
    private final WebSocket ws;
    private final String rawTaskId;
    private final long openedNanos;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private volatile Phase phase = Phase.AWAITING_SUBSCRIBE;
    private volatile TaskId taskId;
    private volatile Subscription subscription;

    // Guarded by this.
    private final ArrayDeque<Item> outbox = new ArrayDeque<>();
    private boolean closing;
    private boolean snapshotQueued;
    private int pendingPongs;
    private boolean taskEnded;
    private long lastQueuedSeq = -1;
    private long lastSendNanos;
    private long backedUpSinceNanos;

    Connection(WebSocketTransport.Core core, WebSocket ws, String rawTaskId, long openedNanos) {
        this.core = core;
        this.ws = ws;
        this.rawTaskId = rawTaskId;
        this.openedNanos = openedNanos;
        this.lastSendNanos = openedNanos;
    }

    // ---- client messages (Java-WebSocket worker threads, one at a time per connection) ----

    void onText(String text) {
        if (phase == Phase.CLOSING) {
            return;
        }
        JsonNode msg;
        try {
            msg = core.mapper.readTree(text);
        } catch (JacksonException e) {
            closeNow(CloseCode.MALFORMED_MESSAGE);
            return;
        }
        JsonNode type = msg == null ? null : msg.get("type");
        if (msg == null || !msg.isObject() || type == null || !type.isTextual()) {
            closeNow(CloseCode.MALFORMED_MESSAGE);
            return;
        }
        if (phase == Phase.AWAITING_SUBSCRIBE) {
            if (!"subscribe".equals(type.textValue())) {
                closeNow(CloseCode.MALFORMED_MESSAGE);
                return;
            }
            subscribe(msg);
            return;
        }
        switch (type.textValue()) {
            case "ping" -> pong();
            case "cancel" -> core.engine.cancel(taskId);
            default -> closeNow(CloseCode.MALFORMED_MESSAGE); // includes a second subscribe
        }
    }

    void onBinary() {
        closeNow(CloseCode.MALFORMED_MESSAGE);
    }

    private void subscribe(JsonNode msg) {
        JsonNode token = msg.get("token");
        JsonNode since = msg.get("sinceSeq");
        if (token == null || !token.isTextual()
                || since != null && !since.isNull() && !(since.canConvertToLong() && since.isIntegralNumber()
                && since.longValue() >= 0)) {
            closeNow(CloseCode.MALFORMED_MESSAGE);
            return;
        }
        long sinceSeq = since == null || since.isNull() ? -1 : since.longValue();
        TaskId id;
        try {
            id = TaskId.of(rawTaskId);
        } catch (RuntimeException e) {
            closeNow(CloseCode.FORBIDDEN); // same answer as an unknown task
            return;
        }
        if (!core.tokens.verify(token.textValue(), id)) {
            closeNow(CloseCode.FORBIDDEN);
            return;
        }
        taskId = id;
        phase = Phase.SUBSCRIBED;
        core.subscriptionOpening();
        Optional<Subscription> sub;
        try {
            sub = core.engine.subscribe(id, sinceSeq, this);
        } catch (RuntimeException e) {
            core.subscriptionClosed();
            LOG.warn("subscribing to task {} failed", id, e);
            closeNow(CloseCode.INTERNAL_ERROR);
            return;
        }
        if (sub.isEmpty()) {
            core.subscriptionClosed();
            closeNow(CloseCode.FORBIDDEN);
            return;
        }
        subscription = sub.get();
        if (released.get() || closeRequested.get()) {
            sub.get().close(); // the connection went away while subscribing
        }
    }

    private void pong() {
        synchronized (this) {
            if (!snapshotQueued) {
                pendingPongs++; // the snapshot is always the first frame
                return;
            }
        }
        offer(new Frame(core.encoder.pong(taskId, lastQueuedSeqSafe(), core.clock.instant()), false, -1));
    }

    private synchronized long lastQueuedSeqSafe() {
        return Math.max(0, lastQueuedSeq);
    }

    // ---- engine events (engine dispatch threads, one at a time per subscription) ----

    @Override
    public void onEvent(TaskEvent event) {
        if (event instanceof TaskEvent.Heartbeat) {
            return; // the transport sends its own heartbeats, timed by what this connection actually sent
        }
        String text;
        try {
            text = core.encoder.event(event);
        } catch (RuntimeException e) {
            LOG.error("cannot encode {} of task {}", event.type(), event.taskId(), e);
            closeNow(CloseCode.INTERNAL_ERROR);
            return;
        }
        boolean snapshot = event instanceof TaskEvent.Snapshot;
        int pongs = 0;
        synchronized (this) {
            if (event instanceof TaskEvent.Terminal || snapshot && ((TaskEvent.Snapshot) event).task().isTerminal()) {
                taskEnded = true;
            }
            if (snapshot) {
                snapshotQueued = true;
                pongs = pendingPongs;
                pendingPongs = 0;
            }
        }
        offer(new Frame(text, event instanceof TaskEvent.Progress, event.seq()));
        for (int i = 0; i < pongs; i++) {
            offer(new Frame(core.encoder.pong(taskId, event.seq(), core.clock.instant()), false, -1));
        }
    }

    @Override
    public void onClose(Subscription.CloseReason reason) {
        core.subscriptionClosed();
        switch (reason) {
            case TASK_ENDED -> offer(new Close(CloseCode.NORMAL)); // after the terminal frame
            case ENGINE_SHUTDOWN -> offer(new Close(CloseCode.GOING_AWAY)); // after what the engine delivered
            case SLOW_CONSUMER -> closeNow(CloseCode.SLOW_CONSUMER);
            case LISTENER_FAILED -> closeNow(CloseCode.INTERNAL_ERROR);
            case UNSUBSCRIBED -> {
                // closed by this connection
            }
        }
    }

    // ---- outbox ----

    private void offer(Item item) {
        boolean overflow = false;
        synchronized (this) {
            if (closing) {
                return;
            }
            if (item instanceof Frame f && f.seq > lastQueuedSeq) {
                lastQueuedSeq = f.seq;
            }
            if (item instanceof Frame f && f.progress && outbox.peekLast() instanceof Frame last && last.progress) {
                outbox.pollLast(); // conflate: only the newest unsent progress matters
                outbox.addLast(item);
            } else if (outbox.size() >= core.outboxCapacity && !(item instanceof Close)) {
                overflow = true;
            } else {
                outbox.addLast(item);
            }
        }
        if (overflow) {
            core.slowConsumerClosed();
            closeNow(CloseCode.SLOW_CONSUMER);
        } else {
            pump();
        }
    }

    /** Moves frames to the socket while its queue has room; called on new frames and by the transport's timer. */
    void pump() {
        CloseCode closeAfter = null;
        synchronized (this) {
            if (closing) {
                return;
            }
            while (!outbox.isEmpty()) {
                if (socketQueueSize() >= SOCKET_QUEUE_LIMIT) {
                    if (backedUpSinceNanos == 0) {
                        backedUpSinceNanos = Math.max(1, System.nanoTime());
                    }
                    core.needsPump(this);
                    return;
                }
                Item item = outbox.pollFirst();
                if (item instanceof Close c) {
                    closeAfter = c.code();
                    outbox.clear();
                    break;
                }
                try {
                    ws.send(((Frame) item).text());
                } catch (WebsocketNotConnectedException e) {
                    outbox.clear();
                    break;
                }
                lastSendNanos = System.nanoTime();
                backedUpSinceNanos = 0;
            }
            backedUpSinceNanos = 0;
        }
        core.pumped(this);
        if (closeAfter != null) {
            closeNow(closeAfter);
        }
    }

    private int socketQueueSize() {
        return ws instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    /** Subscribe timeout, slow consumer and heartbeat checks; called by the transport's timer. */
    void tick(long now) {
        Phase p = phase;
        if (p == Phase.AWAITING_SUBSCRIBE) {
            if (now - openedNanos >= core.subscribeTimeoutNanos) {
                closeNow(CloseCode.SUBSCRIBE_TIMEOUT);
            }
            return;
        }
        if (p != Phase.SUBSCRIBED) {
            return;
        }
        boolean slow = false;
        boolean heartbeat = false;
        long seq;
        synchronized (this) {
            if (closing) {
                return;
            }
            if (backedUpSinceNanos != 0 && now - backedUpSinceNanos >= core.slowConsumerTimeoutNanos) {
                slow = true;
            } else if (snapshotQueued && !taskEnded && outbox.isEmpty()
                    && now - lastSendNanos >= core.heartbeatNanos) {
                heartbeat = true;
            }
            seq = Math.max(0, lastQueuedSeq);
        }
        if (slow) {
            core.slowConsumerClosed();
            closeNow(CloseCode.SLOW_CONSUMER);
        } else if (heartbeat) {
            offer(new Frame(core.encoder.heartbeat(taskId, seq, core.clock.instant()), false, -1));
        }
    }

    /** Frames waiting in the outbox. */
    synchronized int queuedFrames() {
        return outbox.size();
    }

    /** Frames handed to Java-WebSocket and not yet written to the kernel. */
    int bufferedFrames() {
        return socketQueueSize();
    }

    // ---- closing ----

    /** Drops what is queued and starts the close handshake with {@code code} (once). */
    void closeNow(CloseCode code) {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            closing = true;
            outbox.clear();
        }
        phase = Phase.CLOSING;
        core.pumped(this);
        closeSubscription();
        try {
            ws.close(code.code(), code.messageKey());
        } catch (RuntimeException e) {
            LOG.debug("close {} failed", code, e);
        }
    }

    /** The socket closed (any reason): releases everything this connection holds. */
    void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        closeRequested.set(true);
        synchronized (this) {
            closing = true;
            outbox.clear();
        }
        phase = Phase.CLOSING;
        closeSubscription();
        core.removed(this);
    }

    private void closeSubscription() {
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    WebSocket socket() {
        return ws;
    }
}
