package org.eto4j.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TaskUpdateListener;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.Test;

/** A thousand concurrent connections on one server; clean shutdown with 1001; nothing left behind. */
class ScaleAndShutdownTest {
    private static final int CONNECTIONS = 1000;
    private static final int TASKS = 50;

    @Test
    void thousandConcurrentConnectionsAllGetTheirTerminalEventAndNothingRemains() throws Exception {
        // Generous timeouts: a thousand clients share this JVM and two cores with the server, so pongs and
        // handshakes can be slow; dead-peer detection is tested elsewhere.
        Fixture fx = new Fixture(b -> b.subscribeTimeout(Duration.ofSeconds(30))
                .connectionLostTimeout(Duration.ofSeconds(30)));
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().executor(callbacks).build();
        List<TaskEventClient> clients = new ArrayList<>();
        Set<String> idleThreads = Fixture.serverThreads();
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<TaskId> tasks = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) {
                tasks.add(fx.submitGated(gate, 6, t));
            }
            AtomicInteger snapshots = new AtomicInteger();
            AtomicInteger terminals = new AtomicInteger();
            List<Integer> disconnects = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                TaskId id = tasks.get(i % TASKS);
                clients.add(TaskEventClient.builder(fx.base(), id, fx.token(id)).httpClient(http)
                        .connectTimeout(Duration.ofSeconds(30)).idleTimeout(Duration.ofSeconds(60))
                        .listener(new TaskUpdateListener() {
                            @Override
                            public void onUpdate(TaskUpdate u) {
                                if (u instanceof TaskUpdate.Snapshot) {
                                    snapshots.incrementAndGet();
                                } else if (u instanceof TaskUpdate.Terminal) {
                                    terminals.incrementAndGet();
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
            Await.until(() -> snapshots.get() == CONNECTIONS, Duration.ofSeconds(60),
                    () -> snapshots.get() + " snapshots; " + fx.transport.stats() + "; disconnects " + disconnects);
            TransportStats busy = fx.transport.stats();
            assertEquals(CONNECTIONS, busy.openConnections());
            assertEquals(CONNECTIONS, busy.openSubscriptions());

            gate.countDown();
            CompletableFuture.allOf(clients.stream().map(TaskEventClient::outcome).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
            for (int i = 0; i < CONNECTIONS; i++) {
                TaskUpdate.Completed c = (TaskUpdate.Completed) clients.get(i).outcome().join();
                assertEquals(i % TASKS, ((Number) c.result()).intValue());
                assertEquals(0, clients.get(i).reconnects());
            }
            assertEquals(CONNECTIONS, terminals.get(), "every connection got its terminal event exactly once");

            // the server closed every connection with 1000: no connection objects or subscriptions remain
            Await.until(() -> {
                TransportStats s = fx.transport.stats();
                return s.openConnections() == 0 && s.openSubscriptions() == 0 && s.queuedFrames() == 0;
            }, Duration.ofSeconds(30), () -> fx.transport.stats().toString());
            // and no thread was started per connection: the server runs the same threads as before the clients
            assertEquals(idleThreads, Fixture.serverThreads());
        } finally {
            clients.forEach(TaskEventClient::close);
            fx.close();
            callbacks.shutdownNow();
        }
        Await.until(() -> Fixture.serverThreads().isEmpty(), Duration.ofSeconds(10),
                () -> "server threads left: " + Fixture.serverThreads());
    }

    @Test
    void stopClosesEveryConnectionWith1001AndReleasesThreads() throws Exception {
        Fixture fx = new Fixture();
        try {
            assertTrue(fx.transport.isRunning());
            assertTrue(fx.transport.port() > 0);
            assertTrue(Fixture.serverThreads().stream().anyMatch(n -> n.startsWith("test-ws-timer")),
                    Fixture.serverThreads()::toString);
            CountDownLatch gate = new CountDownLatch(1);
            TaskId id = fx.submitGated(gate, 4, "x");
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
                p.awaitFrame(Probe.type("snapshot"), "snapshot");
                probes.add(p);
            }
            Probe unsubscribed = Probe.open(fx.uri(id));
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
            Await.until(() -> Fixture.serverThreads().isEmpty(), Duration.ofSeconds(10),
                    () -> "server threads left: " + Fixture.serverThreads());
            assertTrue(!fx.transport.isRunning());
            fx.transport.stop(); // idempotent
            TransportException e = assertThrows(TransportException.class, fx.transport::start);
            assertEquals(TransportErrorCode.ILLEGAL_STATE, e.code());
            gate.countDown();
        } finally {
            fx.close();
        }
    }

    @Test
    void engineShutdownClosesConnectionsWith1001() {
        Fixture fx = new Fixture();
        try {
            TaskId id = fx.submitGated(new CountDownLatch(1), 4, "x");
            Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
            p.awaitFrame(Probe.type("snapshot"), "snapshot");
            fx.engine.shutdown(Duration.ofMillis(100));
            // the task is cancelled by the shutdown: its terminal event, then 1000 — or 1001 if the engine closed first
            int code = p.awaitClose();
            assertTrue(Set.of(1000, 1001).contains(code), "close " + code);
        } finally {
            fx.close();
        }
    }

    @Test
    void startFailsFastWhenThePortIsTaken() {
        Fixture fx = new Fixture();
        try {
            WebSocketTransport second = WebSocketTransport.builder(fx.engine).tokenKey(Fixture.KEY)
                    .port(fx.transport.port()).threadNamePrefix("test-ws").build();
            // SO_REUSEADDR does not allow two listeners on one port
            TransportException e = assertThrows(TransportException.class, second::start);
            assertEquals(TransportErrorCode.START_FAILED, e.code());
        } finally {
            fx.close();
        }
        Await.until(() -> Fixture.serverThreads().isEmpty(), Duration.ofSeconds(10),
                () -> "server threads left: " + Fixture.serverThreads());
    }
}
