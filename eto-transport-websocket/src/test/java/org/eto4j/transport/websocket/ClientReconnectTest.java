package org.eto4j.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TaskUpdateListener;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK client: resume after drops, server restarts and dead connections; final closes. */
class ClientReconnectTest {
    private Fixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Records updates and disconnects; checks that seq never decreases. */
    static final class Recorder implements TaskUpdateListener {
        final List<TaskUpdate> updates = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();

        @Override
        public void onUpdate(TaskUpdate update) {
            updates.add(update);
        }

        @Override
        public void onDisconnect(int closeCode, boolean reconnecting) {
            disconnects.add(closeCode + (reconnecting ? "+retry" : ""));
        }

        long count(String type) {
            return updates.stream().filter(u -> u.type().equals(type)).count();
        }

        void assertMonotonic() {
            long last = -1;
            for (TaskUpdate u : updates) {
                assertTrue(u.seq() >= last, () -> "seq regression in " + updates);
                last = u.seq();
            }
        }
    }

    private TaskEventClient.Builder client(java.net.URI base, TaskId id, Recorder rec) {
        return TaskEventClient.builder(base, id, fx.token(id)).listener(rec)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void dropMidTaskAndReconnectWithSinceSeqMissesNoTerminalEvent() throws Exception {
        // Heartbeats every 300 ms and a 2 s client idle timeout: if a cut is not reported by the socket, the
        // client's watchdog notices it (as it would on a real network where a drop sends no FIN).
        fx = new Fixture(b -> b.heartbeatInterval(Duration.ofMillis(300)));
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 10, "done");
        try (DropProxy proxy = new DropProxy(fx.transport.port())) {
            Recorder rec = new Recorder();
            try (TaskEventClient c = client(proxy.base(), id, rec).idleTimeout(Duration.ofSeconds(2)).connect()) {
                // the task waits at its gate, half done, until the client is gone
                Await.until(() -> rec.count("snapshot") == 1, Duration.ofSeconds(10), rec.updates::toString);
                long seenBeforeDrop = c.lastSeq();

                proxy.refuse(true);
                proxy.dropAll();                       // network drop mid-task
                Await.until(() -> !rec.disconnects.isEmpty(), Duration.ofSeconds(10), rec.disconnects::toString);
                gate.countDown();                       // the task finishes while the client is away
                Await.until(() -> fx.engine.find(id).orElseThrow().isTerminal(), Duration.ofSeconds(10), () -> "end");
                proxy.refuse(false);

                TaskUpdate.Terminal end = c.outcome().get(20, TimeUnit.SECONDS);
                assertInstanceOf(TaskUpdate.Completed.class, end);
                assertEquals("done", ((TaskUpdate.Completed) end).result());
                assertEquals(1, rec.count("completed"), rec.updates::toString); // replayed once, not lost
                rec.assertMonotonic();
                assertTrue(c.reconnects() >= 1);
                assertTrue(rec.disconnects.get(0).endsWith("+retry"), rec.disconnects::toString);
                assertTrue(c.lastSeq() > seenBeforeDrop);
                TaskUpdate.Snapshot resumed = (TaskUpdate.Snapshot) rec.updates.stream()
                        .filter(u -> u instanceof TaskUpdate.Snapshot s && s.outcome().isPresent())
                        .findFirst().orElseThrow();
                assertEquals(TaskState.SUCCEEDED, resumed.state());
                assertFalse(resumed.replay().isEmpty(), resumed::toString);
            }
        }
    }

    @Test
    void serverRestartClosesWith1001AndTheClientResumesOnTheNewServer() throws Exception {
        fx = new Fixture();
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 10, 42);
        int port = fx.transport.port();
        Recorder rec = new Recorder();
        try (TaskEventClient c = client(fx.base(), id, rec).connect()) {
            Await.until(() -> rec.count("snapshot") == 1, Duration.ofSeconds(10), rec.updates::toString);
            fx.transport.stop();
            Await.until(() -> rec.disconnects.contains("1001+retry"), Duration.ofSeconds(10),
                    rec.disconnects::toString);
            // The old listening socket may linger in the kernel for a moment: retry the bind until it is free.
            AtomicReference<WebSocketTransport> restarted = new AtomicReference<>();
            Await.until(() -> {
                try {
                    restarted.set(WebSocketTransport.builder(fx.engine).tokenKey(Fixture.KEY).port(port)
                            .threadNamePrefix("test-ws").build().start());
                    return true;
                } catch (TransportException e) {
                    assertEquals(TransportErrorCode.START_FAILED, e.code());
                    return false;
                }
            }, Duration.ofSeconds(10), () -> "port " + port + " free again");
            WebSocketTransport again = restarted.get();
            try {
                gate.countDown();
                assertEquals(42, ((TaskUpdate.Completed) c.outcome().get(20, TimeUnit.SECONDS)).result());
                assertEquals(1, rec.count("completed") + rec.updates.stream()
                        .filter(u -> u instanceof TaskUpdate.Snapshot s && s.outcome().isPresent()
                                && s.replay().stream().noneMatch(r -> r instanceof TaskUpdate.Terminal)).count());
                rec.assertMonotonic();
            } finally {
                again.stop();
            }
        }
    }

    @Test
    void frozenConnectionIsDetectedOnBothSides() throws Exception {
        fx = new Fixture(b -> b.connectionLostTimeout(Duration.ofSeconds(1)));
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 4, "ok");
        try (DropProxy proxy = new DropProxy(fx.transport.port())) {
            Recorder rec = new Recorder();
            try (TaskEventClient c = client(proxy.base(), id, rec).idleTimeout(Duration.ofMillis(800)).connect()) {
                Await.until(() -> rec.count("snapshot") == 1, Duration.ofSeconds(10), rec.updates::toString);
                proxy.freeze(true);  // both peers look dead to each other
                // server: no pong for 1.5 s -> connection and subscription released
                Await.until(() -> fx.transport.stats().openConnections() == 0
                                && fx.transport.stats().openSubscriptions() == 0,
                        Duration.ofSeconds(10), () -> fx.transport.stats().toString());
                // client: no frame (not even a heartbeat) for its idle timeout -> reconnect
                Await.until(() -> rec.disconnects.contains("1006+retry"), Duration.ofSeconds(10),
                        rec.disconnects::toString);
                proxy.freeze(false);
                gate.countDown();
                assertEquals("ok", ((TaskUpdate.Completed) c.outcome().get(20, TimeUnit.SECONDS)).result());
                rec.assertMonotonic();
            }
        }
    }

    @Test
    void givesUpAfterMaxReconnectsInARow() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        Recorder rec = new Recorder();
        TaskId id = TaskId.random();
        TaskEventClient c = TaskEventClient.builder(java.net.URI.create("ws://127.0.0.1:" + deadPort), id, "t")
                .listener(rec).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).maxReconnects(2).connect();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> c.outcome().get(20, TimeUnit.SECONDS));
        TransportException te = assertInstanceOf(TransportException.class, e.getCause());
        assertEquals(TransportErrorCode.RECONNECTS_EXHAUSTED, te.code());
        assertEquals(List.of(2), te.args());
        assertEquals(2, c.reconnects());
        assertEquals(List.of("1006+retry", "1006+retry", "1006"), rec.disconnects);
        assertTrue(rec.updates.isEmpty());
        c.close();
    }

    @Test
    void forbiddenIsFinalAndNotRetried() {
        fx = new Fixture();
        TaskId unknown = TaskId.random();
        Recorder rec = new Recorder();
        TaskEventClient c = client(fx.base(), unknown, rec).connect();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> c.outcome().get(10, TimeUnit.SECONDS));
        TransportException te = assertInstanceOf(TransportException.class, e.getCause());
        assertEquals(TransportErrorCode.CLOSED_BY_SERVER, te.code());
        assertEquals(4403, te.args().get(0));
        assertEquals("transport.close.4403", te.args().get(1));
        assertEquals(0, c.reconnects());
        assertEquals(List.of("4403"), rec.disconnects);
        c.close();
    }

    @Test
    void closingTheClientReleasesTheServerSideAndFailsTheOutcome() throws Exception {
        fx = new Fixture();
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 4, "x");
        Recorder rec = new Recorder();
        TaskEventClient c = client(fx.base(), id, rec).connect();
        Await.until(() -> rec.count("snapshot") == 1, Duration.ofSeconds(10), rec.updates::toString);
        assertTrue(c.isConnected());
        c.ping().get(5, TimeUnit.SECONDS);
        Await.until(() -> rec.count("pong") == 1, Duration.ofSeconds(10), rec.updates::toString);
        c.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> c.outcome().get(5, TimeUnit.SECONDS));
        assertEquals(TransportErrorCode.CLIENT_CLOSED, ((TransportException) e.getCause()).code());
        Await.until(() -> fx.transport.stats().openConnections() == 0 && fx.transport.stats().openSubscriptions() == 0,
                Duration.ofSeconds(10), () -> fx.transport.stats().toString());
        gate.countDown();
    }

    @Test
    void cancelThroughTheClient() throws Exception {
        fx = new Fixture();
        TaskId id = fx.submitGated(new CountDownLatch(1), 4, "x");
        Recorder rec = new Recorder();
        try (TaskEventClient c = client(fx.base(), id, rec).connect()) {
            Await.until(() -> rec.count("snapshot") == 1, Duration.ofSeconds(10), rec.updates::toString);
            c.cancelTask().get(5, TimeUnit.SECONDS);
            TaskUpdate.Terminal end = c.outcome().get(10, TimeUnit.SECONDS);
            assertEquals(org.eto4j.progress.CancelReason.REQUESTED, ((TaskUpdate.Cancelled) end).reason());
        }
    }
}
