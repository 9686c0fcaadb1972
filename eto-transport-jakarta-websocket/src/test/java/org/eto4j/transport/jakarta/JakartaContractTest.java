package org.eto4j.transport.jakarta;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.testkit.ContractSettings;
import org.eto4j.transport.testkit.TransportContract;
import org.eto4j.transport.testkit.TransportUnderTest;

/** The transport contract, run against the Jakarta WebSocket endpoint in embedded Jetty 12 (ee10). */
class JakartaContractTest extends TransportContract {
    /** Accept backlog: room for the contract's clients connecting at once. */
    private static final int BACKLOG = 1024;

    @Override
    protected TransportUnderTest.Kind kind() {
        return TransportUnderTest.Kind.WEBSOCKET;
    }

    @Override
    protected TransportUnderTest start(TaskEngine engine, TaskTokens tokens, ContractSettings settings) {
        JakartaWebSocketTransport transport = JakartaWebSocketTransport.builder(engine).tokens(tokens)
                .heartbeatInterval(settings.heartbeatInterval())
                .outboxCapacity(settings.outboxCapacity())
                .slowConsumerTimeout(settings.slowConsumerTimeout())
                .subscribeTimeout(settings.subscribeTimeout())
                .allowedOrigins(settings.allowedOrigins())
                .threadNamePrefix("contract-jws")
                .build();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(BACKLOG);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        jetty.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(transport.endpointConfig()));
        try {
            jetty.start();
        } catch (Exception e) {
            transport.stop();
            throw new IllegalStateException("Jetty did not start", e);
        }
        int port = connector.getLocalPort();
        AtomicBoolean stopped = new AtomicBoolean();
        return TransportUnderTest.of(id -> URI.create("ws://127.0.0.1:" + port + "/ws/" + id), transport::stats,
                () -> {
                    if (stopped.compareAndSet(false, true)) {
                        transport.stop(); // every session closed with 1001 first
                        try {
                            jetty.stop();
                        } catch (Exception e) {
                            throw new IllegalStateException("Jetty did not stop", e);
                        }
                    }
                });
    }
}
