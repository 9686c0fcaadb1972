package org.eto4j.examples.webapp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Closes a connection whose request head (request line and headers) has been arriving for longer than
 * {@code --request-head-timeout-seconds}, so that clients trickling their heads ("slow loris") hold a socket for
 * a bounded time only. Added as a bean of the connector: it hears every connection open and close, and its
 * sweeper runs while the connector runs.
 *
 * <p>Why a sweeper: Jetty 12 has no deadline for a request head. Its idle timeout restarts with every byte, and
 * {@code --max-header-bytes} bounds the size, not the time, so a head sent a byte a second would hold its
 * connection for hours. Every {@link #SWEEP_INTERVAL} one thread looks at each open HTTP/1 connection's parser: a
 * head is arriving while the parser is past its start but before the head's end, or still at its start with
 * bytes received since the last request (blank lines, which the parser skips). The deadline counts from the
 * sweep that first saw the head arriving, so it is at most one interval late. Nothing can be answered in the
 * middle of a head, so the connection is just closed.
 *
 * <p>A keep-alive connection waiting between requests receives nothing and is left alone (the idle timeout
 * closes it); so is a connection reading a body ({@link SlowBodyGuard} times that) or running a request. The
 * parser's state is read from the sweeper's thread without a lock: a stale read can only delay a close by one
 * sweep.
 */
final class RequestHeadDeadline extends AbstractLifeCycle implements Connection.Listener {
    /** How often open connections are looked at: the most a close may come after the deadline. */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(250);

    private final long deadlineNanos;
    private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    /**
     * @param deadline the longest a request head may take to arrive; zero = no deadline
     */
    RequestHeadDeadline(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        if (deadlineNanos > 0 && connection instanceof HttpConnection http) {
            open.put(http, new Watch());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.remove(http);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (deadlineNanos > 0) {
            sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread t = new Thread(task, "eto-webapp-head-deadline");
                t.setDaemon(true);
                return t;
            });
            long every = SWEEP_INTERVAL.toMillis();
            sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper.awaitTermination(1, TimeUnit.SECONDS);
            sweeper = null;
        }
        super.doStop();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<HttpConnection, Watch> e : open.entrySet()) {
            HttpConnection connection = e.getKey();
            try {
                if (e.getValue().overdue(connection, now, deadlineNanos)) {
                    open.remove(connection);
                    connection.getEndPoint().close(new TimeoutException("request head not received within "
                            + Duration.ofNanos(deadlineNanos).toMillis() + " ms"));
                }
            } catch (RuntimeException ignored) {
                // A connection closing meanwhile: the others are still looked at, and it is closed anyway.
            }
        }
    }

    /** What the sweeper last saw of one connection; read and written by the sweeper's thread only. */
    private static final class Watch {
        /** Requests received when last seen waiting between requests; -1 = to be marked when next seen waiting. */
        private long idleRequests;
        /** Bytes received by then: more at the parser's start means a head has begun. */
        private long idleBytes;
        /** Whether a head was arriving at the last sweep, and since when. */
        private boolean arriving;
        private long since;

        boolean overdue(HttpConnection connection, long now, long deadlineNanos) {
            HttpParser parser = connection.getParser();
            HttpParser.State state = parser.getState();
            long requests = connection.getMessagesIn();
            long bytes = connection.getBytesIn();
            boolean head;
            if (!parser.inHeaderState()) {
                // A body, a request being handled or a closing connection: marked again at the next start.
                idleRequests = -1;
                head = false;
            } else if (state == HttpParser.State.START) {
                if (requests != idleRequests) {
                    // First seen waiting after a request (or at open): what it has received so far is old.
                    idleRequests = requests;
                    idleBytes = bytes;
                }
                head = bytes != idleBytes;
            } else {
                head = true;
            }
            if (!head) {
                arriving = false;
                return false;
            }
            if (!arriving) {
                arriving = true;
                since = now;
            }
            return now - since > deadlineNanos;
        }
    }
}
