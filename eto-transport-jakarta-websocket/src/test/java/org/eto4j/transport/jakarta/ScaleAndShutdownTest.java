package org.eto4j.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TaskUpdateListener;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.testkit.Await;
import org.eto4j.transport.websocket.TaskEventClient;
import org.junit.jupiter.api.Test;

/**
 * A hundred concurrent subscribers through Jetty, followed by the standalone module's Java client; clean stop with
 * 1001; nothing left behind.
 */
class ScaleAndShutdownTest {
    private static final int SUBSCRIBERS = 100;
    private static final int TASKS = 10;

    @Test
    void hundredConcurrentSubscribersEachGetExactlyOneTerminalEventAndNothingRemains() throws Exception {
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(callbacks).build();
        List<TaskEventClient> clients = new ArrayList<>();
        try (JettyFixture fx = new JettyFixture(b -> b.subscribeTimeout(Duration.ofSeconds(30)))) {
            CountDownLatch gate = new CountDownLatch(1);
            List<TaskId> tasks = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) {
                tasks.add(fx.submitGated(gate, 6, t));
            }
            AtomicInteger snapshots = new AtomicInteger();
            Map<Integer, AtomicInteger> terminals = new ConcurrentHashMap<>();
            List<Integer> disconnects = new CopyOnWriteArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                TaskId id = tasks.get(i % TASKS);
                AtomicInteger mine = terminals.computeIfAbsent(i, k -> new AtomicInteger());
                clients.add(TaskEventClient.builder(fx.base(), id, fx.token(id)).httpClient(http)
                        .connectTimeout(Duration.ofSeconds(30)).idleTimeout(Duration.ofSeconds(60))
                        .listener(new TaskUpdateListener() {
                            @Override
                            public void onUpdate(TaskUpdate u) {
                                if (u instanceof TaskUpdate.Snapshot) {
                                    snapshots.incrementAndGet();
                                } else if (u instanceof TaskUpdate.Terminal) {
                                    mine.incrementAndGet();
                                }
                            }

                            @Override
                            public void onDisconnect(int closeCode, boolean reconnecting) {
                                if (closeCode != 1000) {
                                    disconnects.add(closeCode);
                                }
                            }
                        }).connect());
            }
            Await.until(() -> snapshots.get() == SUBSCRIBERS, Duration.ofSeconds(30),
                    () -> snapshots.get() + " snapshots; " + fx.transport.stats() + "; disconnects " + disconnects);
            TransportStats busy = fx.transport.stats();
            assertEquals(SUBSCRIBERS, busy.openConnections());
            assertEquals(SUBSCRIBERS, busy.openSubscriptions());

            gate.countDown();
            CompletableFuture.allOf(clients.stream().map(TaskEventClient::outcome).toArray(CompletableFuture[]::new))
                    .get(30, TimeUnit.SECONDS);
            for (int i = 0; i < SUBSCRIBERS; i++) {
                TaskUpdate.Completed c = (TaskUpdate.Completed) clients.get(i).outcome().join();
                assertEquals(i % TASKS, ((Number) c.result()).intValue());
                assertEquals(0, clients.get(i).reconnects());
                assertEquals(1, terminals.get(i).get(), "terminal events of subscriber " + i);
            }
            assertEquals(List.of(), disconnects);
            Await.until(() -> {
                TransportStats s = fx.transport.stats();
                return s.openConnections() == 0 && s.openSubscriptions() == 0 && s.queuedFrames() == 0
                        && s.bufferedFrames() == 0;
            }, Duration.ofSeconds(20), () -> fx.transport.stats().toString());
        } finally {
            clients.forEach(TaskEventClient::close);
            callbacks.shutdownNow();
        }
        Await.until(() -> JettyFixture.transportThreads().isEmpty(), Duration.ofSeconds(10),
                () -> "transport threads left: " + JettyFixture.transportThreads());
    }

    @Test
    void stopClosesEverySessionWith1001ReleasesThreadsAndRefusesLaterConnections() {
        try (JettyFixture fx = new JettyFixture()) {
            assertTrue(JettyFixture.transportThreads().stream().anyMatch(n -> n.startsWith("test-jws-timer")),
                    JettyFixture.transportThreads()::toString);
            CountDownLatch gate = new CountDownLatch(1);
            TaskId id = fx.submitGated(gate, 4, "x");
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
                p.awaitFrame(Probe.type("snapshot"), "snapshot");
                probes.add(p);
            }
            Probe unsubscribed = Probe.open(fx.uri(id));
            Await.until(() -> fx.transport.stats().openConnections() == 6, Duration.ofSeconds(10),
                    () -> fx.transport.stats().toString());

            fx.transport.stop();
            for (Probe p : probes) {
                assertEquals(1001, p.awaitClose());
                assertEquals("transport.close.1001", p.closeReason);
            }
            assertEquals(1001, unsubscribed.awaitClose());
            TransportStats s = fx.transport.stats();
            assertEquals(0, s.openConnections(), s::toString);
            Await.until(() -> fx.transport.stats().openSubscriptions() == 0, Duration.ofSeconds(10),
                    () -> fx.transport.stats().toString());
            Await.until(() -> JettyFixture.transportThreads().isEmpty(), Duration.ofSeconds(10),
                    () -> "transport threads left: " + JettyFixture.transportThreads());
            fx.transport.stop(); // idempotent
            fx.transport.close();

            // the endpoint stays mounted in the running container: a later connection is closed with 1001 at once
            Probe late = Probe.open(fx.uri(id));
            assertEquals(1001, late.awaitClose());
            Await.until(() -> fx.transport.stats().openConnections() == 0, Duration.ofSeconds(10),
                    () -> fx.transport.stats().toString());
            gate.countDown();
        }
    }

    @Test
    void engineShutdownClosesSessionsWith1000Or1001() {
        try (JettyFixture fx = new JettyFixture()) {
            TaskId id = fx.submitGated(new CountDownLatch(1), 4, "x");
            Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
            p.awaitFrame(Probe.type("snapshot"), "snapshot");
            fx.engine.shutdown(Duration.ofMillis(100));
            // the task is cancelled by the shutdown: its terminal event, then 1000, or 1001 if the engine closed first
            int code = p.awaitClose();
            assertTrue(Set.of(1000, 1001).contains(code), "close " + code);
        }
    }
}
