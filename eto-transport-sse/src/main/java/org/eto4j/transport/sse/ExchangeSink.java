package org.eto4j.transport.sse;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import org.eto4j.transport.internal.EventStream;

/**
 * Writes one subscriber's events to the JDK HTTP server's blocking response stream, on the transport's writer
 * threads: one drain task at a time per response, which writes and flushes event by event, and asks the stream
 * for more once the buffer ran dry.
 *
 * <p>The JDK server writes through a blocking {@code SocketChannel}, so a reader that stops reading blocks its
 * writer once the kernel's buffers are full. Such a subscriber is dropped by the stream after the slow-consumer
 * timeout; {@link #abandoned()} then interrupts the writer: an interrupt closes an interruptible channel that a
 * thread is blocked on, which frees the thread and the connection together. A response that must be dropped
 * while no write is in progress is closed the same way (an interrupted thread's channel operation closes the
 * channel instead of blocking).
 */
final class ExchangeSink extends SseSink implements Runnable {
    private final HttpExchange exchange;
    private final SseTransport transport;
    private final Object ioLock = new Object();
    // Guarded by ioLock.
    private OutputStream out;
    private boolean begun;
    private boolean scheduled;
    private Thread writer;

    ExchangeSink(HttpExchange exchange, SseTransport transport) {
        super(transport.maxBufferedBytes(), transport.retryMillis());
        this.exchange = exchange;
        this.transport = transport;
    }

    /** The response headers are sent: start writing to {@code body}. */
    void begin(OutputStream body) {
        synchronized (ioLock) {
            this.out = body;
            this.begun = true;
        }
        wake();
    }

    @Override
    void wake() {
        synchronized (ioLock) {
            if (!begun || scheduled) {
                return;
            }
            scheduled = true;
        }
        schedule();
    }

    @Override
    void abandoned() {
        synchronized (ioLock) {
            if (writer != null) {
                writer.interrupt(); // closes the channel the writer may be blocked on
                return;
            }
            if (!begun || scheduled) {
                return; // begin() or the queued drain task will see it
            }
            scheduled = true;
        }
        schedule();
    }

    private void schedule() {
        try {
            transport.writers().execute(this);
        } catch (RejectedExecutionException e) {
            closeHard(); // the transport stopped: nobody will write any more
        }
    }

    @Override
    public void run() {
        boolean wrote = false;
        for (;;) {
            Step step = next();
            if (step instanceof Write w) {
                if (!enterIo()) {
                    closeHard();
                    return;
                }
                try {
                    out.write(w.bytes());
                    out.flush();
                } catch (IOException e) {
                    exitIo();
                    closeHard(); // the client went away, or the connection was cut off
                    return;
                }
                exitIo();
                written(w.bytes());
                wrote = true;
            } else if (step instanceof End e) {
                if (!enterIo()) {
                    closeHard();
                    return;
                }
                try {
                    out.write(SseFrames.closeEvent(e.code()));
                    out.flush();
                    exchange.close();
                } catch (IOException ex) {
                    exitIo();
                    closeHard();
                    return;
                }
                exitIo();
                finish();
                return;
            } else if (step instanceof Abandon) {
                closeHard();
                return;
            } else {
                synchronized (ioLock) {
                    scheduled = false;
                }
                // Data that arrived after next() found none saw this task as scheduled: take it on.
                if (next() instanceof Idle) {
                    break;
                }
                synchronized (ioLock) {
                    if (scheduled) {
                        break;
                    }
                    scheduled = true;
                }
            }
        }
        EventStream s = stream();
        if (wrote && s != null) {
            s.pump(); // the buffer ran dry: frames waiting in the outbox may move now
        }
    }

    private boolean enterIo() {
        synchronized (ioLock) {
            if (abandoning()) {
                return false;
            }
            writer = Thread.currentThread();
            return true;
        }
    }

    private void exitIo() {
        synchronized (ioLock) {
            writer = null;
        }
    }

    /** Closes the connection without blocking, whatever state its output is in, and releases the stream. */
    private void closeHard() {
        Thread self = Thread.currentThread();
        boolean wasInterrupted = Thread.interrupted();
        // Interrupted, the close's final write to the blocking channel closes the channel instead of waiting.
        self.interrupt();
        try {
            exchange.close();
        } catch (RuntimeException e) {
            // already closed
        } finally {
            Thread.interrupted();
            if (wasInterrupted) {
                self.interrupt();
            }
        }
        finish();
    }
}
