package org.eto4j.benchmarks;

import java.net.URI;
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
import org.eto4j.transport.websocket.TaskEventClient;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TaskUpdate;
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
 * Progress fan-out over WebSocket on loopback: one running task, {@link #subscribers} {@link TaskEventClient}s
 * following it through one {@link WebSocketTransport}, all in the benchmark's JVM (so clients and server share
 * the machine's CPUs).
 *
 * <p><b>One operation</b> sets the task's progress to a new value ({@link TaskContext#progress(long)}, called by
 * the benchmark thread on the running task's context) and waits until every subscriber's listener has been
 * handed the {@code progress} update carrying that value. It covers: the wait for the engine's next tick (the
 * engine publishes progress only on its ticker; here {@code tickInterval} = 1 ms, the minimum, so 0–1 ms plus
 * timer slack), building the event, dispatch to the transport, encoding the frame once, the {@code N} server
 * outboxes and socket writes, loopback TCP, and the JDK clients' reading, decoding and delivery, up to the
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
 * store, 1 worker (the task) and its default 2 dispatch threads; the transport its defaults (outbox 64 frames,
 * {@code min(4, processors)} decoder threads) with longer subscribe and connection-lost timeouts so that 1,000
 * clients can connect. The clients share one JDK {@link HttpClient} whose callbacks run on a 2-thread executor.
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

    private TaskEngine engine;
    private WebSocketTransport transport;
    private ExecutorService callbacks;
    private final List<TaskEventClient> clients = new ArrayList<>();
    private final CountDownLatch finish = new CountDownLatch(1);
    private TaskContext context;
    private long value;

    // The round in flight: the value awaited and how many subscribers received it.
    private volatile long target = -1;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile Thread waiter;

    /**
     * Starts the engine, the running task, the transport and the clients, and waits until every client holds
     * its snapshot.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Setup(Level.Trial)
    public void start() throws InterruptedException {
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
        transport = WebSocketTransport.builder(engine).tokenKey(TaskTokens.generateKey())
                .connectionLostTimeout(Duration.ofSeconds(60)).subscribeTimeout(Duration.ofMinutes(1))
                .threadNamePrefix("bench-ws").build().start();
        callbacks = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(callbacks).build();
        URI server = URI.create("ws://127.0.0.1:" + transport.port());
        String token = transport.tokens().issue(id);
        AtomicInteger snapshots = new AtomicInteger();
        for (int i = 0; i < subscribers; i++) {
            clients.add(TaskEventClient.builder(server, id, token).httpClient(http)
                    .connectTimeout(Duration.ofMinutes(1)).idleTimeout(Duration.ofMinutes(5))
                    .listener(update -> {
                        if (update instanceof TaskUpdate.Progress p) {
                            if (p.progress().done() == target && arrived.incrementAndGet() == subscribers) {
                                LockSupport.unpark(waiter);
                            }
                        } else if (update instanceof TaskUpdate.Snapshot) {
                            snapshots.incrementAndGet();
                        }
                    }).connect());
        }
        long end = System.nanoTime() + SETUP_WAIT.toNanos();
        while (snapshots.get() < subscribers) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(snapshots.get() + " of " + subscribers + " clients subscribed within "
                        + SETUP_WAIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Lets the task end, closes the clients, stops the transport and shuts the engine down. */
    @TearDown(Level.Trial)
    public void stop() {
        finish.countDown();
        clients.forEach(TaskEventClient::close);
        clients.clear();
        if (transport != null) {
            transport.stop();
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
                throw new IllegalStateException(arrived.get() + " of " + subscribers + " subscribers received progress "
                        + v + " within " + WAIT);
            }
            LockSupport.parkNanos(left);
        }
        return v;
    }
}
