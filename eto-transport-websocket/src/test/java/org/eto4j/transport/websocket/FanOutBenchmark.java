package org.eto4j.transport.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TaskUpdate;

/**
 * Latency and fan-out of task events over loopback: one task publishes progress events to 1, 100 and 1,000
 * {@link TaskEventClient}s connected to one server. For each delivered frame, the latency is "handed to the
 * client's listener" minus the event's timestamp (taken by the engine when it published the event; same clock,
 * same JVM), so it covers engine dispatch, encoding, the server outbox, the socket, JDK client decoding and
 * delivery. Two loads: <em>paced</em>, one event every 20 ms (5x the engine's default publish rate of one per
 * 250 ms), for latency; and <em>flat out</em>, one event per engine tick (~2 ms), for the delivered frame rate.
 * Clients run in the same JVM as the server, so they share its CPUs. Not a unit test: run it by hand,
 *
 * <pre>
 * mvn -B -q -pl eto-transport-websocket -am test-compile exec:java -Dexec.skip=true \
 *     -Dexec.mainClass=org.eto4j.transport.websocket.FanOutBenchmark [-Dexec.args="5 1,100,1000"]
 * </pre>
 *
 * (the module's pom points exec:java at this class with the test classpath; {@code exec.skip=true} skips the
 * other reactor modules). Arguments: runs per size (default 5), sizes (default 1,100,1000). System property
 * {@code bench.clientsPerHttp} (default 1000) spreads the clients over several JDK HTTP clients.
 */
public final class FanOutBenchmark {
    static final int EVENTS = 150;
    static final long PACED_NANOS = 20_000_000;
    static final long FLAT_OUT_NANOS = 2_000_000;
    static final int CLIENTS_PER_HTTP = Integer.getInteger("bench.clientsPerHttp", 1000);

    private FanOutBenchmark() {
    }

    record Run(int subscribers, long delivered, double p50Ms, double p99Ms, double maxMs, double eventsPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 100, 1000};
        System.out.printf(Locale.ROOT, "machine: %d processors, %s, JDK %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"));
        run(100, FLAT_OUT_NANOS); // warm-up: JIT, sockets, thread pools
        run(100, PACED_NANOS);
        table("paced: one event every 20 ms", runs, sizes, PACED_NANOS);
        table("flat out: one event per engine tick (~2 ms)", runs, sizes, FLAT_OUT_NANOS);
    }

    private static void table(String title, int runs, int[] sizes, long intervalNanos) throws Exception {
        System.out.println();
        System.out.println("### " + title);
        System.out.println();
        System.out.println("| subscribers | runs | p50 ms (median, min–max) | p99 ms (median, min–max)"
                + " | frames/s delivered (median, min–max) | delivered / published×subscribers |");
        System.out.println("|---:|---:|---|---|---|---:|");
        for (int n : sizes) {
            List<Run> rs = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                rs.add(run(n, intervalNanos));
            }
            System.out.printf(Locale.ROOT, "| %,d | %d | %s | %s | %s | %.3f |%n", n, runs,
                    stat(rs.stream().mapToDouble(Run::p50Ms).toArray(), "%.2f"),
                    stat(rs.stream().mapToDouble(Run::p99Ms).toArray(), "%.2f"),
                    stat(rs.stream().mapToDouble(Run::eventsPerSecond).toArray(), "%,.0f"),
                    rs.stream().mapToDouble(x -> (double) x.delivered() / ((long) EVENTS * n)).sorted()
                            .toArray()[runs / 2]);
        }
    }

    private static String stat(double[] v, String fmt) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, fmt + " (" + fmt + "–" + fmt + ")", s[s.length / 2], s[0], s[s.length - 1]);
    }

    static Run run(int subscribers, long intervalNanos) throws Exception {
        // Subscribers are separate browsers in real life: spread them over HTTP clients (each has its own
        // selector thread), at most CLIENTS_PER_HTTP per client, all sharing a 2-thread callback executor.
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        int httpClients = Math.max(1, (subscribers + CLIENTS_PER_HTTP - 1) / CLIENTS_PER_HTTP);
        List<HttpClient> https = new ArrayList<>();
        for (int h = 0; h < httpClients; h++) {
            https.add(HttpClient.newBuilder().executor(callbacks).build());
        }
        TaskEngine engine = TaskEngine.builder().workers(2).publishInterval(Duration.ZERO)
                .tickInterval(Duration.ofMillis(1)).threadNamePrefix("bench-engine").build();
        WebSocketTransport ws = WebSocketTransport.builder(engine).tokenKey(TaskTokens.generateKey())
                .connectionLostTimeout(Duration.ofSeconds(60)).subscribeTimeout(Duration.ofMinutes(1))
                .threadNamePrefix("bench-ws").build().start();
        List<TaskEventClient> clients = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong firstPublishNanos = new AtomicLong();
            TaskId id = engine.submit(ctx -> {
                go.await();
                ctx.stage("compute");
                ctx.total(EVENTS);
                firstPublishNanos.set(System.nanoTime());
                for (int i = 1; i <= EVENTS; i++) {
                    ctx.progress(i);
                    LockSupport.parkNanos(intervalNanos); // >= one engine tick (1 ms), so each value is published
                }
                return TaskResult.of("done");
            });
            long[] latNanos = new long[EVENTS * subscribers + 16];
            AtomicInteger count = new AtomicInteger();
            AtomicLong lastReceiveNanos = new AtomicLong();
            AtomicInteger snapshots = new AtomicInteger();
            URI base = URI.create("ws://127.0.0.1:" + ws.port());
            String token = ws.tokens().issue(id);
            for (int i = 0; i < subscribers; i++) {
                clients.add(TaskEventClient.builder(base, id, token).httpClient(https.get(i % httpClients))
                        .connectTimeout(Duration.ofMinutes(1)).idleTimeout(Duration.ofMinutes(5))
                        .listener(u -> {
                            if (u instanceof TaskUpdate.Progress p) {
                                Instant now = Instant.now();
                                long lat = Duration.between(p.timestamp(), now).toNanos();
                                int k = count.getAndIncrement();
                                if (k < latNanos.length) {
                                    latNanos[k] = lat;
                                }
                                lastReceiveNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            } else if (u instanceof TaskUpdate.Snapshot) {
                                snapshots.incrementAndGet();
                            }
                        }).connect());
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (snapshots.get() < subscribers && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            go.countDown();
            CompletableFuture.allOf(clients.stream().map(TaskEventClient::outcome).toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.MINUTES);
            int n = Math.min(count.get(), latNanos.length);
            long[] sorted = Arrays.copyOf(latNanos, n);
            Arrays.sort(sorted);
            double seconds = (lastReceiveNanos.get() - firstPublishNanos.get()) / 1e9;
            return new Run(subscribers, n, sorted[n / 2] / 1e6,
                    sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6, sorted[n - 1] / 1e6, n / seconds);
        } finally {
            clients.forEach(TaskEventClient::close);
            ws.stop();
            engine.shutdown(Duration.ofSeconds(5));
            callbacks.shutdownNow();
        }
    }
}
