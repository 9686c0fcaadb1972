package org.eto4j.examples.webapp;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.jakarta.JakartaWebSocketTransport;
import org.eto4j.transport.sse.SseServlet;
import org.eto4j.transport.sse.SseTransport;

/**
 * The live updates of tasks on the HTTP port: the WebSocket at {@code /ws/{taskId}} (eto-transport-jakarta-websocket)
 * and the event stream at {@code /api/v1/events/{taskId}} (eto-transport-sse), with the REST API's tokens and the
 * status answer's codec, so that every channel gives a client the same frames.
 *
 * <p>The container holds one endpoint registration and one servlet, which hand each connection to the current
 * transports: {@link #restart()} can then end every stream (close 1001) and serve new ones without touching the
 * container. The endpoint's {@code Origin} check is left to {@link OriginGuard}, in front of the container, which
 * knows the request's own scheme and host (the same-origin rule) and its trusted proxies.
 */
final class LiveUpdates implements AutoCloseable {
    private final TaskEngine engine;
    private final TaskTokens tokens;
    private final ProtocolV1 protocol;
    private final Origins origins;
    private volatile JakartaWebSocketTransport webSocket;
    private volatile SseTransport events;
    private volatile SseServlet eventsServlet;

    LiveUpdates(TaskEngine engine, TaskTokens tokens, ProtocolV1 protocol, Origins origins) {
        this.engine = engine;
        this.tokens = tokens;
        this.protocol = protocol;
        this.origins = origins;
        start();
    }

    private void start() {
        webSocket = JakartaWebSocketTransport.builder(engine)
                .path(Links.WEBSOCKET + "{taskId}")
                .tokens(tokens)
                .protocol(protocol)
                .threadNamePrefix("eto-webapp-ws")
                .build();
        SseTransport sse = SseTransport.builder(engine)
                .tokens(tokens)
                .protocol(protocol)
                .allowedOrigins(origins.fixed())
                .threadNamePrefix("eto-webapp-sse")
                .build()
                .start();
        eventsServlet = new SseServlet(sse);
        events = sse;
    }

    /** What to register with the container: {@code container.addEndpoint(liveUpdates.endpointConfig())}. */
    ServerEndpointConfig endpointConfig() {
        return new CurrentEndpoint(webSocket.endpointConfig());
    }

    /** The event stream's servlet, to map at {@code /api/v1/events/*} with async support. */
    HttpServlet eventsServlet() {
        return new CurrentEvents();
    }

    /**
     * Ends every WebSocket and event stream from the server side (close 1001, as in a restart of the server) and
     * serves new ones at once; clients reconnect and resume from their last sequence number.
     */
    synchronized void restart() {
        stop();
        start();
    }

    /** Connections, subscriptions and queued frames of both channels together. */
    TransportStats stats() {
        TransportStats w = webSocket.stats();
        TransportStats s = events.stats();
        return new TransportStats(w.openConnections() + s.openConnections(),
                w.openSubscriptions() + s.openSubscriptions(), w.queuedFrames() + s.queuedFrames(),
                w.bufferedFrames() + s.bufferedFrames(), w.slowConsumerCloses() + s.slowConsumerCloses(),
                w.framesSent() + s.framesSent());
    }

    /** The WebSocket channel's counts (of the transport serving now: {@link #restart()} starts them anew). */
    TransportStats webSocketStats() {
        return webSocket.stats();
    }

    /** The event stream's counts (of the transport serving now: {@link #restart()} starts them anew). */
    TransportStats eventStreamStats() {
        return events.stats();
    }

    /** Ends every stream with 1001 and stops the transports' threads; the container is not touched. */
    synchronized void stop() {
        try {
            webSocket.stop();
        } finally {
            events.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The event stream of the current transport. */
    private final class CurrentEvents extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            eventsServlet.service((jakarta.servlet.ServletRequest) req, resp);
        }
    }

    /** The transport's endpoint, with each connection handed to the current transport. */
    private final class CurrentEndpoint implements ServerEndpointConfig {
        private final ServerEndpointConfig first;
        private final Configurator configurator = new Configurator() {
            @Override
            public boolean checkOrigin(String originHeaderValue) {
                return true;   // OriginGuard has refused every handshake from an origin that is not allowed
            }

            @Override
            public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
                return webSocket.endpointConfig().getConfigurator().getEndpointInstance(endpointClass);
            }

            @Override
            public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
                return webSocket.endpointConfig().getConfigurator().getNegotiatedSubprotocol(supported, requested);
            }

            @Override
            public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
                return webSocket.endpointConfig().getConfigurator().getNegotiatedExtensions(installed, requested);
            }

            @Override
            public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                    HandshakeResponse response) {
                webSocket.endpointConfig().getConfigurator().modifyHandshake(sec, request, response);
            }
        };

        CurrentEndpoint(ServerEndpointConfig first) {
            this.first = first;
        }

        @Override
        public Class<?> getEndpointClass() {
            return first.getEndpointClass();
        }

        @Override
        public String getPath() {
            return first.getPath();
        }

        @Override
        public List<String> getSubprotocols() {
            return first.getSubprotocols();
        }

        @Override
        public List<Extension> getExtensions() {
            return first.getExtensions();
        }

        @Override
        public Configurator getConfigurator() {
            return configurator;
        }

        @Override
        public List<Class<? extends Encoder>> getEncoders() {
            return first.getEncoders();
        }

        @Override
        public List<Class<? extends Decoder>> getDecoders() {
            return first.getDecoders();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return first.getUserProperties();
        }
    }
}
