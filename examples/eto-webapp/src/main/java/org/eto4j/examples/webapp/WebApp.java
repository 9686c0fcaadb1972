package org.eto4j.examples.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpServer;

import org.eto4j.i18n.Messages;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.sources.EtoTask;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.websocket.WebSocketTransport;

/**
 * The example web application: an HTTP server (JDK {@code com.sun.net.httpserver}) with the page and the
 * REST API, an eto-progress task engine that runs the calculations on the memory or the PostgreSQL store,
 * and eto-i18n for every text. Results are the tasks' results as the store keeps them.
 *
 * <pre>{@code
 * try (WebApp app = WebApp.start(WebAppConfig.defaults().withPorts(0, 0))) {
 *     System.out.println(app.baseUri());   // http://localhost:PORT/
 * }
 * }</pre>
 */
public final class WebApp implements AutoCloseable {
    /** HTTP request threads: requests are short (the calculations run on the engine's workers). */
    static final int HTTP_THREADS = 8;
    /** How long {@link #close()} lets running calculations finish before cancelling them. */
    static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(5);
    /**
     * Most result rows the memory store keeps over all finished calculations (the oldest results go first):
     * it keeps this many divided by {@code --max-rows} finished tasks, at least {@link #MIN_FINISHED_KEPT}.
     */
    static final long MAX_RESULT_ROWS = 5_000_000;
    /** Fewest finished tasks the memory store keeps, however large {@code --max-rows} is. */
    static final long MIN_FINISHED_KEPT = 16;
    /**
     * Largest result sent inline in a WebSocket message or status answer (the transport's default); larger
     * ones, such as a few years of daily rows, are given as {@code resultUrl} (the page always reads the
     * result endpoint).
     */
    static final int MAX_INLINE_RESULT_BYTES = WebSocketTransport.Builder.DEFAULT_MAX_INLINE_RESULT_BYTES;

    private final WebAppConfig config;
    private final TaskStores stores;
    private final TaskEngine engine;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ObjectMapper json;
    private final TaskTokens tokens;
    private final Set<String> allowedOrigins;
    private volatile WebSocketTransport transport;
    private volatile int webSocketPort;

    private WebApp(WebAppConfig config) throws IOException {
        this.config = config;
        Clock clock = Clock.systemUTC();
        Messages messages = Messages.builder()
                .addBundle("org/eto4j/examples/webapp/messages", WebApp.class.getClassLoader())
                .build();
        this.json = new ObjectMapper();
        // The HTTP port first: a node that cannot listen must not start claiming other nodes' queued tasks.
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.httpPort()), 64);
        // The memory store keeps a result as long as its token lives; the PostgreSQL store keeps it
        // (retainFinished, 7 days), so a token's holder can read it until the token expires.
        long finishedKept = Math.max(MIN_FINISHED_KEPT, MAX_RESULT_ROWS / config.maxRows());
        try {
            this.stores = TaskStores.open(config, json, finishedKept);
        } catch (RuntimeException e) {
            http.stop(0);
            throw e;
        }
        LocationCalculations locations = new LocationCalculations(config);
        TaskEngine started;
        try {
            // Registered types only: the PostgreSQL store's queue is shared, and a task must be re-creatable
            // from its type and parameters by any node, also after a restart.
            started = TaskEngine.builder()
                    .store(stores.store())
                    .nodeId(stores.nodeId())
                    .workers(config.workers())
                    .threadNamePrefix("eto-webapp")
                    .taskType(ApiHandler.TASK_TYPE, CalculationTask.factory(config.demoDelayPerRowMicros()))
                    .taskType(EtoTask.TYPE, locations.taskFactory())
                    .build();
        } catch (RuntimeException e) {
            http.stop(0);
            stores.close();
            throw e;
        }
        this.engine = started;
        // One key for the REST API and the WebSocket transport: both check the same task tokens. A configured
        // key makes tokens valid after a restart and on every node that shares it.
        byte[] key = config.tokenKeyBytes().orElseGet(TaskTokens::generateKey);
        this.tokens = TaskTokens.builder().key(key).ttl(config.tokenTtl()).clock(clock).build();
        RateLimiter limiter = new RateLimiter(config.submissionsPerMinute(), Ticker.systemTicker());
        Wire wire = new Wire(json, MAX_INLINE_RESULT_BYTES, WebApp::resultPath);
        this.httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads("eto-webapp-http-"));
        http.setExecutor(httpThreads);
        http.createContext("/api/", new ApiHandler(config, engine, messages, json, tokens, limiter, wire, locations,
                this::webSocketPort, clock));
        http.createContext("/", new StaticHandler());
        http.start();
        this.allowedOrigins = origins(config, httpPort());
        this.webSocketPort = config.webSocketPort();
        try {
            startLiveUpdates();
        } catch (RuntimeException e) {
            http.stop(0);
            httpThreads.shutdownNow();
            // A task claimed meanwhile may finish; one still queued goes back to the shared queue.
            engine.shutdown(SHUTDOWN_DEADLINE);
            stores.close();
            throw e;
        }
    }

    /** The page's own origins, unless configured: the WebSocket refuses pages from anywhere else. */
    private static Set<String> origins(WebAppConfig config, int httpPort) {
        if (!config.allowedOrigins().isEmpty()) {
            return Set.copyOf(config.allowedOrigins());
        }
        Set<String> origins = new LinkedHashSet<>();
        origins.add("http://localhost:" + httpPort);
        origins.add("http://127.0.0.1:" + httpPort);
        origins.add("http://[::1]:" + httpPort);
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) {
            origins.add("http://" + config.host() + ':' + httpPort);
        }
        return origins;
    }

    /** A task's result endpoint, relative to the page: what large results are replaced with. */
    static URI resultPath(TaskId id) {
        return URI.create("/api/v1/tasks/" + id.value() + "/result");
    }

    private void startLiveUpdates() {
        transport = WebSocketTransport.builder(engine)
                .objectMapper(json)
                .largeResults(MAX_INLINE_RESULT_BYTES, WebApp::resultPath)
                .host(config.host())
                .port(webSocketPort)
                .tokens(tokens)
                .allowedOrigins(allowedOrigins)
                .threadNamePrefix("eto-webapp-ws")
                .build()
                .start();
        webSocketPort = transport.port();
    }

    /**
     * Cuts every live-update connection from the server side (close 1001, as in a restart of the WebSocket
     * tier) and listens again on the same port; clients reconnect and resume from their last sequence number.
     */
    synchronized void restartLiveUpdates() {
        transport.stop();
        // The old listening socket may take a moment to be released by the OS: try the same port again.
        for (int attempt = 1; ; attempt++) {
            try {
                startLiveUpdates();
                return;
            } catch (TransportException e) {
                if (attempt == RESTART_ATTEMPTS) {
                    throw e;
                }
                LockSupport.parkNanos(RESTART_PAUSE.toNanos());
            }
        }
    }

    /** Attempts to listen again on the WebSocket port after a restart, {@link #RESTART_PAUSE} apart. */
    static final int RESTART_ATTEMPTS = 50;
    /** Pause between those attempts: 50 x 100 ms covers the transport's own stop timeout. */
    static final Duration RESTART_PAUSE = Duration.ofMillis(100);

    /** Resource counts of the WebSocket transport (connections, subscriptions, queued frames). */
    TransportStats liveUpdateStats() {
        return transport.stats();
    }

    /**
     * Starts the servers.
     *
     * @param config the configuration
     * @return the running application
     * @throws UncheckedIOException when a port cannot be bound
     */
    public static WebApp start(WebAppConfig config) {
        try {
            return new WebApp(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ':' + config.httpPort(), e);
        }
    }

    /** The page's address, e.g. {@code http://localhost:8080/}. */
    public URI baseUri() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("127.0.0.1") ? "localhost" : config.host();
        return URI.create("http://" + host + ':' + httpPort() + '/');
    }

    /** The bound HTTP port. */
    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** The bound WebSocket port. */
    public int webSocketPort() {
        return webSocketPort;
    }

    /** The task engine (for tests that watch the calculations). */
    TaskEngine engine() {
        return engine;
    }

    /** The store's kind and, for PostgreSQL, this node's name. */
    String storeDescription() {
        return stores.description();
    }

    /**
     * Stops accepting requests, lets running calculations finish for a few seconds, stops every thread, then
     * closes the store and its database connections.
     */
    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        transport.stop();
        try {
            engine.shutdown(SHUTDOWN_DEADLINE);
        } finally {
            // With the database down, the engine's shutdown can fail when it hands unstarted tasks back to the
            // shared queue (a store write); the pool and the LISTEN thread must still be closed, or they would
            // keep reconnecting after the app is gone.
            stores.close();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
