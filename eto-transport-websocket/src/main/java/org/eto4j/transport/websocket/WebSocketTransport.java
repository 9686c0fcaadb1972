package org.eto4j.transport.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportBuilder;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.internal.StreamHub;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link TaskEngine}'s task events over WebSocket, protocol version 1 (see the module README): a host
 * application starts it on its own port and stops it when it shuts down.
 *
 * <pre>{@code
 * WebSocketTransport ws = WebSocketTransport.builder(engine)
 *         .host("0.0.0.0").port(8081)
 *         .tokenKey(secretKey)                              // shared with the REST API that issues tokens
 *         .allowedOrigins(Set.of("https://app.example.org"))
 *         .build()
 *         .start();
 * TaskId id = engine.submit(task);
 * String token = ws.tokens().issue(id);                     // give id + token to the submitter
 * // browser: new WebSocket("ws://host:8081/ws/" + id).send(JSON.stringify({type: "subscribe", token}))
 * ws.stop();                                                // closes every connection with 1001
 * }</pre>
 *
 * <p><b>Guarantees.</b> The first frame after a valid subscribe is a snapshot; sequence numbers never decrease
 * on a connection; state and terminal frames are never dropped; after the terminal frame the server closes
 * with 1000. Each connection has a bounded outbox in which a newer progress frame replaces an unsent one; a
 * connection whose socket stays backed up for {@link Builder#slowConsumerTimeout} (or whose outbox overflows)
 * is closed with 4429, and no connection ever blocks an engine thread or another connection. Dead peers are
 * found by WebSocket pings ({@link Builder#connectionLostTimeout}) and released.
 *
 * <p>Instances are thread-safe; {@link #start()} and {@link #stop()} may be called once each.
 */
public final class WebSocketTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    /** The path prefix of task endpoints: {@code /ws/{taskId}}. */
    public static final String PATH_PREFIX = "/ws/";
    /** How long {@link #start()} waits for the socket to bind before failing. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #stop()} lets close handshakes and threads finish before closing sockets hard. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    /** Accept backlog: room for a thousand clients connecting at once (capped by the OS's somaxconn). */
    static final int ACCEPT_BACKLOG = 1024;

    private enum State { NEW, RUNNING, STOPPED }

    private final String host;
    private final int configuredPort;
    private final Set<String> allowedOrigins;
    private final StreamHub hub;
    private final Endpoint endpoint;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<Exception> startFailure = new AtomicReference<>();
    private volatile int boundPort = -1;
    private final int socketSendBufferBytes;

    private WebSocketTransport(Builder b, Set<String> allowedOrigins, StreamHub hub) {
        // Copies, so that changing the builder later does not change this transport.
        this.host = b.host;
        this.configuredPort = b.port;
        this.allowedOrigins = allowedOrigins;
        this.socketSendBufferBytes = b.socketSendBufferBytes;
        this.hub = hub;
        this.endpoint = new Endpoint(new InetSocketAddress(b.host, b.port), b.ioThreads,
                List.of(new Draft_6455(List.of(), b.maxFrameBytes)));
        endpoint.setReuseAddr(true);
        endpoint.setTcpNoDelay(true);
        endpoint.setDaemon(true);
        endpoint.setMaxPendingConnections(ACCEPT_BACKLOG);
        endpoint.setConnectionLostTimeout((int) b.connectionLostTimeout.toSeconds());
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
     * Binds the port and starts accepting connections; returns once the socket is bound.
     *
     * @return this transport
     * @throws TransportException with {@link TransportErrorCode#START_FAILED} when the port cannot be bound,
     *                            or {@link TransportErrorCode#ILLEGAL_STATE} when already started or stopped
     */
    public WebSocketTransport start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new TransportException(TransportErrorCode.ILLEGAL_STATE, state.get().name().toLowerCase(Locale.ROOT));
        }
        endpoint.start();
        boolean bound;
        try {
            bound = started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bound = false;
        }
        if (!bound || startFailure.get() != null) {
            stop();
            throw new TransportException(TransportErrorCode.START_FAILED, startFailure.get(), host, configuredPort);
        }
        boundPort = endpoint.getPort();
        hub.start();
        LOG.info("task events served on ws://{}:{}{}{}", host, boundPort, PATH_PREFIX, "{taskId}");
        return this;
    }

    /**
     * Closes every connection with 1001 ({@link CloseCode#GOING_AWAY}), releases their engine subscriptions,
     * closes the port and stops the transport's threads. Idempotent. The engine itself is not shut down.
     */
    public void stop() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.STOPPED) {
            return;
        }
        if (previous == State.RUNNING) {
            // No more pings: a pong still in flight when a socket closes would make the kernel reset the
            // connection, and the client could lose the close frame.
            endpoint.setConnectionLostTimeout(0);
            hub.closeAll(CloseCode.GOING_AWAY, STOP_TIMEOUT);
            try {
                endpoint.stop((int) STOP_TIMEOUT.toMillis(), CloseCode.GOING_AWAY.messageKey());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Peers that did not complete the close handshake in time: close their sockets without it.
        for (EventStream s : hub.streams()) {
            if (((Connection) s.sink()).socket() instanceof org.java_websocket.WebSocketImpl impl) {
                impl.closeConnection(CloseFrame.GOING_AWAY, CloseCode.GOING_AWAY.messageKey());
            }
            s.release();
        }
        hub.stop(STOP_TIMEOUT);
        try {
            endpoint.joinWorkers(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("task event server on port {} stopped", boundPort);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether {@link #start()} succeeded and {@link #stop()} was not called. */
    public boolean isRunning() {
        return state.get() == State.RUNNING && boundPort > 0;
    }

    /**
     * The port the server listens on: the configured one, or the one the OS chose for port 0.
     *
     * @return the bound port
     * @throws TransportException with {@link TransportErrorCode#ILLEGAL_STATE} before {@link #start()}
     */
    public int port() {
        if (boundPort < 0) {
            throw new TransportException(TransportErrorCode.ILLEGAL_STATE, "new");
        }
        return boundPort;
    }

    /**
     * The endpoint URI of a task on this server, e.g. {@code ws://127.0.0.1:8081/ws/<id>}.
     *
     * @param taskId the task
     * @return the URI (with the configured host, which may be a wildcard address)
     */
    public URI endpoint(TaskId taskId) {
        return URI.create("ws://" + hostForUri(host) + ':' + port() + PATH_PREFIX + taskId.value());
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? '[' + host + ']' : host;
    }

    /** The token service that checks subscriptions (use it to issue tokens to submitters). */
    public TaskTokens tokens() {
        return hub.tokens();
    }

    /** Current resource counts. */
    public TransportStats stats() {
        return hub.stats();
    }

    /** The Java-WebSocket server: handshake checks and callbacks into {@link Connection}. */
    private final class Endpoint extends WebSocketServer {
        Endpoint(InetSocketAddress address, int ioThreads, List<Draft> drafts) {
            super(address, ioThreads, drafts);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                           ClientHandshake request)
                throws InvalidDataException {
            if (taskPath(request.getResourceDescriptor()) == null) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "not a task endpoint");
            }
            String origin = request.getFieldValue("Origin");
            if (origin != null && !origin.isEmpty() && !allowedOrigins.contains(origin)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "origin not allowed");
            }
            return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String id = taskPath(handshake.getResourceDescriptor());
            if (socketSendBufferBytes > 0 && conn instanceof org.java_websocket.WebSocketImpl impl
                    && impl.getChannel() instanceof java.nio.channels.SocketChannel channel) {
                try {
                    channel.socket().setSendBufferSize(socketSendBufferBytes);
                } catch (java.net.SocketException e) {
                    LOG.debug("cannot set the send buffer of {}", conn.getRemoteSocketAddress(), e);
                }
            }
            EventStream s = hub.open(new Connection(conn), id);
            conn.setAttachment(s);
            if (state.get() != State.RUNNING) {
                s.closeNow(CloseCode.GOING_AWAY); // accepted while stopping
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            EventStream s = conn.getAttachment();
            if (s != null) {
                s.release();
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            EventStream s = conn.getAttachment();
            if (s != null) {
                s.onClientText(message);
            }
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            EventStream s = conn.getAttachment();
            if (s != null) {
                s.onClientBinary();
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                if (started.getCount() > 0) {
                    startFailure.compareAndSet(null, ex);
                    started.countDown();
                } else {
                    LOG.error("task event server failed", ex);
                }
            } else {
                LOG.debug("connection {} failed", conn.getRemoteSocketAddress(), ex);
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        void joinWorkers(long millis) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            if (decoders != null) {
                for (Thread t : decoders) {
                    t.interrupt();
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
                }
            }
        }
    }

    /** The task id of a {@code /ws/{taskId}} resource (query ignored), or {@code null} for another path. */
    static String taskPath(String resource) {
        if (resource == null || !resource.startsWith(PATH_PREFIX)) {
            return null;
        }
        String rest = resource.substring(PATH_PREFIX.length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        return rest.isEmpty() || rest.indexOf('/') >= 0 ? null : rest;
    }

    /**
     * Settings of a {@link WebSocketTransport}; validated in {@link #build()}, which names the bad option and
     * the accepted range.
     */
    public static final class Builder extends TransportBuilder<Builder, WebSocketTransport> {
        /** Default host: loopback only, so nothing is exposed by accident; use {@code 0.0.0.0} to listen on all. */
        public static final String DEFAULT_HOST = "127.0.0.1";
        /** Default port: {@code 0}, the OS picks a free port; read it from {@link WebSocketTransport#port()}. */
        public static final int DEFAULT_PORT = 0;
        /** Default wait for the first message, from the protocol (10 s). */
        public static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
        /** Default silence after which a heartbeat is sent while the task has not ended, from the protocol (2 s). */
        public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
        /** Default largest client frame: client messages are a few hundred bytes (a token is about 60). */
        public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024;
        /**
         * Default ping interval for dead-peer detection: Java-WebSocket pings every interval and drops a peer
         * silent for 1.5 intervals, so a dead peer is released within 4.5 to 7.5 s, while a live client on a
         * slow or busy link has more than a second to answer.
         */
        public static final Duration DEFAULT_CONNECTION_LOST_TIMEOUT = Duration.ofSeconds(3);
        /** Default socket I/O threads: frames are small and encoding happens on the engine's threads. */
        public static final int DEFAULT_IO_THREADS = Math.max(1,
                Math.min(4, Runtime.getRuntime().availableProcessors()));

        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration subscribeTimeout = DEFAULT_SUBSCRIBE_TIMEOUT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private Duration connectionLostTimeout = DEFAULT_CONNECTION_LOST_TIMEOUT;
        private int ioThreads = DEFAULT_IO_THREADS;
        private int socketSendBufferBytes;

        private Builder(TaskEngine engine) {
            super(engine, DEFAULT_HEARTBEAT_INTERVAL, Duration.ofMinutes(5), "eto-ws");
        }

        /**
         * The address to listen on.
         *
         * @param host a host name or IP literal (default {@link #DEFAULT_HOST})
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to listen on.
         *
         * @param port {@code 0..65535}; {@code 0} lets the OS choose (default {@link #DEFAULT_PORT})
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * How long a new connection may take to send its {@code subscribe} message before it is closed with 4408.
         *
         * @param timeout {@code 10 ms .. 5 min} (default {@link #DEFAULT_SUBSCRIBE_TIMEOUT})
         * @return this builder
         */
        public Builder subscribeTimeout(Duration timeout) {
            this.subscribeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The largest frame accepted from a client; a larger one closes the connection with 1009 before its
         * payload is buffered.
         *
         * @param bytes {@code 256 .. 1 MiB} (default {@link #DEFAULT_MAX_FRAME_BYTES})
         * @return this builder
         */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * Dead-peer detection: a WebSocket ping is sent every interval, and a peer that did not answer for 1.5
         * intervals is disconnected and its resources released.
         *
         * @param timeout whole seconds, {@code 1 s .. 1 h} (default {@link #DEFAULT_CONNECTION_LOST_TIMEOUT})
         * @return this builder
         */
        public Builder connectionLostTimeout(Duration timeout) {
            this.connectionLostTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Socket I/O threads (Java-WebSocket decoders), besides its one selector thread.
         *
         * @param threads {@code 1..64} (default {@link #DEFAULT_IO_THREADS})
         * @return this builder
         */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /**
         * The kernel send buffer of each accepted socket ({@code SO_SNDBUF}); {@code 0} leaves the operating
         * system's default and its automatic tuning. Package-private: tests bound how much a stalled reader's
         * kernel buffers absorb, so that the outbox, not the kernel, decides when a connection is backed up.
         *
         * @param bytes {@code 0} or {@code 1 KiB .. 16 MiB} (the kernel may round it, e.g. Linux doubles it)
         * @return this builder
         */
        Builder socketSendBufferBytes(int bytes) {
            this.socketSendBufferBytes = bytes;
            return this;
        }

        /**
         * Validates the settings and creates the transport (not yet listening: call {@link #start()}).
         *
         * @return the transport
         * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} naming a bad option
         */
        public WebSocketTransport build() {
            if (host.isBlank()) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "host", host,
                        "a host name or IP address");
            }
            checkSharedOptions();
            check("port", port, 0, 65_535);
            check("maxFrameBytes", maxFrameBytes, 256, 1 << 20);
            check("ioThreads", ioThreads, 1, 64);
            if (socketSendBufferBytes != 0) {
                check("socketSendBufferBytes", socketSendBufferBytes, 1024, 16 << 20);
            }
            check("subscribeTimeout", subscribeTimeout, Duration.ofMillis(10), Duration.ofMinutes(5));
            check("connectionLostTimeout", connectionLostTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
            if (connectionLostTimeout.toNanos() % 1_000_000_000L != 0) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "connectionLostTimeout",
                        connectionLostTimeout, "whole seconds");
            }
            return new WebSocketTransport(this, allowedOrigins(), newHub(subscribeTimeout, maxFrameBytes));
        }
    }
}
