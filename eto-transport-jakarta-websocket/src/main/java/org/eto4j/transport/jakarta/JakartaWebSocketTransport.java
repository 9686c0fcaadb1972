package org.eto4j.transport.jakarta;

import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportBuilder;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.internal.StreamHub;
import org.eto4j.transport.jakarta.internal.TaskEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link TaskEngine}'s task events over WebSocket, protocol version 1, inside the host's own servlet
 * container through the Jakarta WebSocket 2.1 API (Jetty 12, Tomcat 10.1+, Undertow, Spring Boot): the same
 * protocol as the standalone {@code WebSocketTransport}, on the host's port, TLS and lifecycle.
 *
 * <pre>{@code
 * JakartaWebSocketTransport ws = JakartaWebSocketTransport.builder(engine)
 *         .tokenKey(secretKey)                                  // shared with the REST API that issues tokens
 *         .allowedOrigins(Set.of("https://app.example.org"))
 *         .build();                                             // starts the transport's timer
 * serverContainer.addEndpoint(ws.endpointConfig());             // jakarta.websocket.server.ServerContainer
 * String token = ws.tokens().issue(engine.submit(task));        // give id + token to the submitter
 * // browser: new WebSocket("wss://host/ws/" + id).send(JSON.stringify({type: "subscribe", token}))
 * ws.stop();                                                    // closes every session with 1001
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link Builder#build()} starts the transport's one timer thread, so the transport is
 * ready before the host registers {@link #endpointConfig()}; {@link #stop()} closes every session with 1001
 * and ends it. Jakarta WebSocket cannot remove an endpoint, so after {@code stop()} the endpoint stays mounted
 * until the container stops, and every new connection is closed with 1001 at once.
 *
 * <p><b>Guarantees.</b> Those of protocol v1 (see the standalone module's README): the first frame after a valid
 * subscribe is a snapshot; sequence numbers never decrease on a connection; state and terminal frames are never
 * dropped; after the terminal frame the session is closed with 1000. Each session has a bounded outbox in which a
 * newer progress frame replaces an unsent one, and at most 16 frames handed to the container; a session that stays
 * backed up for {@link Builder#slowConsumerTimeout} (or whose outbox overflows) is closed with 4429, and no session
 * ever blocks an engine thread or another session. A session that does not let its close frame out within a few seconds
 * is dropped by the container (its idle timeout is shortened when the transport closes it). The transport sends no
 * WebSocket pings (Jakarta WebSocket has no non-blocking ping): a peer that vanished without closing is released when
 * its sends back up (4429) or when the operating system reports the connection lost. The container's idle timeout must
 * be longer than {@link Builder#heartbeatInterval} (Jetty's and Tomcat's defaults are).
 *
 * <p>Instances are thread-safe. One transport may be registered with several containers.
 */
public final class JakartaWebSocketTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JakartaWebSocketTransport.class);

    private static final String TASK_ID = TaskEndpoint.TASK_ID;
    private static final Duration CLOSE_TIMEOUT = TaskEndpoint.CLOSE_TIMEOUT;
    /**
     * Threads that send close frames. A close is quick where the container closes asynchronously (Jetty) and
     * bounded by {@link #CLOSE_TIMEOUT} where it blocks (Tomcat); a few threads keep one stuck peer from delaying
     * the others. They exist only while closes are pending.
     */
    static final int CLOSER_THREADS = 4;

    private final String path;
    private final Set<String> allowedOrigins;
    private final int maxFrameBytes;
    private final StreamHub hub;
    private final ThreadPoolExecutor closer;
    private final ServerEndpointConfig endpointConfig;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private JakartaWebSocketTransport(String path, Set<String> allowedOrigins, int maxFrameBytes, StreamHub hub,
                                      String prefix) {
        // Copies, so that changing the builder later does not change this transport.
        this.path = path;
        this.allowedOrigins = allowedOrigins;
        this.maxFrameBytes = maxFrameBytes;
        this.hub = hub;
        AtomicInteger n = new AtomicInteger();
        this.closer = new ThreadPoolExecutor(CLOSER_THREADS, CLOSER_THREADS, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, prefix + "-close-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        closer.allowCoreThreadTimeOut(true);
        this.endpointConfig = ServerEndpointConfig.Builder.create(TaskEndpoint.class, path)
                .configurator(new Configurator()).build();
        hub.start();
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
     * The endpoint to register with the container: {@code ServerContainer.addEndpoint(transport.endpointConfig())}.
     * Its configurator refuses a handshake whose {@code Origin} is present and not allowed (the container answers
     * HTTP 403) and creates one endpoint per connection. The same instance is returned on every call.
     *
     * @return the endpoint configuration, with the configured path
     */
    public ServerEndpointConfig endpointConfig() {
        return endpointConfig;
    }

    /** The token service that checks subscriptions (use it to issue tokens to submitters). */
    public TaskTokens tokens() {
        return hub.tokens();
    }

    /** Current resource counts; {@code openConnections} counts sessions from open until close. */
    public TransportStats stats() {
        return hub.stats();
    }

    /**
     * Closes every session with 1001 ({@link CloseCode#GOING_AWAY}), waits up to two seconds for their close
     * handshakes, releases their engine subscriptions and stops the transport's threads. Idempotent. Neither the
     * engine nor the container is stopped; connections that arrive later are closed with 1001.
     */
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        hub.closeAll(CloseCode.GOING_AWAY, CLOSE_TIMEOUT);
        // Sessions whose close handshake did not finish in time: the container drops them (their idle timeout
        // was shortened by the close); their streams are released now.
        for (EventStream s : hub.streams()) {
            s.release();
        }
        hub.stop(CLOSE_TIMEOUT);
        closer.shutdown();
        try {
            closer.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("task events on {} stopped", path);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * The container's hooks into the handshake: the Origin allow-list and one {@link TaskEndpoint} per connection.
     * The other hooks (subprotocols, extensions, handshake headers) keep the container's defaults.
     */
    private final class Configurator extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            // No Origin: not a browser, which is what the check protects (ambient credentials); accepted.
            return originHeaderValue == null || originHeaderValue.isEmpty()
                    || allowedOrigins.contains(originHeaderValue);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            if (!endpointClass.isAssignableFrom(TaskEndpoint.class)) {
                throw new InstantiationException(endpointClass.getName());
            }
            return endpointClass.cast(new TaskEndpoint(hub, closer, maxFrameBytes, running::get));
        }
    }

    /**
     * Settings of a {@link JakartaWebSocketTransport}; validated in {@link #build()}, which names the bad option
     * and the accepted range. Names, defaults and ranges are those of the standalone {@code WebSocketTransport}.
     */
    public static final class Builder extends TransportBuilder<Builder, JakartaWebSocketTransport> {
        /** Default endpoint path, the protocol's: {@code /ws/{taskId}} (relative to the servlet context). */
        public static final String DEFAULT_PATH = "/ws/{taskId}";
        /** Default wait for the first message, from the protocol (10 s). */
        public static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
        /** Default silence after which a heartbeat is sent while the task has not ended, from the protocol (2 s). */
        public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
        /** Default largest client message: client messages are a few hundred bytes (a token is about 60). */
        public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024;
        /** Default prefix of the transport's thread names. */
        public static final String DEFAULT_THREAD_NAME_PREFIX = "eto-jakarta-ws";

        private String path = DEFAULT_PATH;
        private Duration subscribeTimeout = DEFAULT_SUBSCRIBE_TIMEOUT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

        private Builder(TaskEngine engine) {
            super(engine, DEFAULT_HEARTBEAT_INTERVAL, Duration.ofMinutes(5), DEFAULT_THREAD_NAME_PREFIX);
        }

        /**
         * The endpoint path, a Jakarta WebSocket URI template relative to the servlet context, e.g.
         * {@code /api/tasks/{taskId}/events}.
         *
         * @param path starts with {@code /} and has the segment {@code {taskId}} (default {@link #DEFAULT_PATH})
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * How long a new session may take to send its {@code subscribe} message before it is closed with 4408.
         *
         * @param timeout {@code 10 ms .. 5 min} (default {@link #DEFAULT_SUBSCRIBE_TIMEOUT})
         * @return this builder
         */
        public Builder subscribeTimeout(Duration timeout) {
            this.subscribeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The largest message accepted from a client (the session's maximum text message buffer); the container
         * closes a session whose message is larger with 1009.
         *
         * @param bytes {@code 256 .. 1 MiB} (default {@link #DEFAULT_MAX_FRAME_BYTES})
         * @return this builder
         */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * Validates the settings and creates the transport, whose timer thread starts now; register its
         * {@link JakartaWebSocketTransport#endpointConfig()} with the container and call
         * {@link JakartaWebSocketTransport#stop()} when the host shuts down.
         *
         * @return the transport
         * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} naming a bad option
         */
        public JakartaWebSocketTransport build() {
            if (!path.startsWith("/") || !List.of(path.split("/", -1)).contains("{" + TASK_ID + "}")
                    || path.chars().anyMatch(c -> c == '?' || c == '#' || Character.isWhitespace(c))) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "path", path,
                        "a path starting with / with the segment {" + TASK_ID + "}");
            }
            checkSharedOptions();
            check("maxFrameBytes", maxFrameBytes, 256, 1 << 20);
            check("subscribeTimeout", subscribeTimeout, Duration.ofMillis(10), Duration.ofMinutes(5));
            return new JakartaWebSocketTransport(path, allowedOrigins(), maxFrameBytes,
                    newHub(subscribeTimeout, maxFrameBytes), threadNamePrefix());
        }
    }
}
