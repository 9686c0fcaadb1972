package org.eto4j.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A subscriber's stream in both adapters: headers, snapshot first, events, the close event, resume, heartbeats. */
class StreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void streamsSnapshotThenEventsToTheTerminalThenClose1000(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            CountDownLatch gate = new CountDownLatch(1);
            TaskId id = f.submitGated(gate, 10, Map.of("etoMm", 4.57));
            try (SseClient c = SseClient.open(f.uriWithToken(id))) {
                assertEquals(200, c.status());
                assertEquals("text/event-stream;charset=utf-8",
                        c.header("Content-Type").replace(" ", "").toLowerCase());
                assertEquals("no-store", c.header("Cache-Control"));
                assertEquals("no", c.header("X-Accel-Buffering"));
                SseClient.Event retry = c.next(WAIT);
                assertEquals(SseTransport.Builder.DEFAULT_RETRY_HINT.toMillis(), retry.retry(), "retry comes first");
                SseClient.Event snapshot = c.nextEvent(WAIT);
                assertEquals("snapshot", snapshot.event());
                assertEquals(snapshot.seq(), snapshot.json().get("seq").asLong(), "id is the frame's seq");
                assertEquals(id.value(), snapshot.json().get("taskId").asText());
                gate.countDown();
                List<SseClient.Event> rest = c.untilClose(WAIT);
                SseClient.Event close = rest.get(rest.size() - 1);
                assertEquals("close", close.event());
                JsonNode closeJson = close.json();
                assertEquals(1, closeJson.get("v").asInt());
                assertEquals("close", closeJson.get("type").asText());
                assertEquals(1000, closeJson.get("code").asInt());
                assertEquals("transport.close.1000", closeJson.get("messageKey").asText());
                assertNull(close.id(), "the close event carries no new id");
                SseClient.Event terminal = rest.get(rest.size() - 2);
                assertEquals("completed", terminal.event());
                assertEquals(4.57, terminal.json().get("result").get("etoMm").asDouble());
                long last = snapshot.seq();
                for (SseClient.Event e : rest.subList(0, rest.size() - 1)) {
                    assertEquals(e.event(), e.json().get("type").asText(), "event is the frame type");
                    assertTrue(e.seq() > last, "seq increases: " + e.seq() + " after " + last);
                    last = e.seq();
                }
            }
            Await.until(() -> f.transport.stats().openConnections() == 0, WAIT, () -> "stream released");
            assertEquals(0, f.transport.stats().openSubscriptions());
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void anEndedTaskGetsItsSnapshotThenClose1000(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            CountDownLatch gate = new CountDownLatch(0);
            TaskId id = f.submitGated(gate, 2, "done");
            Await.until(() -> f.engine.find(id).map(s -> s.isTerminal()).orElse(false), WAIT, () -> "task ended");
            try (SseClient c = SseClient.open(f.uriWithToken(id))) {
                List<SseClient.Event> events = c.untilClose(WAIT);
                assertEquals(List.of("snapshot", "close"), events.stream().map(SseClient.Event::event).toList());
                assertEquals("succeeded", events.get(0).json().get("state").asText());
                assertEquals(1000, events.get(1).json().get("code").asInt());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void resumesFromLastEventIdWithNothingLostOrRepeated(Server.Kind kind) {
        resume(kind, true);
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void resumesFromSinceSeqWithNothingLostOrRepeated(Server.Kind kind) {
        resume(kind, false);
    }

    private static void resume(Server.Kind kind, boolean header) {
        try (Fixture f = new Fixture(kind)) {
            CountDownLatch gate = new CountDownLatch(1);
            TaskId id = f.submitGated(gate, 20, "done");
            long lastSeen;
            List<Long> firstSeqs = new ArrayList<>();
            try (SseClient c = SseClient.open(f.uriWithToken(id))) {
                SseClient.Event e = c.nextEvent(WAIT);
                assertEquals("snapshot", e.event());
                // up to the last progress before the gate (the snapshot may already be there)
                while (e.json().get("progress") == null || e.json().get("progress").get("done").asLong() != 10) {
                    e = c.nextEvent(WAIT);
                    firstSeqs.add(e.seq());
                }
                lastSeen = e.seq();
            }
            gate.countDown(); // the task ends while no one is connected
            Await.until(() -> f.engine.find(id).map(s -> s.isTerminal()).orElse(false), WAIT, () -> "task ended");
            SseClient c = header
                    ? SseClient.open(f.uri(id), "Authorization", "Bearer " + f.token(id), "Last-Event-ID",
                            Long.toString(lastSeen))
                    : SseClient.open(java.net.URI.create(f.uriWithToken(id) + "&sinceSeq=" + lastSeen));
            try (c) {
                assertEquals(200, c.status());
                List<SseClient.Event> events = c.untilClose(WAIT);
                SseClient.Event snapshot = events.get(0);
                assertEquals("snapshot", snapshot.event());
                assertTrue(snapshot.seq() > lastSeen);
                JsonNode replay = snapshot.json().get("replay");
                List<Long> replayed = new ArrayList<>();
                List<String> replayedTypes = new ArrayList<>();
                for (JsonNode r : replay) {
                    replayed.add(r.get("seq").asLong());
                    replayedTypes.add(r.get("type").asText());
                }
                long seen = lastSeen;
                assertTrue(replayed.stream().allMatch(s -> s > seen), "nothing repeated: " + replayed);
                assertEquals(List.of("completed"), replayedTypes, "the missed terminal event, once");
                assertEquals(firstSeqs.size(), firstSeqs.stream().distinct().count(), "no repeat on the first stream");
                assertEquals(List.of("snapshot", "close"), events.stream().map(SseClient.Event::event).toList());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void resumingALiveTaskContinuesAfterTheSnapshot(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            CountDownLatch gate = new CountDownLatch(1);
            TaskId id = f.submitGated(gate, 20, "done");
            long lastSeen;
            try (SseClient c = SseClient.open(f.uriWithToken(id))) {
                lastSeen = c.nextEvent(WAIT).seq();
            }
            try (SseClient c = SseClient.open(f.uri(id), "Authorization", "Bearer " + f.token(id),
                    "Last-Event-ID", Long.toString(lastSeen))) {
                SseClient.Event snapshot = c.nextEvent(WAIT);
                assertEquals("snapshot", snapshot.event());
                assertTrue(snapshot.seq() >= lastSeen);
                gate.countDown();
                List<SseClient.Event> rest = c.untilClose(WAIT);
                long last = snapshot.seq();
                for (SseClient.Event e : rest.subList(0, rest.size() - 1)) {
                    assertTrue(e.seq() > last, "no event repeated: " + e.seq() + " after " + last);
                    last = e.seq();
                }
                assertEquals("completed", rest.get(rest.size() - 2).event());
                assertEquals(
                        f.engine.find(id).orElseThrow().seq(), rest.get(rest.size() - 2).seq(),
                        "the terminal event is the task's last");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void acceptsTheTokenAsBearerOrInTheQuery(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 10, "done");
            try (SseClient bearer = SseClient.open(f.uri(id), "Authorization", "Bearer " + f.token(id));
                 SseClient query = SseClient.open(f.uriWithToken(id))) {
                assertEquals(200, bearer.status());
                assertEquals(200, query.status());
                assertEquals("snapshot", bearer.nextEvent(WAIT).event());
                assertEquals("snapshot", query.nextEvent(WAIT).event());
                Await.until(() -> f.transport.stats().openSubscriptions() == 2, WAIT, () -> "two subscriptions");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void breaksSilenceWithHeartbeatComments(Server.Kind kind) throws InterruptedException {
        Duration interval = Duration.ofMillis(60);
        try (Fixture f = new Fixture(kind, b -> b.heartbeatInterval(interval))) {
            TaskId id = f.submitGated(new CountDownLatch(1), 10, "done");
            try (SseClient c = SseClient.open(f.uriWithToken(id))) {
                SseClient.Event snapshot = c.nextEvent(WAIT);
                long seq = snapshot.seq();
                // progress up to the gate (done = 5), then silence: the first heartbeat
                SseClient.Event e = snapshot;
                while (e.isComment() || e.json().get("progress") == null
                        || e.json().get("progress").get("done").asLong() < 5) {
                    e = c.next(WAIT);
                    if (!e.isComment()) {
                        seq = e.seq();
                    }
                }
                e = c.next(WAIT);
                // (the hub's timer reads the seq before it queues the heartbeat, so on a busy machine the first
                // one can name a seq just before the last progress)
                assertTrue(e.isComment() && e.comment().matches("heartbeat \\d+")
                        && Long.parseLong(e.comment().substring(10)) <= seq, "a comment naming a seq: " + e);
                // then about one per interval of silence: a count over a window, with room for deliveries
                // delayed into it on a busy machine (a heartbeat on every 15 ms timer round would give 80)
                long window = 20 * interval.toNanos();
                long end = System.nanoTime() + window;
                int beats = 0;
                while (System.nanoTime() < end) {
                    SseClient.Event b = c.events.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (b == null) {
                        continue;
                    }
                    assertEquals("heartbeat " + seq, b.comment(), "only heartbeats while the task waits");
                    beats++;
                }
                assertTrue(beats >= 2 && beats <= 40, beats + " heartbeats in 20 intervals");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void stopEndsEveryStreamWithClose1001(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 10, "done");
            try (SseClient a = SseClient.open(f.uriWithToken(id));
                 SseClient b = SseClient.open(f.uriWithToken(id))) {
                assertEquals("snapshot", a.nextEvent(WAIT).event());
                assertEquals("snapshot", b.nextEvent(WAIT).event());
                f.transport.stop();
                for (SseClient c : List.of(a, b)) {
                    List<SseClient.Event> rest = c.untilClose(WAIT);
                    SseClient.Event close = rest.get(rest.size() - 1);
                    assertEquals(1001, close.json().get("code").asInt());
                    assertEquals("transport.close.1001", close.json().get("messageKey").asText());
                }
                assertEquals(0, f.transport.stats().openConnections());
                assertEquals(0, f.transport.stats().openSubscriptions());
                f.transport.stop(); // idempotent
                assertFalse(f.transport.isRunning());
                var refused = SseClient.request("GET", f.uriWithToken(id));
                assertEquals(503, refused.statusCode());
            }
        }
    }
}
