package org.eto4j.transport.sse;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eto4j.transport.internal.EventStream;

/**
 * Writes one subscriber's events to an async servlet response with non-blocking output: data is written only
 * while {@link ServletOutputStream#isReady()} says so, and when it says no the container calls
 * {@link #onWritePossible()} later, which writes the rest and asks the stream for more. No thread waits on a
 * slow reader; its events wait in the bounded buffer until the stream drops it.
 *
 * <p>Writes come from the thread that produced the data (engine dispatch or hub timer, without blocking) or from
 * the container's callback; {@code ioLock} keeps them one at a time, as the Servlet API requires.
 */
final class ServletSink extends SseSink implements WriteListener, AsyncListener {
    private final Object ioLock = new Object();
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile AsyncContext async;
    // Guarded by ioLock.
    private ServletOutputStream out;
    private boolean begun;
    private boolean draining;
    private boolean unflushed;
    private boolean closeWritten;

    ServletSink(SseTransport transport) {
        super(transport.maxBufferedBytes(), transport.retryMillis());
    }

    /** The response is async and its headers are set: start writing once the container calls back. */
    void begin(AsyncContext context, ServletOutputStream body) {
        this.async = context;
        synchronized (ioLock) {
            this.out = body;
        }
        context.addListener(this);
        body.setWriteListener(this); // the container calls onWritePossible when the output is ready
    }

    @Override
    void wake() {
        drain();
    }

    @Override
    void abandoned() {
        drain();
    }

    @Override
    public void onWritePossible() {
        synchronized (ioLock) {
            begun = true;
        }
        if (drain()) {
            EventStream s = stream();
            if (s != null) {
                s.pump(); // the buffer ran dry: frames waiting in the outbox may move now
            }
        }
    }

    /**
     * Writes while the output is ready.
     *
     * @return whether everything buffered was written (the output is idle and may take more)
     */
    private boolean drain() {
        boolean end = false;
        try {
            synchronized (ioLock) {
                if (!begun || completed.get() || draining) {
                    return false; // not ready yet, or an outer drain on this thread goes on
                }
                draining = true;
                try {
                    for (;;) {
                        Step step = next();
                        if (step instanceof Abandon) {
                            end = true;
                            return false;
                        }
                        if (!out.isReady()) {
                            return false; // onWritePossible follows
                        }
                        if (step instanceof Write w) {
                            out.write(w.bytes());
                            written(w.bytes());
                            unflushed = true;
                        } else if (unflushed) {
                            out.flush();
                            unflushed = false;
                        } else if (step instanceof End e) {
                            if (closeWritten) {
                                end = true;
                                return false;
                            }
                            out.write(SseFrames.closeEvent(e.code()));
                            closeWritten = true;
                            unflushed = true;
                        } else {
                            return true;
                        }
                    }
                } finally {
                    draining = false;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (or the container gave the response up): nothing more can be written.
            end = true;
            return false;
        } finally {
            if (end) {
                // Outside ioLock: a container may call the listeners (and so the stream) from complete().
                complete();
                finish();
            }
        }
    }

    /** Ends the async response once; the container closes the connection when its output allows. */
    private void complete() {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (error, timeout)
        }
    }

    @Override
    public void onError(Throwable t) {
        complete();
        finish();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        completed.set(true);
        finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        complete();
        finish();
    }

    @Override
    public void onError(AsyncEvent event) {
        complete();
        finish();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
