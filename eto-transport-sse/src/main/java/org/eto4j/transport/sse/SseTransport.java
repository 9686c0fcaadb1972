package org.eto4j.transport.sse;

import com.sun.net.httpserver.HttpHandler;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportBuilder;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.internal.StreamHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link TaskEngine}'s task events as Server-Sent Events: protocol v1 frames in a
 * {@code text/event-stream} response that a browser reads with {@code EventSource}. The transport owns no server:
 * a host mounts one of its adapters at a path of its own choosing and every request below that path names a task
 * by its last segment, {@code GET <path>/{taskId}}:
 * <ul>
 *   <li>{@link SseHttpHandler} ({@link #httpHandler()}) for the JDK's {@code com.sun.net.httpserver.HttpServer};</li>
 *   <li>{@link SseServlet} ({@code new SseServlet(transport)}) for any Servlet 6 container (Jetty 12, Tomcat,
 *       Undertow, Spring MVC), as an async servlet with non-blocking output.</li>
 * </ul>
 *
 * <pre>{@code
 * SseTransport sse = SseTransport.builder(engine).tokenKey(secretKey).build().start();
 * HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * http.createContext("/events", sse.httpHandler());
 * http.start();
 * String token = sse.tokens().issue(taskId);   // browser: new EventSource("/events/" + taskId + "?token=" + token)
 * sse.stop();                                  // every stream ends with event close 1001
 * http.stop(0);
 * }</pre>
 *
 * <p><b>Protocol.</b> The token comes from {@code Authorization: Bearer <token>} or the query parameter
 * {@code token}; the last sequence number seen from {@code Last-Event-ID} (which wins) or the query parameter
 * {@code sinceSeq}. A request the transport refuses gets an HTTP status and the JSON body
 * {@code {"code":<close code>,"messageKey":"transport.close.<code>"}}: 403 (4403) for a bad, expired or foreign
 * token or an unknown or malformed task id (one answer, so ids cannot be probed) and for an {@code Origin} that
 * is not allowed, 400 (4400) for a malformed {@code Last-Event-ID} or {@code sinceSeq}, 503 (1001) with
 * {@code Retry-After} while the transport is not running, 500 (1011) when the engine fails, 405 (4400) for a
 * method other than {@code GET}. An accepted stream starts with {@code retry: <ms>}, then sends each frame as
 * {@code id: <seq>}, {@code event: <frame type>}, {@code data: <frame JSON>}: the snapshot first, then newer
 * events. Silence longer than the heartbeat interval is broken by a comment line {@code : heartbeat <seq>}. The
 * stream ends with {@code event: close} and {@code data: {"v":1,"type":"close","code":…,"messageKey":…}}: 1000
 * after the terminal event, 1001 at shutdown, 1011 on an internal failure; a client reconnects (with
 * {@code Last-Event-ID}) only for {@link CloseCode#retryable()} codes. A reader that stays backed up for the
 * slow-consumer timeout is dropped without a close event (it would not read it).
 *
 * <p><b>Resources.</b> Each subscriber holds at most {@link Builder#outboxCapacity} frames in its outbox (newer
 * progress replaces unsent progress) and at most {@link Builder#maxBufferedBytes} (plus one frame) of encoded
 * events waiting for the server's output. No engine or hub thread ever blocks on a response: the JDK server's
 * blocking response streams are written by a small pool of writer threads ({@link Builder#writerThreads}), and
 * a writer blocked on a stalled reader is released by cutting that connection off.
 *
 * <p>Instances are thread-safe. {@link #start()} may be called once; {@link #stop()} is idempotent.
 */
public final class SseTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SseTransport.class);
    /** The content type of a stream. */
    static final String EVENT_STREAM = "text/event-stream;charset=utf-8";
    /** The content type of a refusal body. */
    static final String JSON = "application/json;charset=utf-8";
    /** How long {@link #stop()} lets streams write their close event before dropping them. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The hub closes a stream that is not subscribed within this time; an SSE request subscribes at once, so the
     * limit only matters if subscribing itself hangs.
     */
    static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
    /** SSE clients send no messages; the hub's parser limit is irrelevant but must be set. */
    private static final int MAX_CLIENT_MESSAGE_BYTES = 256;

    private enum State { NEW, RUNNING, STOPPED }

    private final StreamHub hub;
    private final Set<String> allowedOrigins;
    private final long retryMillis;
    private final long maxBufferedBytes;
    private final ThreadPoolExecutor writers;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    private SseTransport(Set<String> allowedOrigins, Duration retryHint, int maxBufferedBytes, int writerThreads,
                         StreamHub hub, String prefix) {
        this.allowedOrigins = allowedOrigins;
        this.retryMillis = retryHint.toMillis();
        this.maxBufferedBytes = maxBufferedBytes;
        this.hub = hub;
        AtomicInteger n = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(writerThreads, writerThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + "-writer-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        // Idle writers go away: a host that only mounts the servlet never needs them.
        writers.allowCoreThreadTimeOut(true);
    }

    /**
     * A builder for a transport serving {@code engine}'s tasks.
     *
     * @param engine the engine whose events are served
     * @return the builder
     */
    public static Builder builder(TaskEngine engine) {
        return new Builder(engine);
    }

    /**
     * Starts the transport's timer; requests are answered with 503 before this and after {@link #stop()}.
     *
     * @return this transport
     * @throws TransportException with {@link TransportErrorCode#ILLEGAL_STATE} when already started or stopped
     */
    public SseTransport start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new TransportException(TransportErrorCode.ILLEGAL_STATE, state.get().name().toLowerCase(Locale.ROOT));
        }
        hub.start();
        return this;
    }

    /**
     * Ends every stream with the close event 1001 ({@link CloseCode#GOING_AWAY}) and then its response, drops
     * those that cannot take it within two seconds, releases their engine subscriptions and stops the
     * transport's threads. New requests get 503. Idempotent. Neither the engine nor the host's server is stopped.
     */
    public void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        if (previous == State.RUNNING) {
            hub.closeAll(CloseCode.GOING_AWAY, STOP_TIMEOUT);
        }
        for (EventStream s : hub.streams()) {
            if (s.sink() instanceof SseSink sink) {
                sink.abandon(); // a reader that did not take the close event in time
            }
        }
        hub.awaitNoStreams(Duration.ofMillis(200));
        hub.stop(STOP_TIMEOUT);
        writers.shutdownNow(); // interrupts a writer still blocked: its connection is closed
        try {
            writers.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether {@link #start()} was called and {@link #stop()} was not. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** The token service that checks subscriptions (use it to issue tokens to submitters). */
    public TaskTokens tokens() {
        return hub.tokens();
    }

    /**
     * Current resource counts: open streams, engine subscriptions, queued and buffered frames, slow-consumer closes.
     */
    public TransportStats stats() {
        return hub.stats();
    }

    /**
     * A handler for the JDK's HTTP server, to mount with {@code server.createContext(path, handler)}; it serves
     * {@code GET <path>/{taskId}}. Each call returns a new handler over this transport.
     *
     * @return the handler
     */
    public HttpHandler httpHandler() {
        return new SseHttpHandler(this);
    }

    // ---- used by the adapters ----

    long retryMillis() {
        return retryMillis;
    }

    long maxBufferedBytes() {
        return maxBufferedBytes;
    }

    ExecutorService writers() {
        return writers;
    }

    /**
     * Checks a request and, when it may stream, subscribes a new sink to its task.
     *
     * @param sinks makes the sink of an accepted request (not called for a refusal)
     */
    Outcome open(SseRequest request, Supplier<? extends SseSink> sinks) {
        String origin = request.header("Origin");
        Map<String, String> cors = new LinkedHashMap<>();
        if (origin != null && !origin.isEmpty()) {
            if (allowedOrigins.contains(origin)) {
                cors.put("Access-Control-Allow-Origin", origin);
                cors.put("Vary", "Origin");
            } else if (!sameOrigin(origin, request.header("Host"))) {
                return refuse(403, CloseCode.FORBIDDEN, Map.of());
            }
        }
        String method = request.method();
        if ("OPTIONS".equals(method) && request.header("Access-Control-Request-Method") != null
                && !cors.isEmpty()) {
            Map<String, String> h = new LinkedHashMap<>(cors);
            h.put("Access-Control-Allow-Methods", "GET");
            h.put("Access-Control-Allow-Headers", "Authorization, Last-Event-ID, Cache-Control, Accept");
            h.put("Access-Control-Max-Age", "600");
            return new Outcome.Preflight(Map.copyOf(h));
        }
        if (!"GET".equals(method)) {
            Map<String, String> h = new LinkedHashMap<>(cors);
            h.put("Allow", "GET");
            return refuse(405, CloseCode.MALFORMED_MESSAGE, h);
        }
        if (state.get() != State.RUNNING) {
            return unavailable(cors);
        }
        long sinceSeq;
        String lastEventId = request.header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            sinceSeq = parseSeq(lastEventId.trim());
        } else {
            sinceSeq = request.queryParameter("sinceSeq").map(SseTransport::parseSeq).orElse(-1L);
        }
        if (sinceSeq < -1) {
            return refuse(400, CloseCode.MALFORMED_MESSAGE, cors);
        }
        String token = bearer(request.header("Authorization"));
        if (token == null) {
            token = request.queryParameter("token").orElse(null);
        }
        if (token == null || token.isEmpty()) {
            return refuse(403, CloseCode.FORBIDDEN, cors);
        }
        SseSink sink = sinks.get();
        EventStream stream = hub.open(sink, request.taskIdSegment());
        sink.attach(stream);
        if (state.get() != State.RUNNING) {
            stream.release();
            return unavailable(cors);
        }
        switch (stream.subscribe(token, sinceSeq)) {
            case SUBSCRIBED -> {
                Map<String, String> h = new LinkedHashMap<>(cors);
                h.put("Content-Type", EVENT_STREAM);
                h.put("Cache-Control", "no-store");
                h.put("X-Accel-Buffering", "no"); // nginx would otherwise buffer the stream
                if (request.http1()) {
                    h.put("Connection", "keep-alive"); // not allowed in HTTP/2
                }
                return new Outcome.Streaming(stream, sink, h);
            }
            case FORBIDDEN -> {
                stream.release();
                return refuse(403, CloseCode.FORBIDDEN, cors);
            }
            case INTERNAL_ERROR -> {
                stream.release();
                return refuse(500, CloseCode.INTERNAL_ERROR, cors);
            }
            default -> {
                stream.release(); // closed while subscribing: the transport is stopping
                return unavailable(cors);
            }
        }
    }

    private Outcome unavailable(Map<String, String> cors) {
        Map<String, String> h = new LinkedHashMap<>(cors);
        h.put("Retry-After", Long.toString(Math.max(1, (retryMillis + 999) / 1000)));
        return refuse(503, CloseCode.GOING_AWAY, h);
    }

    private static Outcome refuse(int status, CloseCode code, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Cache-Control", "no-store");
        return new Outcome.Refused(status, code, Map.copyOf(h));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    /** A sequence number: decimal digits, at most {@link Long#MAX_VALUE}; {@code -2} when malformed. */
    static long parseSeq(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return -2;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -2;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -2;
        }
    }

    /**
     * Whether {@code origin} names the server the request was sent to ({@code Host}): same host and port, the
     * port defaulting to the origin scheme's. Browsers send {@code Origin} on some same-origin requests too.
     */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            String scheme = o.getScheme();
            if (o.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return false;
            }
            int defaultPort = "https".equals(scheme) ? 443 : 80;
            int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
            URI h = URI.create("//" + host);
            if (h.getHost() == null) {
                return false;
            }
            int hostPort = h.getPort() < 0 ? defaultPort : h.getPort();
            return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Settings of an {@link SseTransport}; validated in {@link #build()}, which names the bad option and the
     * accepted range.
     */
    public static final class Builder extends TransportBuilder<Builder, SseTransport> {
        /**
         * Default heartbeat interval: 10 s, well inside the 30–60 s after which common proxies and load balancers
         * drop an idle response.
         */
        public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
        /** The longest heartbeat interval accepted: 15 s, so that idle streams survive a 30 s proxy timeout. */
        public static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
        /** Default reconnect hint sent as {@code retry:}: 2 s, about what browsers wait by default (3 s). */
        public static final Duration DEFAULT_RETRY_HINT = Duration.ofSeconds(2);
        /**
         * Default bound of encoded events waiting for a subscriber's response: 256 KiB, room for the outbox's
         * burst of small frames and for a large inline result.
         */
        public static final int DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
        /**
         * Default number of writer threads for the JDK server's blocking responses: 4. A writer only waits while
         * the kernel's socket buffer of a reader is full, and never longer than the slow-consumer timeout.
         */
        public static final int DEFAULT_WRITER_THREADS = 4;
        /** Default thread name prefix: {@code eto-sse}. */
        public static final String DEFAULT_THREAD_NAME_PREFIX = "eto-sse";

        private Duration retryHint = DEFAULT_RETRY_HINT;
        private int maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
        private int writerThreads = DEFAULT_WRITER_THREADS;

        private Builder(TaskEngine engine) {
            super(engine, DEFAULT_HEARTBEAT_INTERVAL, MAX_HEARTBEAT_INTERVAL, DEFAULT_THREAD_NAME_PREFIX);
        }

        /**
         * The reconnect delay the stream suggests to {@code EventSource} with its first line, {@code retry: <ms>};
         * it is also the {@code Retry-After} (rounded up to whole seconds) of a 503.
         *
         * @param hint {@code 1 ms .. 10 min} (default {@link #DEFAULT_RETRY_HINT})
         * @return this builder
         */
        public Builder retryHint(Duration hint) {
            this.retryHint = Objects.requireNonNull(hint, "hint");
            return this;
        }

        /**
         * Encoded events a subscriber's response may hold before they are written; beyond it (plus one event)
         * new frames wait, conflated, in the outbox.
         *
         * @param bytes {@code 1 KiB .. 64 MiB} (default {@link #DEFAULT_MAX_BUFFERED_BYTES})
         * @return this builder
         */
        public Builder maxBufferedBytes(int bytes) {
            this.maxBufferedBytes = bytes;
            return this;
        }

        /**
         * Threads writing to the JDK HTTP server's blocking responses ({@link SseHttpHandler}); idle ones end
         * after 30 s. The servlet adapter writes without blocking and needs none.
         *
         * @param threads {@code 1..256} (default {@link #DEFAULT_WRITER_THREADS})
         * @return this builder
         */
        public Builder writerThreads(int threads) {
            this.writerThreads = threads;
            return this;
        }

        /**
         * Validates the settings and creates the transport (not yet serving: call {@link SseTransport#start()}).
         *
         * @return the transport
         * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} naming a bad option
         */
        public SseTransport build() {
            checkSharedOptions();
            check("retryHint", retryHint, Duration.ofMillis(1), Duration.ofMinutes(10));
            check("maxBufferedBytes", maxBufferedBytes, 1024, 64 << 20);
            check("writerThreads", writerThreads, 1, 256);
            return new SseTransport(allowedOrigins(), retryHint, maxBufferedBytes, writerThreads,
                    newHub(SUBSCRIBE_TIMEOUT, MAX_CLIENT_MESSAGE_BYTES), threadNamePrefix());
        }
    }
}
