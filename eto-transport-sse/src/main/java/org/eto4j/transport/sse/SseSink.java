package org.eto4j.transport.sse;

import java.util.ArrayDeque;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;

/**
 * The bounded buffer between one subscriber's {@link EventStream} and its HTTP response: encoded events wait here
 * until the server adapter writes them. {@link #backlog()} is the number of events not yet written; once their
 * bytes reach the byte limit it reports the stream's backlog limit, so the stream stops handing over events
 * (they wait, conflated, in its outbox) and, if the response does not drain, cuts the subscriber off.
 *
 * <p>The adapter reads with {@link #next()} and acknowledges with {@link #written(byte[])}; it is told of new data
 * by {@link #wake()} and of an abandoned subscriber by {@link #abandoned()}. Neither is called with the buffer's
 * lock held, and the buffer never calls into the stream while holding it.
 */
abstract class SseSink implements EventStream.Sink {
    /** What the adapter should do next. */
    sealed interface Step permits Write, End, Abandon, Idle {
    }

    /** Write these bytes, then call {@link #written(byte[])}. */
    record Write(byte[] bytes) implements Step {
    }

    /** Everything was written: write the close event for {@code code} and end the response. */
    record End(CloseCode code) implements Step {
    }

    /** Drop the connection without a word (slow consumer): nothing more will be written. */
    record Abandon() implements Step {
    }

    /** Nothing to write now. */
    record Idle() implements Step {
    }

    private static final Idle IDLE = new Idle();
    private static final Abandon ABANDON = new Abandon();

    private final Object lock = new Object();
    private final long maxBufferedBytes;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private volatile EventStream stream;
    // Guarded by lock.
    private long queuedBytes;
    private CloseCode closeCode;
    private boolean abandon;
    private boolean finished;

    SseSink(long maxBufferedBytes, long retryMillis) {
        this.maxBufferedBytes = maxBufferedBytes;
        byte[] retry = SseFrames.retry(retryMillis);
        queue.add(retry);
        queuedBytes = retry.length;
    }

    /** Binds the stream this sink serves (right after {@code hub.open}). */
    final void attach(EventStream s) {
        this.stream = s;
    }

    final EventStream stream() {
        return stream;
    }

    @Override
    public final int backlog() {
        synchronized (lock) {
            return queuedBytes >= maxBufferedBytes ? Math.max(queue.size(), EventStream.SINK_BACKLOG_LIMIT)
                    : queue.size();
        }
    }

    @Override
    public final boolean send(EventStream.Frame frame) {
        byte[] bytes = SseFrames.frame(frame);
        synchronized (lock) {
            if (finished || closeCode != null) {
                return false;
            }
            queue.addLast(bytes);
            queuedBytes += bytes.length;
        }
        wake();
        return true;
    }

    @Override
    public final void close(CloseCode code) {
        boolean drop;
        synchronized (lock) {
            if (finished || closeCode != null) {
                return;
            }
            closeCode = code;
            // A slow consumer is not sent a close event: it would only queue behind what it does not read.
            drop = code == CloseCode.SLOW_CONSUMER;
            if (drop) {
                abandon = true;
                queue.clear();
                queuedBytes = 0;
            }
        }
        if (drop) {
            abandoned();
        } else {
            wake();
        }
    }

    /** Abandons the response (the transport is stopping and the reader did not take the close event in time). */
    final void abandon() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            abandon = true;
            if (closeCode == null) {
                closeCode = CloseCode.GOING_AWAY;
            }
            queue.clear();
            queuedBytes = 0;
        }
        abandoned();
    }

    /** The adapter's next step. */
    final Step next() {
        synchronized (lock) {
            if (finished) {
                return IDLE;
            }
            if (abandon) {
                return ABANDON;
            }
            if (!queue.isEmpty()) {
                return new Write(queue.peekFirst());
            }
            return closeCode != null ? new End(closeCode) : IDLE;
        }
    }

    /** {@code bytes}, from the last {@link Write}, reached the server's output. */
    final void written(byte[] bytes) {
        synchronized (lock) {
            if (queue.peekFirst() == bytes) {
                queue.pollFirst();
                queuedBytes -= bytes.length;
            }
        }
    }

    /** Whether the adapter should stop trying to write (abandoned). */
    final boolean abandoning() {
        synchronized (lock) {
            return abandon;
        }
    }

    /**
     * The response ended (written out, failed or abandoned): nothing more is accepted and the stream releases its
     * subscription. Idempotent.
     */
    final void finish() {
        synchronized (lock) {
            finished = true;
            queue.clear();
            queuedBytes = 0;
        }
        EventStream s = stream;
        if (s != null) {
            s.release();
        }
    }

    /** Called after data or a close arrived; must not block. */
    abstract void wake();

    /** Called once the subscriber is abandoned: drop the connection as soon as possible; must not block. */
    abstract void abandoned();
}
