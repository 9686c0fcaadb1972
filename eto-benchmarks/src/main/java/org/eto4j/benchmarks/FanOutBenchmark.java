package org.eto4j.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TaskUpdateListener;
import org.eto4j.transport.websocket.TaskEventClient;
import org.eto4j.transport.websocket.WebSocketTransport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Progress fan-out on loopback, for each transport: one running task, {@link #subscribers} clients following it
 * through one {@link #transport}, all in the benchmark's JVM (so clients and server share the machine's CPUs).
 * <ul>
 *   <li>{@code websocket}: the standalone {@link WebSocketTransport} on its own port;</li>
 *   <li>{@code jakarta}: {@code JakartaWebSocketTransport}'s endpoint in embedded Jetty 12 (ee10);</li>
 *   <li>{@code sse-jdk}: {@code SseTransport} served by the JDK's {@code com.sun.net.httpserver.HttpServer};</li>
 *   <li>{@code sse-servlet}: {@code SseServlet} in embedded Jetty 12 (ee10).</li>
 * </ul>
 * The WebSocket transports are followed by {@link TaskEventClient}s, the SSE transports by the benchmark's
 * {@link SseClient} (one streaming HTTP/1.1 request each); both decode every frame with protocol v1's codec and
 * share one JDK {@link HttpClient}. {@link FanOutServer} starts each server.
 *
 * <p><b>One operation</b> sets the task's progress to a new value ({@link TaskContext#progress(long)}, called by
 * the benchmark thread on the running task's context) and waits until every subscriber's listener has been
 * handed the {@code progress} update carrying that value. It covers: the wait for the engine's next tick (the
 * engine publishes progress only on its ticker; here {@code tickInterval} = 1 ms, the minimum, so 0–1 ms plus
 * timer slack), building the event, dispatch to the transport, encoding the frame once, the {@code N} server
 * outboxes and socket writes (for the container transports: through the container's I/O), loopback TCP, and the
 * JDK clients' reading, decoding and delivery, up to the
 * <em>last</em> subscriber.
 * <ul>
 *   <li>{@link #latency} ({@link Mode#SampleTime}, µs): progress set → last subscriber received it; JMH's
 *       percentiles give p50 and p99;</li>
 *   <li>{@link #rate} ({@link Mode#Throughput}, operations/s): events per second fully delivered to all
 *       subscribers, one event in flight at a time (a closed loop, so ≈ 1 / mean latency); its secondary result
 *       {@code frames} is the frames per second delivered (events/s × {@code N}).</li>
 * </ul>
 * Nothing is conflated: the engine's {@code publishInterval} is 0, so each tick publishes a changed value, and
 * the next value is set only after every subscriber received the previous one. The engine uses the in-memory
 * store, 1 worker (the task) and its default 2 dispatch threads; each transport its defaults (outbox 64 frames; its
 * heartbeat interval, which a stream of frames every few milliseconds never reaches) with longer subscribe, idle
 * and connection-lost timeouts so that 1,000 clients can connect; Jetty its default thread pool (at most 200
 * threads). The clients share one JDK {@link HttpClient} whose
 * callbacks run on a 2-thread executor.
 *
 * <p>Measurement iterations last 5 s so that 1,000 subscribers (tens of milliseconds per operation) still give a
 * few hundred samples.
 *
 * <p>The fan-out program {@code org.eto4j.transport.websocket.FanOutBenchmark} in eto-transport-websocket's
 * tests measures the same path differently (per-frame latency from the event's timestamp, paced and flat-out
 * loads); BENCHMARKS.md reports both.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class FanOutBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETUP_WAIT = Duration.ofMinutes(2);

    /** Connected, subscribed clients. */
    @Param({"1", "100", "1000"})
    public int subscribers;

    /** The transport: {@code websocket}, {@code jakarta}, {@code sse-jdk} or {@code sse-servlet}. */
    @Param({"websocket", "jakarta", "sse-jdk", "sse-servlet"})
    public String transport;

    private TaskEngine engine;
    private FanOutServer server;
    private ExecutorService callbacks;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final CountDownLatch finish = new CountDownLatch(1);
    private TaskContext context;
    private long value;

    // The round in flight: the value awaited and how many subscribers received it.
    private volatile long target = -1;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile Thread waiter;
    // Why a subscriber stopped following the task, if one did (reported by a failing setup or operation).
    private final AtomicReference<String> lost = new AtomicReference<>();

    /**
     * Starts the engine, the running task, the transport and the clients, and waits until every client holds
     * its snapshot.
     *
     * @throws Exception if the transport cannot start, or a client cannot subscribe
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        engine = TaskEngine.builder().store(InMemoryTaskStore.create()).workers(1).publishInterval(Duration.ZERO)
                .tickInterval(Duration.ofMillis(1)).threadNamePrefix("bench-engine").build();
        AtomicReference<TaskContext> running = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        TaskId id = engine.submit(ctx -> {
            ctx.stage("compute");
            running.set(ctx);
            started.countDown();
            finish.await();
            return TaskResult.none();
        });
        if (!started.await(SETUP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the task did not start within " + SETUP_WAIT);
        }
        context = running.get();
        server = FanOutServer.start(transport, engine);
        callbacks = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(callbacks).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(FanOutServer.CONNECT_WAIT).build();
        AtomicInteger snapshots = new AtomicInteger();
        TaskUpdateListener listener = new TaskUpdateListener() {
            @Override
            public void onUpdate(TaskUpdate update) {
                if (update instanceof TaskUpdate.Progress p) {
                    if (p.progress().done() == target && arrived.incrementAndGet() == subscribers) {
                        LockSupport.unpark(waiter);
                    }
                } else if (update instanceof TaskUpdate.Snapshot) {
                    snapshots.incrementAndGet();
                }
            }

            @Override
            public void onDisconnect(int closeCode, boolean reconnecting) {
                lost.compareAndSet(null, "a WebSocket client was disconnected with " + closeCode);
            }
        };
        for (int i = 0; i < subscribers; i++) {
            AutoCloseable client = server.subscribe(http, id, listener);
            clients.add(client);
            if (client instanceof SseClient sse) {
                sse.ended().whenComplete((x, e) -> lost.compareAndSet(null, "an SSE stream ended: " + e));
            }
        }
        long end = System.nanoTime() + SETUP_WAIT.toNanos();
        while (snapshots.get() < subscribers) {
            if (System.nanoTime() > end || lost.get() != null) {
                throw new IllegalStateException(snapshots.get() + " of " + subscribers + " " + transport
                        + " clients subscribed within " + SETUP_WAIT + (lost.get() == null ? "" : "; " + lost.get()));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Lets the task end, closes the clients, stops the transport and shuts the engine down.
     *
     * @throws Exception if a client cannot be closed
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        finish.countDown();
        for (AutoCloseable c : clients) {
            c.close();
        }
        clients.clear();
        if (server != null) {
            server.stop();
        }
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(10));
        }
        if (callbacks != null) {
            callbacks.shutdownNow();
        }
    }

    /**
     * Frames delivered, reported by {@link #rate} as a rate next to the events per second.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Frames {
        /** Progress frames handed to subscribers in this iteration. */
        public long frames;

        /** Resets the count for each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            frames = 0;
        }
    }

    /**
     * Progress set → the last subscriber received it (sampled: p50, p99 …).
     *
     * @return the value published
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long latency() {
        return publishToAll();
    }

    /**
     * Events per second delivered to every subscriber, one in flight; {@code frames} per second beside it.
     *
     * @param counters the frame counter
     * @return the value published
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long rate(Frames counters) {
        long v = publishToAll();
        counters.frames += subscribers;
        return v;
    }

    private long publishToAll() {
        long v = ++value;
        waiter = Thread.currentThread();
        arrived.set(0);
        target = v;
        context.progress(v);
        long end = System.nanoTime() + WAIT.toNanos();
        while (arrived.get() < subscribers) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(arrived.get() + " of " + subscribers + " " + transport
                        + " subscribers received progress " + v + " within " + WAIT
                        + (lost.get() == null ? "" : "; " + lost.get()));
            }
            LockSupport.parkNanos(left);
        }
        return v;
    }
}
