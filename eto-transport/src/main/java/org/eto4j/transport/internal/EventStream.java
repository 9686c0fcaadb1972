package org.eto4j.transport.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskListener;
import org.eto4j.transport.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's stream of protocol v1 frames, whatever carries it: the token check, the engine subscription,
 * snapshot first, a bounded outbox in which a newer progress frame replaces an unsent one, heartbeats timed by
 * what was really sent, and the slow-consumer cut-off. A transport supplies a {@link Sink} per connection and
 * calls {@link #pump()} when its channel drains; the {@link StreamHub}'s timer does the rest.
 *
 * <p>WebSocket transports feed client messages to {@link #onClientText}; Server-Sent Events transports, whose
 * request already carries the token, call {@link #subscribe} directly.
 *
 * <p>Locking: the outbox and sends are guarded by {@code this}; a sink's own locks must never be held while
 * calling into the stream, and {@link Sink#close} is called without holding {@code this}.
 */
public final class EventStream implements TaskListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    /**
     * Frames that may sit in a sink's buffer (handed over, not yet written). Beyond it the channel is backed up
     * and frames wait, conflated, in the outbox; a few frames keep bursts (final progress, terminal event)
     * flowing without a timer round.
     */
    public static final int SINK_BACKLOG_LIMIT = 16;

    /** What carries the frames of one stream: a WebSocket session, an SSE response. */
    public interface Sink {
        /** Frames handed to {@link #send} and not yet written to the network. */
        int backlog();

        /**
         * Hands one frame to the channel without blocking.
         *
         * @return false when the channel is gone (the stream then stops sending)
         */
        boolean send(Frame frame);

        /**
         * Closes the channel with {@code code}, after the frames already handed over where the channel allows.
         * Must not block; called at most once per stream.
         */
        void close(CloseCode code);
    }

    /**
     * One frame.
     *
     * @param text the frame's JSON text
     * @param type the frame type ({@code snapshot}, {@code progress}, … {@code heartbeat}, {@code pong})
     * @param seq  the frame's sequence number
     */
    public record Frame(String text, String type, long seq) {
        /** The type of the heartbeat frames a stream sends while its task is quiet. */
        public static final String HEARTBEAT = "heartbeat";

        boolean progress() {
            return "progress".equals(type);
        }
    }

    /** The answer to {@link #subscribe}. */
    public enum SubscribeResult {
        /** Subscribed: the snapshot is on its way. */
        SUBSCRIBED,
        /** Bad, expired or foreign token, malformed or unknown task id: one answer, so ids cannot be probed. */
        FORBIDDEN,
        /** The engine failed to subscribe. */
        INTERNAL_ERROR,
        /** The stream is closing or was subscribed already. */
        REFUSED
    }

    private enum Phase { AWAITING_SUBSCRIBE, SUBSCRIBED, CLOSING }

    private sealed interface Item permits FrameItem, CloseItem {
    }

    private record FrameItem(Frame frame) implements Item {
    }

    private record CloseItem(CloseCode code) implements Item {
    }

    private final StreamHub hub;
    private final Sink sink;
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

    EventStream(StreamHub hub, Sink sink, String rawTaskId, long openedNanos) {
        this.hub = hub;
        this.sink = sink;
        this.rawTaskId = rawTaskId;
        this.openedNanos = openedNanos;
        this.lastSendNanos = openedNanos;
    }

    /** The task id as the client named it (from the path), before any check. */
    public String rawTaskId() {
        return rawTaskId;
    }

    // ---- client messages (one at a time per stream) ----

    /** A text message from a WebSocket client: {@code subscribe}, then {@code ping} or {@code cancel}. */
    public void onClientText(String text) {
        if (phase == Phase.CLOSING) {
            return;
        }
        JsonNode msg;
        try {
            msg = hub.clientMapper().readTree(text);
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
            subscribeMessage(msg);
            return;
        }
        switch (type.textValue()) {
            case "ping" -> pong();
            case "cancel" -> hub.engine().cancel(taskId);
            default -> closeNow(CloseCode.MALFORMED_MESSAGE); // includes a second subscribe
        }
    }

    /** A binary message from a WebSocket client: not part of the protocol. */
    public void onClientBinary() {
        closeNow(CloseCode.MALFORMED_MESSAGE);
    }

    private void subscribeMessage(JsonNode msg) {
        JsonNode token = msg.get("token");
        JsonNode since = msg.get("sinceSeq");
        if (token == null || !token.isTextual()
                || since != null && !since.isNull() && !(since.canConvertToLong() && since.isIntegralNumber()
                && since.longValue() >= 0)) {
            closeNow(CloseCode.MALFORMED_MESSAGE);
            return;
        }
        long sinceSeq = since == null || since.isNull() ? -1 : since.longValue();
        switch (subscribe(token.textValue(), sinceSeq)) {
            case SUBSCRIBED, REFUSED -> {
            }
            case FORBIDDEN -> closeNow(CloseCode.FORBIDDEN);
            case INTERNAL_ERROR -> closeNow(CloseCode.INTERNAL_ERROR);
        }
    }

    /**
     * Checks the token against the task id and subscribes to the engine from {@code sinceSeq}. On
     * {@link SubscribeResult#SUBSCRIBED} the snapshot is the first frame the sink gets; otherwise nothing was
     * sent and the caller answers (a close code, an HTTP status).
     *
     * @param token    the task token
     * @param sinceSeq the last sequence number the client saw, or {@code -1}
     */
    public SubscribeResult subscribe(String token, long sinceSeq) {
        if (phase != Phase.AWAITING_SUBSCRIBE) {
            return SubscribeResult.REFUSED;
        }
        TaskId id;
        try {
            id = TaskId.of(rawTaskId);
        } catch (RuntimeException e) {
            return SubscribeResult.FORBIDDEN; // same answer as an unknown task
        }
        if (token == null || !hub.tokens().verify(token, id)) {
            return SubscribeResult.FORBIDDEN;
        }
        taskId = id;
        phase = Phase.SUBSCRIBED;
        hub.subscriptionOpening();
        Optional<Subscription> sub;
        try {
            sub = hub.engine().subscribe(id, sinceSeq, this);
        } catch (RuntimeException e) {
            hub.subscriptionClosed();
            LOG.warn("subscribing to task {} failed", id, e);
            phase = Phase.AWAITING_SUBSCRIBE;
            return SubscribeResult.INTERNAL_ERROR;
        }
        if (sub.isEmpty()) {
            hub.subscriptionClosed();
            phase = Phase.AWAITING_SUBSCRIBE;
            return SubscribeResult.FORBIDDEN;
        }
        subscription = sub.get();
        if (released.get() || closeRequested.get()) {
            sub.get().close(); // the channel went away while subscribing
        }
        return SubscribeResult.SUBSCRIBED;
    }

    /** Asks the engine to cancel the stream's task (a subscribed stream only); the outcome arrives as frames. */
    public void cancelTask() {
        TaskId id = taskId;
        if (id != null && phase == Phase.SUBSCRIBED) {
            hub.engine().cancel(id);
        }
    }

    private void pong() {
        synchronized (this) {
            if (!snapshotQueued) {
                pendingPongs++; // the snapshot is always the first frame
                return;
            }
        }
        offer(new FrameItem(pongFrame(lastQueuedSeqSafe())));
    }

    private Frame pongFrame(long seq) {
        return new Frame(hub.protocol().pong(taskId, seq, hub.clock().instant()), "pong", seq);
    }

    private synchronized long lastQueuedSeqSafe() {
        return Math.max(0, lastQueuedSeq);
    }

    // ---- engine events (engine dispatch threads, one at a time per subscription) ----

    @Override
    public void onEvent(TaskEvent event) {
        if (event instanceof TaskEvent.Heartbeat) {
            return; // the transport sends its own heartbeats, timed by what this stream actually sent
        }
        String text;
        try {
            text = hub.protocol().encode(event);
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
        offer(new FrameItem(new Frame(text, event.type(), event.seq())));
        for (int i = 0; i < pongs; i++) {
            offer(new FrameItem(pongFrame(event.seq())));
        }
    }

    @Override
    public void onClose(Subscription.CloseReason reason) {
        hub.subscriptionClosed();
        switch (reason) {
            case TASK_ENDED -> offer(new CloseItem(CloseCode.NORMAL)); // after the terminal frame
            case ENGINE_SHUTDOWN -> offer(new CloseItem(CloseCode.GOING_AWAY)); // after what the engine delivered
            case SLOW_CONSUMER -> closeNow(CloseCode.SLOW_CONSUMER);
            case LISTENER_FAILED -> closeNow(CloseCode.INTERNAL_ERROR);
            case UNSUBSCRIBED -> {
                // closed by this stream
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
            if (item instanceof FrameItem f && f.frame.seq() > lastQueuedSeq) {
                lastQueuedSeq = f.frame.seq();
            }
            if (item instanceof FrameItem f && f.frame.progress()
                    && outbox.peekLast() instanceof FrameItem last && last.frame.progress()) {
                outbox.pollLast(); // conflate: only the newest unsent progress matters
                outbox.addLast(item);
            } else if (outbox.size() >= hub.outboxCapacity() && !(item instanceof CloseItem)) {
                overflow = true;
            } else {
                outbox.addLast(item);
            }
        }
        if (overflow) {
            hub.slowConsumerClosed();
            closeNow(CloseCode.SLOW_CONSUMER);
        } else {
            pump();
        }
    }

    /**
     * Moves frames to the sink while its backlog is under {@link #SINK_BACKLOG_LIMIT}. Called on new frames, by
     * the hub's timer, and by a sink whose channel drained.
     */
    public void pump() {
        CloseCode closeAfter = null;
        synchronized (this) {
            if (closing) {
                return;
            }
            while (!outbox.isEmpty()) {
                if (sink.backlog() >= SINK_BACKLOG_LIMIT) {
                    if (backedUpSinceNanos == 0) {
                        backedUpSinceNanos = Math.max(1, System.nanoTime());
                    }
                    hub.needsPump(this);
                    return;
                }
                Item item = outbox.pollFirst();
                if (item instanceof CloseItem c) {
                    closeAfter = c.code();
                    outbox.clear();
                    break;
                }
                if (!sink.send(((FrameItem) item).frame)) {
                    outbox.clear();
                    break;
                }
                lastSendNanos = System.nanoTime();
                backedUpSinceNanos = 0;
                hub.frameSent();
            }
            backedUpSinceNanos = 0;
        }
        hub.pumped(this);
        if (closeAfter != null) {
            closeNow(closeAfter);
        }
    }

    /** Subscribe timeout, slow consumer and heartbeat checks; called by the hub's timer. */
    void tick(long now) {
        Phase p = phase;
        if (p == Phase.AWAITING_SUBSCRIBE) {
            if (now - openedNanos >= hub.subscribeTimeoutNanos()) {
                closeNow(CloseCode.SUBSCRIBE_TIMEOUT);
            }
            return;
        }
        if (p != Phase.SUBSCRIBED) {
            return;
        }
        boolean slow = false;
        boolean heartbeat = false;
        synchronized (this) {
            if (closing) {
                return;
            }
            if (backedUpSinceNanos != 0 && now - backedUpSinceNanos >= hub.slowConsumerTimeoutNanos()) {
                slow = true;
            } else if (snapshotQueued && !taskEnded && outbox.isEmpty()
                    && now - lastSendNanos >= hub.heartbeatNanos()) {
                // Queued under the lock that orders frames, so that its seq (the last queued) never goes back.
                long seq = Math.max(0, lastQueuedSeq);
                outbox.addLast(new FrameItem(new Frame(hub.protocol().heartbeat(taskId, seq, hub.clock().instant()),
                        Frame.HEARTBEAT, seq)));
                heartbeat = true;
            }
        }
        if (slow) {
            hub.slowConsumerClosed();
            closeNow(CloseCode.SLOW_CONSUMER);
        } else if (heartbeat) {
            pump();
        }
    }

    /** Frames waiting in the outbox. */
    public synchronized int queuedFrames() {
        return outbox.size();
    }

    /** Frames handed to the sink and not yet written. */
    public int bufferedFrames() {
        return sink.backlog();
    }

    // ---- closing ----

    /** Drops what is queued and closes the sink with {@code code} (once); the subscription is released. */
    public void closeNow(CloseCode code) {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            closing = true;
            outbox.clear();
        }
        phase = Phase.CLOSING;
        hub.pumped(this);
        closeSubscription();
        try {
            sink.close(code);
        } catch (RuntimeException e) {
            LOG.debug("close {} failed", code, e);
        }
    }

    /** The channel closed (any reason, either side): releases everything this stream holds. Idempotent. */
    public void release() {
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
        hub.removed(this);
    }

    /** Whether {@link #release()} ran. */
    public boolean isReleased() {
        return released.get();
    }

    private void closeSubscription() {
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    /** The sink this stream writes to. */
    public Sink sink() {
        return sink;
    }
}
