package org.eto4j.transport.websocket;

import org.eto4j.transport.CloseCode;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

/** Close codes, backoff, the frame codec and builder validation. */
class ValuesTest {
    private static final TaskId ID = TaskId.of("abc");
    private static final Instant T = Instant.parse("2026-11-28T21:00:00.123Z");
    private final ObjectMapper mapper = new ObjectMapper();
    private final ProtocolV1 encoder = ProtocolV1.defaults();
    private final ProtocolV1 decoder = encoder;

    @Test
    void closeCodesAndMessageKeys() {
        Set<Integer> codes = new HashSet<>();
        for (CloseCode c : CloseCode.values()) {
            assertEquals("transport.close." + c.code(), c.messageKey());
            assertTrue(codes.add(c.code()));
            assertEquals(Optional.of(c), CloseCode.of(c.code()));
        }
        assertEquals(Set.of(1000, 1001, 1009, 1011, 4400, 4403, 4408, 4429), codes);
        assertEquals(Optional.empty(), CloseCode.of(1006));
        assertTrue(CloseCode.SLOW_CONSUMER.retryable() && CloseCode.GOING_AWAY.retryable());
        assertFalse(CloseCode.FORBIDDEN.retryable() || CloseCode.NORMAL.retryable());
        for (TransportErrorCode e : TransportErrorCode.values()) {
            assertTrue(e.code().matches("WST-[12]\\d{3}") && e.messageKey().startsWith("error.transport."));
        }
    }

    @Test
    void backoffGrowsExponentiallyWithEqualJitterUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertEquals(Duration.ofMillis(50), b.delay(1, 0.0));
        assertEquals(Duration.ofMillis(99), b.delay(1, 0.999));
        assertEquals(Duration.ofMillis(100), b.delay(2, 0.0));
        assertEquals(Duration.ofMillis(200), b.delay(3, 0.0));
        assertEquals(Duration.ofSeconds(1), b.delay(10, 0.0));
        assertEquals(Duration.ofMillis(1999), b.delay(30, 0.9999));
        assertEquals(Duration.ofMillis(1999), b.delay(Integer.MAX_VALUE, 0.9999));
    }

    @Test
    void progressFrameRoundTrip() throws Exception {
        TaskProgress p = new TaskProgress(40, 100, "compute", List.of("A", 3, true), 1200);
        String text = encoder.encode(new TaskEvent.Progress(ID, 7, T, p));
        JsonNode n = mapper.readTree(text);
        assertEquals(1, n.get("v").asInt());
        assertEquals("progress", n.get("type").asText());
        assertEquals("2026-11-28T21:00:00.123Z", n.get("ts").asText());
        assertEquals(0.4, n.at("/progress/fraction").asDouble());
        assertEquals("task.stage.compute", n.at("/progress/messageKey").asText());
        TaskUpdate.Progress u = (TaskUpdate.Progress) decoder.decode(text).orElseThrow();
        assertEquals(7, u.seq());
        assertEquals(T, u.timestamp());
        assertEquals(p, u.progress());
    }

    @Test
    void anEventIsEncodedOnceForAllItsSubscribers() {
        TaskEvent.Progress e = new TaskEvent.Progress(ID, 7, T, new TaskProgress(1, 2, "compute", List.of(), 5));
        org.junit.jupiter.api.Assertions.assertSame(encoder.encode(e), encoder.encode(e));
        TaskEvent.Progress equal = new TaskEvent.Progress(ID, 7, T, e.progress());
        assertEquals(encoder.encode(e), encoder.encode(equal));
    }

    @Test
    void unknownTotalAndEtaAreNull() throws Exception {
        TaskProgress p = new TaskProgress(5, TaskProgress.UNKNOWN, "download", List.of(), TaskProgress.UNKNOWN);
        String text = encoder.encode(new TaskEvent.Progress(ID, 1, T, p));
        JsonNode n = mapper.readTree(text).get("progress");
        assertTrue(n.get("total").isNull() && n.get("fraction").isNull() && n.get("etaMs").isNull());
        assertEquals(p, ((TaskUpdate.Progress) decoder.decode(text).orElseThrow()).progress());
    }

    @Test
    void terminalFramesRoundTrip() {
        TaskEvent.Failed f = new TaskEvent.Failed(ID, 9, T, TaskState.RUNNING,
                new TaskError("PRG-2001", "error.task.timeout", List.of(60_000), false));
        TaskUpdate.Failed uf = (TaskUpdate.Failed) decoder.decode(encoder.encode(f)).orElseThrow();
        assertEquals(f.error(), uf.error());
        assertNull(uf.error().field());
        assertEquals(-1, uf.error().row());
        TaskEvent.Failed placed = new TaskEvent.Failed(ID, 9, T, TaskState.RUNNING,
                new TaskError("ETO-2003", "error.malformed_number", List.of("tmin", "abc"), false, "tmin", 2));
        assertEquals(placed.error(), ((TaskUpdate.Failed) decoder.decode(encoder.encode(placed)).orElseThrow()).error());
        TaskEvent.Cancelled c = new TaskEvent.Cancelled(ID, 3, T, TaskState.QUEUED, CancelReason.SHUTDOWN);
        assertEquals(CancelReason.SHUTDOWN, ((TaskUpdate.Cancelled) decoder.decode(encoder.encode(c)).orElseThrow()).reason());
        TaskEvent.Completed ref = new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING,
                TaskResult.reference(URI.create("https://x.example/r.csv"), "text/csv", 10));
        TaskUpdate.Completed uc = (TaskUpdate.Completed) decoder.decode(encoder.encode(ref)).orElseThrow();
        assertEquals(Optional.of(URI.create("https://x.example/r.csv")), uc.resultUrl());
        assertNull(uc.result());
        TaskEvent.StateChanged sc = new TaskEvent.StateChanged(ID, 2, T, TaskState.QUEUED, TaskState.RUNNING, 1);
        TaskUpdate.StateChanged usc = (TaskUpdate.StateChanged) decoder.decode(encoder.encode(sc)).orElseThrow();
        assertEquals(TaskState.RUNNING, usc.to());
    }

    @Test
    void largeResultIsSentAsUrlWhenAResolverIsSet() throws Exception {
        ProtocolV1 big = ProtocolV1.builder().largeResults(1024, id -> URI.create("https://api.example/tasks/" + id + "/result")).build();
        TaskEvent.Completed c = new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING, TaskResult.of("x".repeat(5000)));
        JsonNode n = mapper.readTree(big.encode(c));
        assertFalse(n.has("result"));
        assertEquals("https://api.example/tasks/abc/result", n.get("resultUrl").asText());
        TaskEvent.Completed small = new TaskEvent.Completed(ID, 4, T, TaskState.RUNNING, TaskResult.of(Map.of("a", 1)));
        assertEquals(1, mapper.readTree(big.encode(small)).at("/result/a").asInt());
    }

    @Test
    void snapshotOfAnEndedTaskCarriesTheOutcomeAndReplay() {
        TaskEvent.Completed done = new TaskEvent.Completed(ID, 5, T, TaskState.RUNNING, TaskResult.of(List.of(1, 2)));
        TaskSnapshot snap = new TaskSnapshot(ID, "eto.batch", TaskState.SUCCEEDED, 1, 5, T, Optional.of(T),
                Optional.of(T), new TaskProgress(2, 2, "compute", List.of(), 0), false, Optional.of(done));
        TaskEvent.StateChanged running = new TaskEvent.StateChanged(ID, 1, T, TaskState.QUEUED, TaskState.RUNNING, 1);
        TaskUpdate.Snapshot s = (TaskUpdate.Snapshot) decoder.decode(
                encoder.encode(new TaskEvent.Snapshot(ID, 5, T, snap, List.of(running, done)))).orElseThrow();
        assertEquals(TaskState.SUCCEEDED, s.state());
        assertEquals(List.of(1, 2), ((TaskUpdate.Completed) s.outcome().orElseThrow()).result());
        assertEquals(List.of("state", "completed"), s.replay().stream().map(TaskUpdate::type).toList());
    }

    @Test
    void decoderRejectsMalformedFramesAndIgnoresUnknownTypes() {
        for (String bad : new String[] {"nope", "[]", "{\"v\":2}", "{\"v\":1,\"type\":\"progress\",\"taskId\":\"abc\"}"}) {
            TransportException e = assertThrows(TransportException.class, () -> decoder.decode(bad), bad);
            assertEquals(TransportErrorCode.PROTOCOL_ERROR, e.code());
        }
        assertEquals(Optional.empty(), decoder.decode(
                "{\"v\":1,\"type\":\"future\",\"taskId\":\"abc\",\"seq\":1,\"ts\":\"2026-11-28T21:00:00Z\"}"));
    }

    @Test
    void taskPathParsing() {
        assertEquals("abc", WebSocketTransport.taskPath("/ws/abc"));
        assertEquals("abc", WebSocketTransport.taskPath("/ws/abc?x=1"));
        assertNull(WebSocketTransport.taskPath("/ws/"));
        assertNull(WebSocketTransport.taskPath("/ws/a/b"));
        assertNull(WebSocketTransport.taskPath("/other/abc"));
    }

    @Test
    void transportBuilderNamesTheBadOption() {
        try (TaskEngine engine = TaskEngine.builder().workers(1).threadNamePrefix("test-engine").build()) {
            assertOption("tokenKey", () -> WebSocketTransport.builder(engine).build());
            assertOption("port", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).port(70_000).build());
            assertOption("outboxCapacity", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).outboxCapacity(1).build());
            assertOption("heartbeatInterval", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY)
                    .heartbeatInterval(Duration.ZERO).build());
            assertOption("connectionLostTimeout", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY)
                    .connectionLostTimeout(Duration.ofMillis(1500)).build());
            assertOption("maxFrameBytes", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).maxFrameBytes(10).build());
            assertOption("subscribeTimeout", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY)
                    .subscribeTimeout(Duration.ofHours(1)).build());
            assertOption("key", () -> WebSocketTransport.builder(engine).tokenKey(new byte[3]).build());
            WebSocketTransport t = WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).build();
            assertThrows(TransportException.class, t::port); // not started
            t.stop(); // stopping an unstarted transport is harmless
        }
    }

    @Test
    void clientBuilderNamesTheBadOption() {
        URI base = URI.create("ws://127.0.0.1:1");
        assertOption("listener", () -> TaskEventClient.builder(base, ID, "t").connect());
        assertOption("serverUri", () -> TaskEventClient.builder(URI.create("http://x"), ID, "t").listener(u -> { }).connect());
        assertOption("maxBackoff", () -> TaskEventClient.builder(base, ID, "t").listener(u -> { })
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).connect());
        assertOption("sinceSeq", () -> TaskEventClient.builder(base, ID, "t").listener(u -> { }).sinceSeq(-3).connect());
    }

    private static void assertOption(String option, org.junit.jupiter.api.function.Executable build) {
        TransportException e = assertThrows(TransportException.class, build);
        assertEquals(TransportErrorCode.INVALID_OPTION, e.code());
        assertEquals(option, e.args().get(0), e::getMessage);
    }
}
