package org.eto4j.transport.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;

/** An engine, a transport and a server with the transport mounted, with short timeouts for tests. */
final class Fixture implements AutoCloseable {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII);

    final TaskEngine engine;
    final SseTransport transport;
    final Server server;
    private final java.util.List<CountDownLatch> gates = new java.util.concurrent.CopyOnWriteArrayList<>();

    Fixture(Server.Kind kind) {
        this(kind, b -> { });
    }

    Fixture(Server.Kind kind, Consumer<SseTransport.Builder> custom) {
        this(kind, custom, Duration.ofSeconds(30));
    }

    Fixture(Server.Kind kind, Consumer<SseTransport.Builder> custom, Duration jettyIdleTimeout) {
        this(kind, custom, jettyIdleTimeout, UnaryOperator.identity());
    }

    /** @param served what the transport sees of the engine (e.g. a wrapper that fails) */
    Fixture(Server.Kind kind, Consumer<SseTransport.Builder> custom, Duration jettyIdleTimeout,
            UnaryOperator<TaskEngine> served) {
        engine = TaskEngine.builder().workers(4).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(5))
                .threadNamePrefix("test-engine").build();
        SseTransport.Builder b = SseTransport.builder(served.apply(engine)).tokenKey(KEY).threadNamePrefix("test-sse");
        custom.accept(b);
        transport = b.build().start();
        server = kind.start(transport, jettyIdleTimeout);
    }

    String token(TaskId id) {
        return transport.tokens().issue(id);
    }

    java.net.URI uri(TaskId id) {
        return server.uri(id.value());
    }

    /** {@code uri(id)?token=…}. */
    java.net.URI uriWithToken(TaskId id) {
        return java.net.URI.create(uri(id) + "?token=" + token(id));
    }

    /** A task that reports {@code steps} progress units, waiting at the gate before the last half, then returns. */
    TaskId submitGated(CountDownLatch gate, int steps, Object result) {
        gates.add(gate);
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

    @Override
    public void close() {
        gates.forEach(CountDownLatch::countDown); // tasks end at once instead of at the shutdown deadline
        transport.stop();
        server.close();
        engine.shutdown(Duration.ofSeconds(5));
    }
}
