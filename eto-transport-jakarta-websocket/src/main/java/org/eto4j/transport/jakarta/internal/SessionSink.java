package org.eto4j.transport.jakarta.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta WebSocket session as the sink of an {@link EventStream}. Frames go out with
 * {@code getAsyncRemote().sendText(text, handler)}, one at a time: Jetty queues concurrent asynchronous sends,
 * but Tomcat refuses a second one while the first is in flight ({@code IllegalStateException}), so the sink keeps
 * its own short queue and starts the next send when the previous one completes. The backlog is that queue plus
 * the send in flight; the stream keeps it under {@link EventStream#SINK_BACKLOG_LIMIT}.
 *
 * <p>Closing never blocks the caller (the hub's timer, an engine thread, a send completion): the close frame is
 * sent after the frames already handed over, from the transport's closer executor, because
 * {@link Session#close(CloseReason)} blocks in some containers (Tomcat) and would deadlock inside a send
 * completion. A peer that stops reading would never let the close frame out, so a close behind a pending send,
 * or a close frame the peer does not answer, shortens the session's idle timeout to {@code closeTimeoutMillis}:
 * the container then drops a connection that makes no progress for that long, and its {@code onClose} releases
 * the stream.
 *
 * <p>Locking: {@code this} guards the queue and is never held while calling the container or the stream.
 */
final class SessionSink implements EventStream.Sink {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSink.class);

    private final Session session;
    private final Executor closer;
    private final long closeTimeoutMillis;
    private final AtomicInteger backlog = new AtomicInteger();
    private volatile EventStream stream;

    // Guarded by this.
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean broken;
    private CloseCode pendingClose;
    private boolean closeIssued;

    SessionSink(Session session, Executor closer, long closeTimeoutMillis) {
        this.session = session;
        this.closer = closer;
        this.closeTimeoutMillis = closeTimeoutMillis;
    }

    /** The stream this sink feeds; set once, right after the hub opened it and before any frame is sent. */
    void attach(EventStream s) {
        this.stream = s;
    }

    Session session() {
        return session;
    }

    @Override
    public int backlog() {
        return backlog.get();
    }

    @Override
    public boolean send(EventStream.Frame frame) {
        synchronized (this) {
            if (broken || pendingClose != null || !session.isOpen()) {
                return false;
            }
            queue.addLast(frame.text());
            backlog.incrementAndGet();
            if (writing) {
                return true; // the send in flight starts this one when it completes
            }
            writing = true;
        }
        // The caller is the stream's pump, which goes on with its outbox: no pump at the end of this round.
        writeLoop(false);
        return true;
    }

    @Override
    public void close(CloseCode code) {
        boolean now;
        synchronized (this) {
            if (pendingClose != null || closeIssued) {
                return;
            }
            pendingClose = code;
            now = !writing;
        }
        if (now) {
            closeSession();
        } else {
            // A send is stuck or slow: bound how long the container waits for the peer to take it.
            shortenIdleTimeout();
        }
    }

    /**
     * Lets the container drop a peer that makes no progress for {@code closeTimeoutMillis}. Only once a send is
     * pending or the close frame is issued: shortened earlier, the idle timeout of a connection that was merely
     * quiet (a subscribe that waited for a slow store) would fire at once and close it with the container's 1001
     * instead of the stream's code.
     */
    private void shortenIdleTimeout() {
        try {
            session.setMaxIdleTimeout(closeTimeoutMillis);
        } catch (RuntimeException e) {
            LOG.debug("cannot shorten the idle timeout of session {}", session.getId(), e);
        }
    }

    /**
     * Sends queued frames one after the other. A send that completes on the calling thread (common: the frame fits
     * the socket buffer) is followed by the next in this loop rather than from inside the completion, so the stack
     * stays flat; a send that completes later continues the loop on the container's completion thread.
     *
     * @param onCompletion whether this round runs on a completion thread, which then pumps the stream when the
     *                     queue is drained
     */
    private void writeLoop(boolean onCompletion) {
        boolean closeNow;
        while (true) {
            String text;
            synchronized (this) {
                text = broken ? null : queue.pollFirst();
                if (text == null) {
                    backlog.addAndGet(-queue.size()); // frames of a broken channel are dropped
                    queue.clear();
                    writing = false;
                    closeNow = pendingClose != null;
                    break;
                }
            }
            Completion c = new Completion();
            try {
                session.getAsyncRemote().sendText(text, c);
            } catch (RuntimeException e) { // IllegalStateException: the session closed meanwhile
                LOG.debug("send on session {} failed", session.getId(), e);
                backlog.decrementAndGet();
                markBroken();
                continue;
            }
            if (!c.callerDone()) {
                return; // the completion, when it comes, continues the loop
            }
        }
        if (closeNow) {
            closeSession();
        } else if (onCompletion) {
            EventStream s = stream;
            if (s != null) {
                s.pump();
            }
        }
    }

    private synchronized void markBroken() {
        broken = true;
    }

    private void closeSession() {
        CloseCode code;
        synchronized (this) {
            if (closeIssued) {
                return;
            }
            closeIssued = true;
            code = pendingClose;
        }
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), code.messageKey());
        Runnable close = () -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing session {} with {} failed", session.getId(), code, e);
            }
            if (session.isOpen()) {
                shortenIdleTimeout(); // the close frame is out: a peer that never answers it is dropped
            }
        };
        try {
            closer.execute(close);
        } catch (RejectedExecutionException e) {
            close.run(); // the transport stopped: close on this thread rather than not at all
        }
    }

    /**
     * The handler of one send. Whichever of the caller (returning from {@code sendText}) and the completion comes
     * second continues the write loop, so that exactly one thread does.
     */
    private final class Completion implements SendHandler {
        private final AtomicBoolean firstDone = new AtomicBoolean();

        @Override
        public void onResult(SendResult result) {
            backlog.decrementAndGet();
            if (!result.isOK()) {
                LOG.debug("send on session {} failed", session.getId(), result.getException());
                markBroken(); // the container reports the closed channel through onError / onClose
            }
            if (!firstDone.compareAndSet(false, true)) {
                writeLoop(true);
            }
        }

        /** Whether the send already completed, in which case the caller continues the loop. */
        boolean callerDone() {
            return !firstDone.compareAndSet(false, true);
        }
    }
}
