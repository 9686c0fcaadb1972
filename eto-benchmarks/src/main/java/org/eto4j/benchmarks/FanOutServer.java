package org.eto4j.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TaskUpdateListener;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.eto4j.transport.sse.SseServlet;
import org.eto4j.transport.sse.SseTransport;
import org.eto4j.transport.websocket.TaskEventClient;
import org.eto4j.transport.websocket.WebSocketTransport;

/**
 * One transport under measurement in {@link FanOutBenchmark}: the server, started on a loopback port with the
 * benchmark's engine, and how a subscriber connects to it. Every transport gets the same settings: its defaults,
 * except timeouts long enough for 1,000 clients to connect on two busy cores.
 */
abstract class FanOutServer {
    /** How long a connection may take to subscribe, and the clients' connect timeout. */
    static final Duration CONNECT_WAIT = Duration.ofMinutes(1);
    /** Idle timeouts of clients and containers: far above the heartbeat interval, so heartbeats never matter. */
    static final Duration IDLE = Duration.ofMinutes(5);
    /** The servers' accept queue: 1,000 clients connect at once, and a full queue would delay them by seconds. */
    static final int ACCEPT_QUEUE = 1024;
    /** Where the SSE adapters are mounted. */
    static final String SSE_PATH = "/events";

    /** The task tokens every transport is built with. */
    final TaskTokens tokens = TaskTokens.builder().key(TaskTokens.generateKey()).build();

    /**
     * Starts the named transport.
     *
     * @param name   {@code websocket}, {@code jakarta}, {@code sse-jdk} or {@code sse-servlet}
     * @param engine the engine whose tasks it serves
     * @return the running server
     * @throws Exception if it cannot start
     */
    static FanOutServer start(String name, TaskEngine engine) throws Exception {
        return switch (name) {
            case "websocket" -> new StandaloneWebSocket(engine);
            case "jakarta" -> new JakartaInJetty(engine);
            case "sse-jdk" -> new SseInJdkHttpServer(engine);
            case "sse-servlet" -> new SseServletInJetty(engine);
            default -> throw new IllegalArgumentException("transport must be one of websocket, jakarta, sse-jdk, "
                    + "sse-servlet; got " + name);
        };
    }

    /**
     * Connects one subscriber to a task's stream.
     *
     * @param http     the client every subscriber shares
     * @param id       the task
     * @param listener receives the subscriber's updates
     * @return the subscriber; closing it disconnects
     */
    abstract AutoCloseable subscribe(HttpClient http, TaskId id, TaskUpdateListener listener);

    /** Stops the server (the open streams end with 1001). */
    abstract void stop();

    /** Protocol v1 over WebSocket ({@code /ws/{taskId}}), followed by {@link TaskEventClient}s. */
    private abstract static class WebSocketServer extends FanOutServer {
        /**
         * The server's address, {@code ws://127.0.0.1:port}; the client appends {@code /ws/{taskId}}.
         *
         * @return the address
         */
        abstract URI base();

        @Override
        AutoCloseable subscribe(HttpClient http, TaskId id, TaskUpdateListener listener) {
            return TaskEventClient.builder(base(), id, tokens.issue(id)).httpClient(http).connectTimeout(CONNECT_WAIT)
                    .idleTimeout(IDLE).listener(listener).connect();
        }
    }

    /** {@link WebSocketTransport}: the standalone server on its own port. */
    private static final class StandaloneWebSocket extends WebSocketServer {
        private final WebSocketTransport transport;

        StandaloneWebSocket(TaskEngine engine) {
            transport = WebSocketTransport.builder(engine).tokens(tokens).connectionLostTimeout(Duration.ofSeconds(60))
                    .subscribeTimeout(CONNECT_WAIT).threadNamePrefix("bench-ws").build().start();
        }

        @Override
        URI base() {
            return URI.create("ws://127.0.0.1:" + transport.port());
        }

        @Override
        void stop() {
            transport.stop();
        }
    }

    /** Protocol v1 over Server-Sent Events, followed by {@link SseClient}s. */
    private abstract static class SseServer extends FanOutServer {
        private final ProtocolV1 protocol = ProtocolV1.defaults();

        /**
         * The stream of a task.
         *
         * @param id the task
         * @return {@code http://127.0.0.1:port/<path>/<id>}
         */
        abstract URI endpoint(TaskId id);

        @Override
        AutoCloseable subscribe(HttpClient http, TaskId id, TaskUpdateListener listener) {
            return SseClient.open(http, endpoint(id), tokens.issue(id), protocol, listener, CONNECT_WAIT);
        }
    }

    /** {@link JakartaWebSocketTransport}'s endpoint in embedded Jetty 12 (ee10), context {@code /}. */
    private static final class JakartaInJetty extends WebSocketServer {
        private final JakartaWebSocketTransport transport;
        private final Server jetty;
        private final ServerConnector connector;

        JakartaInJetty(TaskEngine engine) throws Exception {
            transport = JakartaWebSocketTransport.builder(engine).tokens(tokens).subscribeTimeout(CONNECT_WAIT)
                    .threadNamePrefix("bench-jakarta").build();
            jetty = new Server();
            connector = connector(jetty);
            ServletContextHandler context = new ServletContextHandler("/");
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
                container.setDefaultMaxSessionIdleTimeout(IDLE.toMillis());
                container.addEndpoint(transport.endpointConfig());
            });
            jetty.setHandler(context);
            jetty.start();
        }

        @Override
        URI base() {
            return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
        }

        @Override
        void stop() {
            transport.stop();
            stopJetty(jetty);
        }
    }

    /** {@link SseTransport} through its {@code HttpServer} adapter, on the server's default executor. */
    private static final class SseInJdkHttpServer extends SseServer {
        private final SseTransport transport;
        private final HttpServer http;

        SseInJdkHttpServer(TaskEngine engine) throws Exception {
            transport = SseTransport.builder(engine).tokens(tokens).threadNamePrefix("bench-sse").build().start();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), ACCEPT_QUEUE);
            http.createContext(SSE_PATH, transport.httpHandler());
            http.start();
        }

        @Override
        URI endpoint(TaskId id) {
            return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + SSE_PATH + "/" + id);
        }

        @Override
        void stop() {
            transport.stop();
            http.stop(0);
        }
    }

    /** {@link SseServlet} (async, non-blocking output) in embedded Jetty 12 (ee10). */
    private static final class SseServletInJetty extends SseServer {
        private final SseTransport transport;
        private final Server jetty;
        private final ServerConnector connector;

        SseServletInJetty(TaskEngine engine) throws Exception {
            transport = SseTransport.builder(engine).tokens(tokens).threadNamePrefix("bench-sse").build().start();
            jetty = new Server();
            connector = connector(jetty);
            ServletContextHandler context = new ServletContextHandler("/");
            ServletHolder holder = new ServletHolder(new SseServlet(transport));
            holder.setAsyncSupported(true);
            context.addServlet(holder, SSE_PATH + "/*");
            jetty.setHandler(context);
            jetty.start();
        }

        @Override
        URI endpoint(TaskId id) {
            return URI.create("http://127.0.0.1:" + connector.getLocalPort() + SSE_PATH + "/" + id);
        }

        @Override
        void stop() {
            transport.stop();
            stopJetty(jetty);
        }
    }

    /** A loopback connector on a free port, with the accept queue and idle timeout above. */
    private static ServerConnector connector(Server jetty) {
        ServerConnector c = new ServerConnector(jetty);
        c.setHost("127.0.0.1");
        c.setPort(0);
        c.setAcceptQueueSize(ACCEPT_QUEUE);
        c.setIdleTimeout(IDLE.toMillis());
        jetty.addConnector(c);
        return c;
    }

    private static void stopJetty(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
