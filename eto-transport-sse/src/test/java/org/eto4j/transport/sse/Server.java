package org.eto4j.transport.sse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;

/** A real HTTP server on an ephemeral loopback port with the transport mounted at {@code /events}. */
abstract class Server implements AutoCloseable {
    /** The adapters under test. */
    enum Kind {
        JDK, JETTY;

        Server start(SseTransport transport) {
            return start(transport, Duration.ofSeconds(30));
        }

        /** @param idleTimeout Jetty's connector idle timeout (ignored by the JDK server) */
        Server start(SseTransport transport, Duration idleTimeout) {
            return this == JDK ? new Jdk(transport) : new Jetty(transport, idleTimeout);
        }
    }

    abstract int port();

    /** {@code http://127.0.0.1:<port>/events/<taskId>}. */
    URI uri(String taskId) {
        return URI.create("http://127.0.0.1:" + port() + "/events/" + taskId);
    }

    @Override
    public abstract void close();

    static final class Jdk extends Server {
        final HttpServer http;

        Jdk(SseTransport transport) {
            try {
                http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            http.createContext("/events", transport.httpHandler());
            http.start();
        }

        @Override
        int port() {
            return http.getAddress().getPort();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }

    static final class Jetty extends Server {
        final org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
        final ServerConnector connector = new ServerConnector(jetty);

        Jetty(SseTransport transport, Duration idleTimeout) {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            connector.setIdleTimeout(idleTimeout.toMillis());
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            ServletHolder holder = new ServletHolder(new SseServlet(transport));
            holder.setAsyncSupported(true);
            context.addServlet(holder, "/events/*");
            jetty.setHandler(context);
            try {
                jetty.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() {
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
