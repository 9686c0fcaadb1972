package org.eto4j.examples.webapp;

import java.time.Duration;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Cuts off a request body that arrives slower than {@code --min-request-bytes-per-second}: after a grace period
 * from the end of the request's head, a body that has not arrived in full must have averaged at least that rate,
 * or its next read fails with {@code 408} (the app answers {@code WEB-4080} and closes the connection).
 *
 * <p>Why not Jetty's own {@code HttpConfiguration.setMinRequestDataRate}: it measures from the body's first byte
 * with no grace, so a body of a few bytes read a few milliseconds after it arrived (any small request under load)
 * already falls "below" the rate and is refused. The grace keeps every body that arrives within it, whatever its
 * size; a client trickling a large body is still cut off soon after. Between reads, a silent connection is closed
 * by the idle timeout.
 */
final class SlowBodyGuard extends Handler.Wrapper {
    /** Time a body has before the rate applies: any small body, and a large one's slow start, fit in it. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final long minBytesPerSecond;

    SlowBodyGuard(Handler handler, long minBytesPerSecond) {
        super(handler);
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (minBytesPerSecond <= 0) {
            return super.handle(request, response, callback);
        }
        return super.handle(new Guarded(request, minBytesPerSecond), response, callback);
    }

    /** The request with its reads counted and timed. */
    private static final class Guarded extends Request.Wrapper {
        private final long minBytesPerSecond;
        private long bytes;

        Guarded(Request request, long minBytesPerSecond) {
            super(request);
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            bytes += chunk.remaining();
            if (chunk.isLast()) {
                return chunk; // arrived in full: never cut off
            }
            long late = NanoTime.millisSince(getHeadersNanoTime()) - GRACE.toMillis();
            if (late > 0 && bytes < minBytesPerSecond * late / 1000) {
                chunk.release();
                // Thrown to the reading servlet, which answers 408 WEB-4080; elsewhere Jetty's error handling does.
                throw new BadMessageException(408, "request body slower than " + minBytesPerSecond + " B/s");
            }
            return chunk;
        }
    }
}
