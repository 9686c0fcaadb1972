package org.eto4j.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol v1 through a Jakarta WebSocket endpoint in embedded Jetty 12, frame by frame and close code by code. */
class ProtocolTest {
    private JettyFixture fx;

    @BeforeEach
    void start() {
        fx = new JettyFixture(b -> b.heartbeatInterval(Duration.ofMillis(150)).maxFrameBytes(1024)
                .allowedOrigins(List.of("https://app.example.org")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void snapshotFirstThenProgressThenCompletedThenClose1000() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 20, Map.of("etoMm", 4.5, "days", 3));
        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        JsonNode snap = p.awaitFrame(Probe.type("snapshot"), "snapshot");
        gate.countDown();

        assertEquals(1000, p.awaitClose());
        assertEquals("transport.close.1000", p.closeReason);
        p.assertEnvelopes(id.value());
        List<String> types = p.types();
        assertEquals("snapshot", types.get(0), types::toString);
        assertEquals("completed", types.get(types.size() - 1), types::toString);
        assertTrue(types.contains("progress"), types::toString);
        assertTrue(snap.path("progress").has("fraction") && snap.has("state"), snap::toString);
        JsonNode done = p.frames.get(p.frames.size() - 1);
        assertEquals(4.5, done.path("result").path("etoMm").asDouble());
        assertEquals(3, done.path("result").path("days").asInt());
        JsonNode lastProgress = p.frames.stream().filter(Probe.type("progress")).reduce((a, b) -> b).orElseThrow();
        assertEquals(20, lastProgress.path("progress").path("done").asLong());
        assertEquals("task.stage.compute", lastProgress.path("progress").path("messageKey").asText());
        assertEquals("station-A", lastProgress.path("progress").path("args").get(0).asText());
    }

    @Test
    void subscribeAfterTheTaskEndedGetsSnapshotWithResultThenClose1000() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 4, List.of(1, 2, 3));
        Await.until(() -> fx.engine.find(id).orElseThrow().isTerminal(), Duration.ofSeconds(10), () -> "task end");

        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        assertEquals(1000, p.awaitClose());
        assertEquals(List.of("snapshot"), p.types());
        JsonNode snap = p.frames.get(0);
        assertEquals("succeeded", snap.path("state").asText());
        assertEquals(List.of(1, 2, 3), Probe.JSON.convertValue(snap.path("result"), List.class));
        assertEquals(fx.engine.find(id).orElseThrow().seq(), snap.path("seq").asLong());
    }

    @Test
    void failedTaskSendsTheStableError() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitFailing(gate);
        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        p.awaitFrame(Probe.type("snapshot"), "snapshot");
        gate.countDown();
        assertEquals(1000, p.awaitClose());
        JsonNode err = p.awaitFrame(Probe.type("failed"), "failed").path("error");
        assertEquals("ETO-1001", err.path("code").asText());
        assertEquals("error.input.missing", err.path("messageKey").asText());
        assertEquals(List.of("tmax", "3"), List.of(err.path("args").get(0).asText(), err.path("args").get(1).asText()));
        assertFalse(err.path("retryable").asBoolean(true));
    }

    @Test
    void cancelMessageCancelsTheTaskAndPingIsAnsweredWithPong() {
        CountDownLatch gate = new CountDownLatch(1); // never opened: the task waits until cancelled
        TaskId id = fx.submitGated(gate, 10, "never");
        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        p.awaitFrame(Probe.type("snapshot"), "snapshot");
        p.send("{\"type\":\"ping\"}");
        assertEquals(id.value(), p.awaitFrame(Probe.type("pong"), "pong").path("taskId").asText());
        p.send("{\"type\":\"cancel\"}");
        assertEquals(1000, p.awaitClose());
        assertEquals("requested", p.awaitFrame(Probe.type("cancelled"), "cancelled").path("reason").asText());
        assertTrue(p.types().contains("state"), p.types()::toString); // running -> cancelling
        p.assertEnvelopes(id.value());
    }

    @Test
    void heartbeatWhileTheTaskRunsAndNothingElseIsSent() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 2, "x");
        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        JsonNode hb = p.awaitFrame(Probe.type("heartbeat"), "heartbeat");
        assertTrue(hb.path("seq").asLong() >= p.frames.get(0).path("seq").asLong());
        gate.countDown();
        assertEquals(1000, p.awaitClose());
        p.assertEnvelopes(id.value());
    }

    @Test
    void resumeWithSinceSeqReplaysMissedStateChangesInsideTheSnapshot() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 4, "r");
        Await.until(() -> fx.engine.find(id).orElseThrow().state() == TaskState.RUNNING, Duration.ofSeconds(10),
                () -> "running");
        gate.countDown();
        Await.until(() -> fx.engine.find(id).orElseThrow().isTerminal(), Duration.ofSeconds(10), () -> "end");

        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id), 0);
        assertEquals(1000, p.awaitClose());
        JsonNode snap = p.frames.get(0);
        List<String> replayed = snap.path("replay").findValuesAsText("type");
        assertTrue(replayed.contains("state") && replayed.get(replayed.size() - 1).equals("completed"), snap::toString);
        long prev = 0;
        for (JsonNode r : snap.path("replay")) {
            assertTrue(r.path("seq").asLong() > prev && r.path("seq").asLong() <= snap.path("seq").asLong());
            prev = r.path("seq").asLong();
        }
    }

    @Test
    void badTokenExpiredTokenTokenOfAnotherTaskAndUnknownTaskAllGet4403() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 2, "x");
        TaskId other = fx.submitGated(gate, 2, "y");
        TaskId unknown = TaskId.random();
        try {
            assertEquals(4403, Probe.open(fx.uri(id)).subscribe("t1.99999999999.AAAA").awaitClose());
            assertEquals(4403, Probe.open(fx.uri(id)).subscribe(fx.token(other)).awaitClose());
            assertEquals(4403, Probe.open(fx.uri(unknown)).subscribe(fx.token(unknown)).awaitClose());
            assertEquals(4403, Probe.open(fx.base().resolve("/ws/not%20valid")).subscribe("x").awaitClose());
            TaskTokens expired = TaskTokens.builder().key(JettyFixture.KEY)
                    .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-2))).build();
            Probe p = Probe.open(fx.uri(id)).subscribe(expired.issue(id));
            assertEquals(4403, p.awaitClose());
            assertEquals("transport.close.4403", p.closeReason);
            assertTrue(p.frames.isEmpty());
        } finally {
            gate.countDown();
        }
    }

    @Test
    void malformedMessagesAndBinaryMessagesGet4400() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        String token = fx.token(id);
        assertEquals(4400, Probe.open(fx.uri(id)).send("{not json").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id)).send("[1,2]").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id)).send("{\"type\":\"ping\"}").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id)).send("{\"type\":\"subscribe\"}").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id))
                .send("{\"type\":\"subscribe\",\"token\":\"" + token + "\",\"sinceSeq\":-5}").awaitClose());
        Probe binary = Probe.open(fx.uri(id));
        binary.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertEquals(4400, binary.awaitClose());
        assertEquals("transport.close.4400", binary.closeReason);
    }

    @Test
    void secondSubscribeGets4400() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 2, "x");
        try {
            Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
            p.awaitFrame(Probe.type("snapshot"), "snapshot");
            p.send("{\"type\":\"subscribe\",\"token\":\"again\"}");
            assertEquals(4400, p.awaitClose());
        } finally {
            gate.countDown();
        }
    }

    @Test
    void messageOverMaxFrameBytesGets1009() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        Probe p = Probe.open(fx.uri(id));
        p.ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + "A".repeat(4000) + "\"}", true);
        assertEquals(1009, p.awaitClose());
        Await.until(() -> fx.transport.stats().openConnections() == 0, Duration.ofSeconds(10),
                () -> fx.transport.stats().toString());
    }

    @Test
    void noSubscribeInTimeGets4408() {
        try (JettyFixture quick = new JettyFixture(b -> b.subscribeTimeout(Duration.ofMillis(200)))) {
            TaskId id = quick.submitGated(new CountDownLatch(0), 2, "x");
            Probe p = Probe.open(quick.uri(id));
            assertEquals(4408, p.awaitClose());
            assertEquals("transport.close.4408", p.closeReason);
            assertTrue(p.frames.isEmpty());
        }
    }

    @Test
    void engineFailingToSubscribeGets1011() {
        try (JettyFixture broken = new JettyFixture(ProtocolTest::failingToSubscribe, b -> { })) {
            TaskId id = broken.submitGated(new CountDownLatch(0), 2, "x");
            Probe p = Probe.open(broken.uri(id)).subscribe(broken.token(id));
            assertEquals(1011, p.awaitClose());
            assertEquals("transport.close.1011", p.closeReason);
            assertTrue(p.frames.isEmpty());
        }
    }

    /** The engine, except that subscribing fails as a store that cannot be reached would. */
    static TaskEngine failingToSubscribe(TaskEngine engine) {
        return (TaskEngine) Proxy.newProxyInstance(TaskEngine.class.getClassLoader(), new Class<?>[] {TaskEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("subscribe") && args != null && args.length == 3) {
                        throw new IllegalStateException("store unreachable");
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void handshakeWithAnOriginNotAllowedIsRefusedWith403() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        CompletionException e = assertThrows(CompletionException.class,
                () -> Probe.open(fx.uri(id), "https://evil.example.com"));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, refused.getResponse().statusCode());
        assertEquals(0, fx.transport.stats().openConnections());

        Probe allowed = Probe.open(fx.uri(id), "https://app.example.org").subscribe(fx.token(id));
        assertEquals(1000, allowed.awaitClose());
        Probe noOrigin = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        assertEquals(1000, noOrigin.awaitClose());
    }

    @Test
    void otherPathsAreNotTaskEndpoints() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        assertThrows(CompletionException.class, () -> Probe.open(fx.base().resolve("/other/" + id)));
        assertThrows(CompletionException.class, () -> Probe.open(fx.base().resolve("/ws/" + id + "/more")));
    }

    @Test
    void resourcesAreReleasedAfterClientsCloseOrVanish() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 2, "x");
        Probe a = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        Probe b = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        a.awaitFrame(Probe.type("snapshot"), "snapshot");
        b.awaitFrame(Probe.type("snapshot"), "snapshot");
        assertEquals(2, fx.transport.stats().openConnections());
        assertEquals(2, fx.transport.stats().openSubscriptions());
        a.ws.sendClose(1000, "bye").join();
        b.abort();
        Await.until(() -> fx.transport.stats().openConnections() == 0 && fx.transport.stats().openSubscriptions() == 0,
                Duration.ofSeconds(10), () -> fx.transport.stats().toString());
        gate.countDown();
    }
}
