package org.eto4j.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Protocol v1 over real sockets on loopback, frame by frame. */
class ProtocolTest {
    private Fixture fx;

    @BeforeEach
    void start() {
        fx = new Fixture(b -> b.heartbeatInterval(Duration.ofMillis(150)).maxFrameBytes(1024)
                .allowedOrigins(List.of("https://app.example.org")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void happyPathSnapshotFirstThenProgressThenCompletedThenClose1000() {
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
        JsonNode prog = lastProgress.path("progress");
        assertEquals(20, prog.path("done").asLong());
        assertEquals(20, prog.path("total").asLong());
        assertEquals(1.0, prog.path("fraction").asDouble());
        assertEquals("compute", prog.path("stage").asText());
        assertEquals("task.stage.compute", prog.path("messageKey").asText());
        assertEquals("station-A", prog.path("args").get(0).asText());
        assertTrue(prog.has("etaMs"));
        // seq strictly increases over retained events
        long last = -1;
        for (JsonNode f : p.frames) {
            if (!"heartbeat".equals(f.path("type").asText()) && !"snapshot".equals(f.path("type").asText())) {
                assertTrue(f.path("seq").asLong() > last, p.frames::toString);
                last = f.path("seq").asLong();
            }
        }
    }

    @Test
    void subscribeAfterTheTaskEndedGetsSnapshotWithResultThenClose1000() {
        CountDownLatch gate = new CountDownLatch(0);
        TaskId id = fx.submitGated(gate, 4, List.of(1, 2, 3));
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
        JsonNode failed = p.awaitFrame(Probe.type("failed"), "failed");
        JsonNode err = failed.path("error");
        assertEquals("ETO-1001", err.path("code").asText());
        assertEquals("error.input.missing", err.path("messageKey").asText());
        assertEquals("tmax", err.path("args").get(0).asText());
        assertEquals(3, err.path("args").get(1).asInt());
        assertFalse(err.path("retryable").asBoolean(true));
    }

    @Test
    void cancelMessageCancelsTheTaskAndPingIsAnsweredWithPong() {
        CountDownLatch gate = new CountDownLatch(1); // never opened: the task waits until cancelled
        TaskId id = fx.submitGated(gate, 10, "never");
        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        p.awaitFrame(Probe.type("snapshot"), "snapshot");
        p.send("{\"type\":\"ping\"}");
        JsonNode pong = p.awaitFrame(Probe.type("pong"), "pong");
        assertEquals(id.value(), pong.path("taskId").asText());
        p.send("{\"type\":\"cancel\"}");
        assertEquals(1000, p.awaitClose());
        JsonNode cancelled = p.awaitFrame(Probe.type("cancelled"), "cancelled");
        assertEquals("requested", cancelled.path("reason").asText());
        assertTrue(p.types().contains("state"), p.types()::toString); // running -> cancelling
        p.assertEnvelopes(id.value());
    }

    @Test
    void pingSentRightAfterSubscribeIsAnsweredAfterTheSnapshot() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 2, "x");
        try {
            for (int i = 0; i < 5; i++) {
                Probe p = Probe.open(fx.uri(id));
                p.ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + fx.token(id) + "\"}", true)
                        .thenCompose(w -> w.sendText("{\"type\":\"ping\"}", true)).join();
                p.awaitFrame(Probe.type("pong"), "pong");
                assertEquals("snapshot", p.types().get(0), p.types()::toString);
                p.abort();
            }
        } finally {
            gate.countDown();
        }
    }

    @Test
    void heartbeatWhileTheTaskRunsAndNothingElseIsSent() {
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = fx.submitGated(gate, 2, "x");
        Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        JsonNode hb = p.awaitFrame(Probe.type("heartbeat"), "heartbeat");
        long snapSeq = p.frames.get(0).path("seq").asLong();
        assertTrue(hb.path("seq").asLong() >= snapSeq);
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
            TaskTokens expired = TaskTokens.builder().key(Fixture.KEY)
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
    void malformedMessagesGet4400() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        String token = fx.token(id);
        assertEquals(4400, Probe.open(fx.uri(id)).send("{not json").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id)).send("[1,2]").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id)).send("{\"type\":\"ping\"}").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id)).send("{\"type\":\"subscribe\"}").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id))
                .send("{\"type\":\"subscribe\",\"token\":\"" + token + "\",\"sinceSeq\":\"7\"}").awaitClose());
        assertEquals(4400, Probe.open(fx.uri(id))
                .send("{\"type\":\"subscribe\",\"token\":\"" + token + "\",\"sinceSeq\":-5}").awaitClose());
    }

    @Test
    void unexpectedMessageAfterSubscribeGets4400() {
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
    void oversizedFrameGets1009() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        Probe p = Probe.open(fx.uri(id));
        p.ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + "A".repeat(4000) + "\"}", true);
        assertEquals(1009, p.awaitClose());
        assertEquals(CloseCode.MESSAGE_TOO_BIG.code(), 1009);
    }

    @Test
    void noSubscribeInTimeGets4408() {
        try (Fixture quick = new Fixture(b -> b.subscribeTimeout(Duration.ofMillis(200)))) {
            TaskId id = quick.submitGated(new CountDownLatch(0), 2, "x");
            Probe p = Probe.open(quick.uri(id));
            assertEquals(4408, p.awaitClose());
            assertEquals("transport.close.4408", p.closeReason);
            assertTrue(p.frames.isEmpty());
        }
    }

    @Test
    void handshakeIsRefusedForAnotherOriginOrPath() {
        TaskId id = fx.submitGated(new CountDownLatch(0), 2, "x");
        CompletionException e = assertThrows(CompletionException.class,
                () -> Probe.open(fx.uri(id), "https://evil.example.com"));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e::toString);
        assertThrows(CompletionException.class, () -> Probe.open(fx.base().resolve("/other/" + id)));
        Probe ok = Probe.open(fx.uri(id), "https://app.example.org").subscribe(fx.token(id));
        assertEquals(1000, ok.awaitClose());
    }

    @Test
    void resourcesAreReleasedAfterClientsClose() {
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
