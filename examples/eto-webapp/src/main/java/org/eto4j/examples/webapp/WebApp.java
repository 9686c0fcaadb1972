package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eto4j.i18n.Messages;
import org.eto4j.micrometer.PostgresStoreMetrics;
import org.eto4j.micrometer.TaskEngineMetrics;
import org.eto4j.micrometer.TransportMetrics;
import org.eto4j.micrometer.WeatherSourceMetrics;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.sources.EtoTask;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportStats;

/**
 * The example web application: one embedded Jetty server on one port with the page, the REST API, the task
 * WebSocket ({@code /ws/{taskId}}), the task event stream ({@code /api/v1/events/{taskId}}) and the health
 * checks; an eto-progress task engine that runs the calculations on the memory or the PostgreSQL store; and
 * eto-i18n for every text. Ready for a reverse proxy in front (TLS, one origin): see {@link WebAppConfig}'s
 * public base URL and trusted proxies.
 *
 * <pre>{@code
 * try (WebApp app = WebApp.start(WebAppConfig.defaults().withHttpPort(0))) {
 *     System.out.println(app.baseUri());   // http://localhost:PORT/
 * }
 * }</pre>
 */
public final class WebApp implements AutoCloseable {
    /**
     * Most threads of the HTTP server. Requests are short (the calculations run on the engine's workers) and
     * the live-update streams hold no thread while they wait; a few are taken by Jetty's acceptor and selectors.
     * While the database is down a store request holds its thread for up to 2 s (see {@link TaskStores}).
     */
    static final int MAX_HTTP_THREADS = 32;
    /** Threads the HTTP server keeps when idle. */
    static final int MIN_HTTP_THREADS = 4;
    /** How long {@link #close()} lets running calculations finish before cancelling them. */
    static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(5);
    /**
     * Largest result sent inline in a live-update frame or status answer (the protocol's default); larger ones,
     * such as a few years of daily rows, are given as {@code resultUrl} (the page always reads the result
     * endpoint).
     */
    static final int MAX_INLINE_RESULT_BYTES = ProtocolV1.DEFAULT_MAX_INLINE_RESULT_BYTES;

    private final WebAppConfig config;
    private final TaskStores stores;
    private final TaskEngine engine;
    private final Server server;
    private final ServerConnector connector;
    private final LiveUpdates liveUpdates;
    private final Readiness readiness;

    private WebApp(WebAppConfig config) throws IOException {
        this.config = config;
        Clock clock = Clock.systemUTC();
        Messages messages = Messages.builder()
                .addBundle("org/eto4j/examples/webapp/messages", WebApp.class.getClassLoader())
                .build();
        ObjectMapper json = new ObjectMapper();
        QueuedThreadPool threads = new QueuedThreadPool(MAX_HTTP_THREADS, MIN_HTTP_THREADS);
        threads.setName("eto-webapp-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.maxRequestHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // A silent connection (head or body) is closed after the idle timeout; a head still arriving after
        // --request-head-timeout-seconds is closed by RequestHeadDeadline; a body trickled in slower than
        // --min-request-bytes-per-second is cut off by SlowBodyGuard (408). Jetty's NIO connectors hold no thread
        // for a request whose head is still arriving, so slow heads cost a socket and a buffer, not threads.
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        // A bean of the connector: told of every connection, and its sweeper stops with the server.
        connector.addBean(new RequestHeadDeadline(config.requestHeadTimeout()));
        connector.setHost(config.host());
        connector.setPort(config.httpPort());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        // The port first: a node that cannot listen must not start claiming other nodes' queued tasks.
        connector.open();
        // Results are kept at least --result-retention-minutes and then until read (see TaskStores): the memory
        // store refuses new work when full rather than drop one; the PostgreSQL store keeps them for days.
        try {
            this.stores = TaskStores.open(config, json);
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
        LocationCalculations locations = new LocationCalculations(config);
        try {
            // Registered types only: the PostgreSQL store's queue is shared, and a task must be re-creatable
            // from its type and parameters by any node, also after a restart.
            this.engine = TaskEngine.builder()
                    .store(stores.store())
                    .nodeId(stores.nodeId())
                    .workers(config.workers())
                    .threadNamePrefix("eto-webapp")
                    .taskType(ApiServlet.TASK_TYPE, CalculationTask.factory(config.demoDelayPerRowMicros()))
                    .taskType(EtoTask.TYPE, locations.taskFactory())
                    .build();
        } catch (RuntimeException e) {
            connector.close();
            stores.close();
            throw e;
        }
        this.readiness = new Readiness(engine, stores.store());
        try {
            // One key for the REST API, the WebSocket and the event stream: all check the same task tokens. A
            // configured key makes tokens valid after a restart and on every node that shares it.
            byte[] key = config.tokenKeyBytes().orElseGet(TaskTokens::generateKey);
            TaskTokens tokens = TaskTokens.builder().key(key).ttl(config.tokenTtl()).clock(clock).build();
            Links links = new Links(config.publicBaseUrl());
            // One codec for the status answer and both live channels: the same snapshot everywhere.
            ProtocolV1 protocol = ProtocolV1.builder().objectMapper(json)
                    .largeResults(MAX_INLINE_RESULT_BYTES, links::resultUri).build();
            TrustedProxies proxies = TrustedProxies.of(config.trustedProxies());
            Origins origins = Origins.of(config, connector.getLocalPort());
            this.liveUpdates = new LiveUpdates(engine, tokens, protocol, origins);
            RateLimiter limiter = new RateLimiter(config.submissionsPerMinute(), Ticker.systemTicker());
            JsonErrorHandler errors = new JsonErrorHandler(messages, json, config.maxBodyBytes());

            ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.NO_SESSIONS);
            context.addServlet(new ServletHolder("api", new ApiServlet(config, engine, messages, json, tokens,
                    limiter, protocol, links, proxies, locations, clock, stores)), "/api/*");
            ServletHolder events = new ServletHolder("events", liveUpdates.eventsServlet());
            events.setAsyncSupported(true);
            context.addServlet(events, Links.EVENTS + "*");
            context.addServlet(new ServletHolder("health", new HealthServlet(readiness, json)), "/health/*");
            context.addServlet(new ServletHolder("metrics", new MetricsServlet(
                    metrics(engine, stores, liveUpdates, locations))), "/metrics");
            context.addServlet(new ServletHolder("static", new StaticServlet(connectSources(config))), "/");
            context.setErrorHandler(errors);
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
                // WebSocket sessions get the connections' idle timeout (the container's own default is 30 s).
                container.setDefaultMaxSessionIdleTimeout(config.idleTimeout().toMillis());
                container.addEndpoint(liveUpdates.endpointConfig());
            });
            server.setHandler(new SlowBodyGuard(new OriginGuard(context, origins, proxies),
                    config.minRequestBytesPerSecond()));
            server.setErrorHandler(errors);
            server.start();
        } catch (Exception e) {
            abort();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the HTTP server", e);
        }
    }

    /** What the page may connect to besides its own origin: the public base URL's, where it is another. */
    private static String connectSources(WebAppConfig config) {
        if (config.publicBaseUrl().isEmpty()) {
            return "";
        }
        URI base = URI.create(config.publicBaseUrl());
        String authority = base.getRawAuthority();
        boolean tls = base.getScheme().equalsIgnoreCase("https");
        return (tls ? "https://" : "http://") + authority + ' ' + (tls ? "wss://" : "ws://") + authority;
    }

    private void abort() {
        try {
            if (liveUpdates != null) {
                liveUpdates.stop();
            }
            server.stop();
        } catch (Exception ignored) {
            // the start failed already; what could be stopped is
        } finally {
            connector.close();
            // A task claimed meanwhile may finish; one still queued goes back to the shared queue.
            engine.shutdown(SHUTDOWN_DEADLINE);
            stores.close();
        }
    }

    /**
     * The registry behind {@code /metrics}: eto-micrometer's binders for the engine, both live channels, the
     * PostgreSQL store (when it is the store) and the weather sources, plus the JVM's memory, GC and threads.
     */
    private static PrometheusMeterRegistry metrics(TaskEngine engine, TaskStores stores, LiveUpdates live,
                                                   LocationCalculations locations) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new TaskEngineMetrics(engine).bindTo(registry);
        new TransportMetrics("websocket", live::webSocketStats).bindTo(registry);
        new TransportMetrics("sse", live::eventStreamStats).bindTo(registry);
        if (stores.store() instanceof PostgresTaskStore postgres) {
            new PostgresStoreMetrics(postgres).bindTo(registry);
        }
        new WeatherSourceMetrics(locations.weatherSources()).bindTo(registry);
        if (stores.store() instanceof InMemoryTaskStore memory) {
            // How full the memory store is, in result rows (see TaskStores): at capacity, submissions get 503.
            Gauge.builder("eto.webapp.results.held", memory, InMemoryTaskStore::weight).baseUnit("rows")
                    .description("result rows the memory store holds, queued and running tasks' included")
                    .register(registry);
            Gauge.builder("eto.webapp.results.capacity", memory, InMemoryTaskStore::maximumWeight).baseUnit("rows")
                    .description("result rows the memory store holds at most before refusing submissions")
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Cuts every live-update connection from the server side (close 1001, as in a restart of the server) and
     * serves new ones at once; clients reconnect and resume from their last sequence number.
     */
    void restartLiveUpdates() {
        liveUpdates.restart();
    }

    /** Resource counts of the WebSocket and the event stream together (connections, subscriptions, frames). */
    TransportStats liveUpdateStats() {
        return liveUpdates.stats();
    }

    /**
     * Starts the server.
     *
     * @param config the configuration
     * @return the running application
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static WebApp start(WebAppConfig config) {
        try {
            return new WebApp(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ':' + config.httpPort(), e);
        }
    }

    /** The page's address on this machine, e.g. {@code http://localhost:8080/}. */
    public URI baseUri() {
        String host = config.host().equals("0.0.0.0") || config.host().equals("127.0.0.1")
                ? "localhost" : config.host();
        return URI.create("http://" + host + ':' + httpPort() + '/');
    }

    /** The bound HTTP port (the page, the API, the WebSocket and the event stream). */
    public int httpPort() {
        return connector.getLocalPort();
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
     * Stops gracefully: readiness turns DOWN, every WebSocket and event stream is ended with 1001 (clients
     * reconnect elsewhere or later and resume), the server stops accepting requests, running calculations get a
     * few seconds to finish, then every thread stops and the store and its database connections are closed.
     */
    @Override
    public void close() {
        readiness.stopping();
        try {
            liveUpdates.stop();
            server.stop();
        } catch (Exception e) {
            // Stopping a server that failed to stop cleanly: the engine and the store must be closed all the same.
        } finally {
            try {
                engine.shutdown(SHUTDOWN_DEADLINE);
            } finally {
                // With the database down, the engine's shutdown can fail when it hands unstarted tasks back to the
                // shared queue (a store write); the pool and the LISTEN thread must still be closed, or they would
                // keep reconnecting after the app is gone.
                stores.close();
            }
        }
    }
}
