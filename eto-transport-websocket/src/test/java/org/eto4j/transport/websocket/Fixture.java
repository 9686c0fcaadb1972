package org.eto4j.transport.websocket;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;

/** An engine and a transport on an ephemeral loopback port, with short timeouts for tests. */
final class Fixture implements AutoCloseable {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final TaskEngine engine;
    final WebSocketTransport transport;

    Fixture() {
        this(b -> { });
    }

    Fixture(Consumer<WebSocketTransport.Builder> custom) {
        engine = TaskEngine.builder().workers(8).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(5))
                .threadNamePrefix("test-engine").build();
        WebSocketTransport.Builder b = WebSocketTransport.builder(engine).tokenKey(KEY)
                .subscribeTimeout(Duration.ofSeconds(5)).threadNamePrefix("test-ws");
        custom.accept(b);
        transport = b.build().start();
    }

    String token(TaskId id) {
        return transport.tokens().issue(id);
    }

    java.net.URI uri(TaskId id) {
        return transport.endpoint(id);
    }

    java.net.URI base() {
        return java.net.URI.create("ws://127.0.0.1:" + transport.port());
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
        CountDownLatch never = new CountDownLatch(1);
        never.await(2, TimeUnit.MILLISECONDS);
        ctx.throwIfCancellationRequested();
    }

    static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("WebSocketSelector") || n.startsWith("WebSocketWorker")
                        || n.startsWith("connectionLostChecker") || n.startsWith("test-ws"))
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        transport.stop();
        engine.shutdown(Duration.ofSeconds(5));
    }
}
