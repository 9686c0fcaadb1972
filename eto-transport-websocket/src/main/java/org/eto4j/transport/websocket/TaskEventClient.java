package org.eto4j.transport.websocket;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TaskUpdateListener;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one task over WebSocket (protocol v1) from Java: subscribes with the task's token, delivers every
 * update to a {@link TaskUpdateListener}, and when the connection drops (server restart, 4429 slow consumer,
 * network failure, no frame for {@link Builder#idleTimeout}) reconnects with exponential backoff and jitter,
 * resuming from the last sequence number it saw, so no state change and no terminal event is missed.
 *
 * <pre>{@code
 * try (TaskEventClient client = TaskEventClient.connect(URI.create("ws://host:8081"), taskId, token,
 *         update -> System.out.println(update.type() + " #" + update.seq()))) {
 *     TaskUpdate.Terminal end = client.outcome().get(10, TimeUnit.MINUTES);
 * }
 * }</pre>
 *
 * <p>The client stops for good after the terminal event (the server then closes with 1000), on 4400, 4403,
 * 4408 or 1009, after {@link Builder#maxReconnects} failed attempts in a row, or on {@link #close()}.
 * Thread-safe.
 */
public final class TaskEventClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEventClient.class);
    /** Close codes after which reconnecting cannot help. */
    private static final Set<Integer> FINAL_CODES = Set.of(1000, 1002, 1003, 1007, 1008, 1009, 4400, 4403, 4408);
    /** The close code reported when a connection broke without a close frame (RFC 6455). */
    static final int ABNORMAL = 1006;

    private static final class SharedHttp {
        static final HttpClient CLIENT = HttpClient.newHttpClient();
    }

    private final TaskId taskId;
    private final String token;
    private final TaskUpdateListener listener;
    private final HttpClient httpClient;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final int maxReconnects;
    private final String origin;
    private final URI uri;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ProtocolV1 decoder = ProtocolV1.defaults();
    private final Backoff backoff;
    private final CompletableFuture<TaskUpdate.Terminal> outcome = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Written by the session callbacks (sequential), read by anyone.
    private volatile long lastSeq;
    private volatile Session session;
    private volatile int failures;
    private volatile int reconnects;

    private TaskEventClient(Builder b) {
        // Copies, so that reusing the builder does not change this client.
        this.taskId = b.taskId;
        this.token = b.token;
        this.listener = b.listener;
        this.httpClient = b.httpClient;
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxReconnects = b.maxReconnects;
        this.origin = b.origin;
        String base = b.serverUri.toString();
        this.uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + WebSocketTransport.PATH_PREFIX + b.taskId.value());
        this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
        this.lastSeq = b.sinceSeq;
    }

    /**
     * Connects with the default settings.
     *
     * @param serverUri the server, e.g. {@code ws://host:8081} (the path {@code /ws/{taskId}} is appended)
     * @param taskId    the task to follow
     * @param token     the task's token
     * @param listener  receives the updates
     * @return the client, connecting in the background
     */
    public static TaskEventClient connect(URI serverUri, TaskId taskId, String token, TaskUpdateListener listener) {
        return builder(serverUri, taskId, token).listener(listener).connect();
    }

    /**
     * A builder for a client of one task.
     *
     * @param serverUri the server, e.g. {@code ws://host:8081}
     * @param taskId    the task to follow
     * @param token     the task's token
     * @return the builder
     */
    public static Builder builder(URI serverUri, TaskId taskId, String token) {
        return new Builder(serverUri, taskId, token);
    }

    /** The task this client follows. */
    public TaskId taskId() {
        return taskId;
    }

    /** The highest sequence number received so far ({@code -1} before the first snapshot). */
    public long lastSeq() {
        return lastSeq;
    }

    /** How many times the client reconnected after a lost connection. */
    public int reconnects() {
        return reconnects;
    }

    /** Whether a connection is currently open. */
    public boolean isConnected() {
        Session s = session;
        return s != null && s.ws != null && !s.done.get();
    }

    /**
     * Completes with the task's terminal update, from a live event or from a snapshot; completes exceptionally
     * with a {@link TransportException} ({@link TransportErrorCode#CLOSED_BY_SERVER},
     * {@link TransportErrorCode#RECONNECTS_EXHAUSTED} or {@link TransportErrorCode#CLIENT_CLOSED}) when the
     * client stops without one.
     *
     * @return the future outcome
     */
    public CompletableFuture<TaskUpdate.Terminal> outcome() {
        return outcome;
    }

    /**
     * Asks the server to cancel the task ({@code {"type":"cancel"}}); its outcome arrives as updates.
     *
     * @return completes when the message was sent; fails when not connected
     */
    public CompletableFuture<Void> cancelTask() {
        return send("{\"type\":\"cancel\"}");
    }

    /**
     * Sends {@code {"type":"ping"}}; the server answers with a {@link TaskUpdate.Pong}.
     *
     * @return completes when the message was sent; fails when not connected
     */
    public CompletableFuture<Void> ping() {
        return send("{\"type\":\"ping\"}");
    }

    private CompletableFuture<Void> send(String text) {
        Session s = session;
        if (s == null || s.ws == null || s.done.get()) {
            return CompletableFuture.failedFuture(new TransportException(TransportErrorCode.ILLEGAL_STATE,
                    "disconnected"));
        }
        return s.send(text);
    }

    /** Closes the connection (1000) and stops reconnecting; {@link #outcome()} fails if it had not completed. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outcome.completeExceptionally(new TransportException(TransportErrorCode.CLIENT_CLOSED));
        Session s = session;
        if (s != null && s.ws != null) {
            WebSocket ws = s.ws;
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((w, e) -> ws.abort());
        }
    }

    private void open() {
        if (closed.get()) {
            return;
        }
        Session s = new Session();
        session = s;
        WebSocket.Builder wb = httpClient.newWebSocketBuilder().connectTimeout(connectTimeout);
        if (origin != null) {
            wb.header("Origin", origin);
        }
        wb.buildAsync(uri, s).whenComplete((ws, ex) -> {
            if (ex != null) {
                Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                if (cause instanceof WebSocketHandshakeException h && h.getResponse().statusCode() >= 400
                        && h.getResponse().statusCode() < 500) {
                    s.ended(h.getResponse().statusCode(), true); // refused (path or origin): retrying cannot help
                } else {
                    LOG.debug("connecting to {} failed", uri, cause);
                    s.ended(ABNORMAL, false);
                }
            }
        });
    }

    private synchronized void deliver(TaskUpdate u) {
        if (u instanceof TaskUpdate.Snapshot snap) {
            for (TaskUpdate r : snap.replay()) {
                if (r.seq() > lastSeq) {
                    emit(r);
                    lastSeq = r.seq();
                }
            }
            failures = 0; // subscribed: the next drop starts the backoff afresh
            lastSeq = Math.max(lastSeq, snap.seq());
            emit(snap);
            snap.outcome().ifPresent(outcome::complete);
            return;
        }
        boolean retained = u instanceof TaskUpdate.Progress || u instanceof TaskUpdate.StateChanged
                || u instanceof TaskUpdate.Terminal;
        if (retained && u.seq() <= lastSeq) {
            return; // already seen (cannot happen with a v1 server; guards the no-regression promise)
        }
        lastSeq = Math.max(lastSeq, u.seq());
        emit(u);
        if (u instanceof TaskUpdate.Terminal t) {
            outcome.complete(t);
        }
    }

    private void emit(TaskUpdate u) {
        try {
            listener.onUpdate(u);
        } catch (RuntimeException e) {
            LOG.warn("listener failed on {} of task {}", u.type(), u.taskId(), e);
        }
    }

    private void disconnected(int code, boolean refused) {
        if (closed.get()) {
            return;
        }
        boolean terminal = outcome.isDone();
        if (terminal || refused || FINAL_CODES.contains(code)) {
            notifyDisconnect(code, false);
            outcome.completeExceptionally(new TransportException(TransportErrorCode.CLOSED_BY_SERVER, code,
                    CloseCode.of(code).map(CloseCode::messageKey).orElse("")));
            return;
        }
        int attempt = ++failures;
        if (attempt > maxReconnects) {
            notifyDisconnect(code, false);
            outcome.completeExceptionally(new TransportException(TransportErrorCode.RECONNECTS_EXHAUSTED, attempt - 1));
            return;
        }
        notifyDisconnect(code, true);
        Duration delay = backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
        reconnects++;
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(this::open);
    }

    private void notifyDisconnect(int code, boolean reconnecting) {
        try {
            listener.onDisconnect(code, reconnecting);
        } catch (RuntimeException e) {
            LOG.warn("listener failed in onDisconnect", e);
        }
    }

    /** One connection attempt: its JDK WebSocket listener, send chain and idle watchdog. */
    private final class Session implements WebSocket.Listener {
        final AtomicBoolean done = new AtomicBoolean();
        final StringBuilder text = new StringBuilder();
        volatile WebSocket ws;
        volatile long lastReceiveNanos = System.nanoTime();
        private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

        synchronized CompletableFuture<Void> send(String message) {
            WebSocket w = ws;
            CompletableFuture<Void> next = sendChain.handle((r, e) -> null)
                    .thenCompose(x -> w.sendText(message, true)).thenApply(x -> null);
            sendChain = next;
            next.whenComplete((x, e) -> {
                if (e != null && !done.get()) {
                    LOG.debug("sending to {} failed", uri, e);
                    w.abort();
                    ended(ABNORMAL, false); // a failed write means a broken connection
                }
            });
            return next;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            lastReceiveNanos = System.nanoTime();
            if (closed.get()) {
                webSocket.abort();
                ended(ABNORMAL, true);
                return;
            }
            ObjectNode subscribe = mapper.createObjectNode().put("type", "subscribe").put("token", token);
            if (lastSeq >= 0) {
                subscribe.put("sinceSeq", lastSeq);
            }
            send(subscribe.toString());
            webSocket.request(1);
            watchIdle();
        }

        /**
         * Checks four times per idle timeout: after half of it in silence, probes with a ping (a write on a
         * connection the peer has dropped fails, even when the drop itself was not reported); after all of it,
         * gives the connection up and reconnects.
         */
        private void watchIdle() {
            long idle = idleTimeout.toNanos();
            CompletableFuture.delayedExecutor(idle / 4, TimeUnit.NANOSECONDS).execute(() -> {
                if (done.get()) {
                    return;
                }
                long silent = System.nanoTime() - lastReceiveNanos;
                if (silent >= idle) {
                    LOG.debug("no frame from {} for {}; reconnecting", uri, idleTimeout);
                    ws.abort();
                    ended(ABNORMAL, false);
                    return;
                }
                if (silent >= idle / 2) {
                    send("{\"type\":\"ping\"}");
                }
                watchIdle();
            });
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastReceiveNanos = System.nanoTime();
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                Optional<TaskUpdate> u;
                try {
                    u = decoder.decode(frame);
                } catch (TransportException e) {
                    LOG.warn("protocol error from {}: {}", uri, e.getMessage());
                    webSocket.sendClose(4400, "transport.close.4400");
                    outcome.completeExceptionally(e);
                    ended(4400, true);
                    return null;
                }
                u.ifPresent(TaskEventClient.this::deliver);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastReceiveNanos = System.nanoTime();
            webSocket.request(1); // not part of protocol v1: ignored
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastReceiveNanos = System.nanoTime();
            webSocket.request(1);
            return null; // the JDK answers with a pong
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended(statusCode, false);
            return null; // the JDK then echoes the close frame
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.debug("connection to {} failed", uri, error);
            ended(ABNORMAL, false);
        }

        void ended(int code, boolean refused) {
            if (done.compareAndSet(false, true)) {
                disconnected(code, refused);
            }
        }
    }

    /** Settings of a {@link TaskEventClient}; validated in {@link #connect()}. */
    public static final class Builder {
        /** Default first reconnect delay ceiling (the delay is half to all of it, see jitter). */
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(250);
        /** Default largest reconnect delay ceiling. */
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
        /** Default failed attempts in a row before giving up: with the defaults, about five minutes of trying. */
        public static final int DEFAULT_MAX_RECONNECTS = 15;
        /** Default connect (TCP + handshake) timeout. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        /** Default silence after which the connection is presumed dead: five server heartbeats (2 s). */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

        private final URI serverUri;
        private final TaskId taskId;
        private final String token;
        private TaskUpdateListener listener;
        private HttpClient httpClient;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int maxReconnects = DEFAULT_MAX_RECONNECTS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private long sinceSeq = -1;
        private String origin;

        private Builder(URI serverUri, TaskId taskId, String token) {
            this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
            this.taskId = Objects.requireNonNull(taskId, "taskId");
            this.token = Objects.requireNonNull(token, "token");
        }

        /**
         * Receives the updates (required).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TaskUpdateListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The HTTP client that opens the WebSockets (share one among many task clients).
         *
         * @param httpClient the client (default: one shared client)
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Reconnect backoff: attempt {@code n} waits between half and all of
         * {@code min(max, initial * 2^(n-1))}.
         *
         * @param initial {@code 1 ms .. 1 min} (default {@link #DEFAULT_INITIAL_BACKOFF})
         * @param max     {@code initial .. 1 h} (default {@link #DEFAULT_MAX_BACKOFF})
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Failed attempts in a row after which the client gives up ({@link TransportErrorCode#RECONNECTS_EXHAUSTED}).
         *
         * @param maxReconnects {@code 0..1,000,000} (default {@link #DEFAULT_MAX_RECONNECTS})
         * @return this builder
         */
        public Builder maxReconnects(int maxReconnects) {
            this.maxReconnects = maxReconnects;
            return this;
        }

        /**
         * Timeout of one connection attempt.
         *
         * @param timeout {@code 1 ms .. 5 min} (default {@link #DEFAULT_CONNECT_TIMEOUT})
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Silence (no frame, not even a heartbeat or ping) after which the connection is dropped and resumed.
         *
         * @param timeout {@code 100 ms .. 1 h}, longer than the server's heartbeat interval
         *                (default {@link #DEFAULT_IDLE_TIMEOUT})
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Resume after a sequence number already seen (e.g. by an earlier client).
         *
         * @param sinceSeq {@code >= 0}, or {@code -1} for a fresh subscription (default)
         * @return this builder
         */
        public Builder sinceSeq(long sinceSeq) {
            this.sinceSeq = sinceSeq;
            return this;
        }

        /**
         * An {@code Origin} header to send (as a browser would).
         *
         * @param origin the origin, e.g. {@code https://app.example.org}
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        /**
         * Validates the settings and starts connecting in the background.
         *
         * @return the client
         * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} naming a bad option
         */
        public TaskEventClient connect() {
            if (listener == null) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "listener", "missing", "a listener");
            }
            String scheme = serverUri.getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "serverUri", serverUri,
                        "ws:// or wss://");
            }
            check("initialBackoff", initialBackoff, Duration.ofMillis(1), Duration.ofMinutes(1));
            check("maxBackoff", maxBackoff, initialBackoff, Duration.ofHours(1));
            check("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(5));
            check("idleTimeout", idleTimeout, Duration.ofMillis(100), Duration.ofHours(1));
            if (maxReconnects < 0 || maxReconnects > 1_000_000) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "maxReconnects",
                        maxReconnects, "0..1000000");
            }
            if (sinceSeq < -1) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "sinceSeq", sinceSeq, ">= -1");
            }
            if (httpClient == null) {
                httpClient = SharedHttp.CLIENT;
            }
            TaskEventClient client = new TaskEventClient(this);
            client.open();
            return client;
        }

        private static void check(String option, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, option, value, min + ".." + max);
            }
        }
    }
}
