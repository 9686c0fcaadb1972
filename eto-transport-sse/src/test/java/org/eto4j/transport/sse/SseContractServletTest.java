package org.eto4j.transport.sse;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.testkit.ContractSettings;
import org.eto4j.transport.testkit.TransportContract;
import org.eto4j.transport.testkit.TransportUnderTest;

/** The transport contract, run against {@link SseServlet} (async, non-blocking output) in embedded Jetty 12 ee10. */
class SseContractServletTest extends TransportContract {
    /** Accept backlog: room for the contract's clients connecting at once. */
    private static final int BACKLOG = 1024;

    @Override
    protected TransportUnderTest.Kind kind() {
        return TransportUnderTest.Kind.SSE;
    }

    @Override
    protected TransportUnderTest start(TaskEngine engine, TaskTokens tokens, ContractSettings settings) {
        SseTransport sse = SseTransport.builder(engine).tokens(tokens)
                .heartbeatInterval(settings.heartbeatInterval())
                .outboxCapacity(settings.outboxCapacity())
                .slowConsumerTimeout(settings.slowConsumerTimeout())
                .allowedOrigins(settings.allowedOrigins())
                .threadNamePrefix("contract-sse")
                .build()
                .start();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(BACKLOG);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(new SseServlet(sse));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/events/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            sse.stop();
            throw new IllegalStateException("Jetty did not start", e);
        }
        int port = connector.getLocalPort();
        AtomicBoolean stopped = new AtomicBoolean();
        return TransportUnderTest.of(id -> URI.create("http://127.0.0.1:" + port + "/events/" + id), sse::stats,
                () -> {
                    if (stopped.compareAndSet(false, true)) {
                        sse.stop(); // every stream ends with event close 1001 first
                        try {
                            jetty.stop();
                        } catch (Exception e) {
                            throw new IllegalStateException("Jetty did not stop", e);
                        }
                    }
                });
    }
}
