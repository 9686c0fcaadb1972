package org.eto4j.transport.jakarta;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;

/** An engine, a transport and an embedded Jetty 12 (ee10) on an ephemeral loopback port that mounts it. */
final class JettyFixture implements AutoCloseable {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII);
    static final String THREAD_PREFIX = "test-jws";

    final TaskEngine engine;
    final JakartaWebSocketTransport transport;
    final Server server;
    final int port;

    JettyFixture() {
        this(b -> { });
    }

    JettyFixture(Consumer<JakartaWebSocketTransport.Builder> custom) {
        this(UnaryOperator.identity(), custom);
    }

    /** A fixture whose transport serves {@code served.apply(engine)}, e.g. an engine that fails. */
    JettyFixture(UnaryOperator<TaskEngine> served, Consumer<JakartaWebSocketTransport.Builder> custom) {
        engine = TaskEngine.builder().workers(8).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(5))
                .threadNamePrefix("test-engine").build();
        JakartaWebSocketTransport.Builder b = JakartaWebSocketTransport.builder(served.apply(engine)).tokenKey(KEY)
                .subscribeTimeout(Duration.ofSeconds(5)).threadNamePrefix(THREAD_PREFIX);
        custom.accept(b);
        transport = b.build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(transport.endpointConfig()));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        port = connector.getLocalPort();
    }

    String token(TaskId id) {
        return transport.tokens().issue(id);
    }

    URI base() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    URI uri(TaskId id) {
        return base().resolve("/ws/" + id.value());
    }

    /** A task that reports {@code steps} progress units, waiting at the gate before the last half, then returns. */
    TaskId submitGated(CountDownLatch gate, int steps, Object result) {
        return engine.submit(ctx -> {
            ctx.stage(Stage.COMPUTE, "station-A");
            ctx.total(steps);
            for (int i = 0; i < steps; i++) {
                if (i == steps / 2) {
                    await(gate, ctx);
                }
                ctx.advance(1);
                pause(ctx);
            }
            return TaskResult.of(result);
        });
    }

    TaskId submitFailing(CountDownLatch gate) {
        return engine.submit(ctx -> {
            await(gate, ctx);
            throw TaskFailure.permanent("ETO-1001", "error.input.missing", "tmax", 3);
        });
    }

    static void await(CountDownLatch gate, TaskContext ctx) throws InterruptedException {
        while (!gate.await(10, TimeUnit.MILLISECONDS)) {
            ctx.throwIfCancellationRequested();
        }
    }

    /** Lets the engine's ticker publish each step (publish interval 0, tick 5 ms). */
    static void pause(TaskContext ctx) throws InterruptedException {
        new CountDownLatch(1).await(2, TimeUnit.MILLISECONDS);
        ctx.throwIfCancellationRequested();
    }

    /** The live threads of the transport (timer, closers). */
    static Set<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(THREAD_PREFIX)).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        transport.stop();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        engine.shutdown(Duration.ofSeconds(5));
    }
}
