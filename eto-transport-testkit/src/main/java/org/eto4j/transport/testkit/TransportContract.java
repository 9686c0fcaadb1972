package org.eto4j.transport.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.RetryPolicy;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of every protocol v1 transport, written once: a transport's test extends this class, says which
 * {@link TransportUnderTest.Kind} of client speaks to it, and starts it with the engine, tokens and settings
 * each test hands over.
 *
 * <pre>{@code
 * class WebSocketContractTest extends TransportContract {
 *     protected TransportUnderTest.Kind kind() { return TransportUnderTest.Kind.WEBSOCKET; }
 *
 *     protected TransportUnderTest start(TaskEngine engine, TaskTokens tokens, ContractSettings s) {
 *         WebSocketTransport ws = WebSocketTransport.builder(engine).tokens(tokens)
 *                 .heartbeatInterval(s.heartbeatInterval()).outboxCapacity(s.outboxCapacity())
 *                 .slowConsumerTimeout(s.slowConsumerTimeout()).subscribeTimeout(s.subscribeTimeout())
 *                 .allowedOrigins(s.allowedOrigins()).build().start();
 *         return TransportUnderTest.of(id -> URI.create("ws://127.0.0.1:" + ws.port() + "/ws/" + id),
 *                 ws::stats, ws::stop);
 *     }
 * }
 * }</pre>
 *
 * <p>Every test runs on real sockets on loopback with the kit's JDK clients ({@link ContractClients}), starts
 * its own transport, and ends by checking that the transport released every connection and subscription. Each
 * takes seconds; none asserts a speed, except the heartbeat test, whose subject is timing (with generous
 * bounds).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportContract {
    /** How long a test waits for something that takes milliseconds when all is well. */
    protected static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * How long the fan-out test waits for all its subscribers: on a loaded two-core machine a thousand handshakes
     * can take seconds.
     */
    protected static final Duration FAN_OUT_WAIT = Duration.ofSeconds(45);
    /** Slow-consumer timeout of the stalled-reader test: a reading client is never stalled that long. */
    protected static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);
    /** Heartbeat interval of the heartbeat test. */
    protected static final Duration HEARTBEAT = Duration.ofMillis(200);
    /** Heartbeats the heartbeat test waits for while the task is silent (about 1.5 s at {@link #HEARTBEAT}). */
    protected static final int SILENT_HEARTBEATS = 7;
    /** Outbox capacity of the stalled-reader test: small, so a stalled stream backs up at once. */
    protected static final int STALL_OUTBOX = 8;
    /** Progress events the stalled-reader test publishes at least, far more than any buffer may hold. */
    protected static final int STALL_MIN_PUBLISHED = 1000;
    /** Subscribers of the fan-out test. */
    protected static final int SUBSCRIBERS = 1000;
    /**
     * Clients of the fan-out test connecting at once (the rest wait for a snapshot), so accept queues never overflow.
     */
    protected static final int CONNECTING_AT_ONCE = 100;

    private TaskEngine engine;
    private byte[] key;
    private TaskTokens tokens;
    private ContractClients clients;
    private TransportUnderTest transport;

    /**
     * The client kind that speaks to this transport.
     *
     * @return {@link TransportUnderTest.Kind#WEBSOCKET} or {@link TransportUnderTest.Kind#SSE}
     */
    protected abstract TransportUnderTest.Kind kind();

    /**
     * Starts the transport under test on a loopback port, serving {@code engine}'s tasks; called once per test.
     *
     * @param engine   the engine whose tasks it serves
     * @param tokens   the token service it checks subscriptions with (the contract issues tokens with it)
     * @param settings the settings the test needs; apply every one
     * @return the running transport
     */
    protected abstract TransportUnderTest start(TaskEngine engine, TaskTokens tokens, ContractSettings settings);

    @BeforeEach
    final void setUpContract() {
        engine = TaskEngine.builder().workers(4).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(2))
                .threadNamePrefix("contract-engine").build();
        key = TaskTokens.generateKey();
        tokens = TaskTokens.builder().key(key).build();
        clients = new ContractClients(kind());
    }

    @AfterEach
    final void tearDownContract() {
        try {
            if (transport != null) {
                transport.stop();
            }
        } finally {
            clients.close();
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    // ---- the contract ----

    /** Snapshot first, {@code seq} never decreasing, progress, exactly one terminal event, then 1000. */
    @Test
    void snapshotFirstThenProgressThenTheTerminalEventThenNormalClose() {
        TransportUnderTest t = transport(ContractSettings.defaults());
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = engine.submit(ContractTasks.gated(gate, 20, Map.of("etoMm", 4.5, "days", 3)));
        ContractClient c = open(id, SubscribeRequest.token(tokens.issue(id)));
        c.awaitFrame(TaskUpdate.Snapshot.class::isInstance, WAIT);
        gate.countDown();

        assertEquals(1000, c.awaitClose(WAIT), c::toString);
        assertEquals(ContractClient.Ending.CLOSED, c.ending(), c::toString);
        assertClean(c);
        List<String> types = c.types();
        assertEquals("snapshot", types.get(0), types::toString);
        assertEquals("completed", types.get(types.size() - 1), types::toString);
        assertTrue(types.contains("progress"), types::toString);
        assertEquals(1, c.frames().stream().filter(TaskUpdate.Terminal.class::isInstance).count(), types::toString);
        TaskUpdate.Completed done = (TaskUpdate.Completed) c.frames().get(types.size() - 1);
        assertEquals(Map.of("etoMm", 4.5, "days", 3), done.result());
        assertEquals(engine.find(id).orElseThrow().seq(), done.seq());
        assertTrue(c.heartbeats().stream().allMatch(h -> h.framesBefore() < types.size()),
                () -> "heartbeat after the terminal frame: " + c);
        awaitReleased(t);
    }

    /** A task that already ended: one snapshot carrying the outcome, then 1000. */
    @Test
    void subscribingToAnEndedTaskGetsTheOutcomeInTheSnapshotThenNormalClose() {
        TransportUnderTest t = transport(ContractSettings.defaults());
        TaskId id = engine.submit(ContractTasks.gated(new CountDownLatch(0), 4, List.of(1, 2, 3)));
        Await.until(() -> engine.find(id).orElseThrow().isTerminal(), WAIT, () -> "the task to end");

        ContractClient c = open(id, SubscribeRequest.token(tokens.issue(id)).inQuery());
        assertEquals(1000, c.awaitClose(WAIT), c::toString);
        assertEquals(ContractClient.Ending.CLOSED, c.ending(), c::toString);
        assertClean(c);
        assertEquals(List.of("snapshot"), c.types());
        TaskUpdate.Snapshot snap = (TaskUpdate.Snapshot) c.frames().get(0);
        assertEquals(TaskState.SUCCEEDED, snap.state());
        TaskUpdate.Completed outcome = assertInstanceOf(TaskUpdate.Completed.class, snap.outcome().orElseThrow());
        assertEquals(List.of(1, 2, 3), outcome.result());
        assertEquals(engine.find(id).orElseThrow().seq(), snap.seq());
        awaitReleased(t);
    }

    /**
     * A forged token, the token of another task, an expired token, an unknown task and a malformed task id get
     * one and the same answer: 4403 (SSE: HTTP 403 with the JSON body of 4403), and no frame.
     */
    @Test
    void everyBadTokenAndEveryUnknownOrMalformedTaskGetsTheSameForbidden() {
        TransportUnderTest t = transport(ContractSettings.defaults());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            TaskId id = engine.submit(ContractTasks.gated(gate, 2, "x"));
            TaskId other = engine.submit(ContractTasks.gated(gate, 2, "y"));
            TaskId unknown = TaskId.random();
            TaskTokens past = TaskTokens.builder().key(key)
                    .clock(Clock.offset(Clock.systemUTC(), TaskTokens.DEFAULT_TTL.multipliedBy(-2))).build();
            Map<String, ContractClient> cases = new HashMap<>();
            cases.put("forged token", open(id, SubscribeRequest.token("t1.99999999999.AAAA")));
            cases.put("token of another task", open(id, SubscribeRequest.token(tokens.issue(other))));
            cases.put("expired token", open(id, SubscribeRequest.token(past.issue(id))));
            cases.put("unknown task", open(unknown, SubscribeRequest.token(tokens.issue(unknown))));
            cases.put("malformed task id", clients.open(t.endpoint("not-a-task-id"),
                    SubscribeRequest.token(tokens.issue(id))));
            if (kind() == TransportUnderTest.Kind.SSE) {
                cases.put("no token", open(id, SubscribeRequest.none()));
                cases.put("forged token in the query", open(id, SubscribeRequest.token("t1.1.AAAA").inQuery()));
            }
            cases.forEach((what, c) -> {
                assertEquals(4403, c.awaitClose(WAIT), () -> what + ": " + c);
                assertTrue(c.frames().isEmpty(), () -> what + ": " + c);
                assertEquals(kind() == TransportUnderTest.Kind.SSE ? ContractClient.Ending.REFUSED
                        : ContractClient.Ending.CLOSED, c.ending(), () -> what + ": " + c);
                assertClean(c);
            });
        } finally {
            gate.countDown();
        }
        awaitReleased(t);
    }

    /**
     * A malformed subscription gets 4400: WebSocket — not JSON, not an object, a first message that is not
     * {@code subscribe}, no token, a {@code sinceSeq} that is a string or negative; SSE — a malformed
     * {@code Last-Event-ID} or {@code sinceSeq} (HTTP 400 with the JSON body of 4400).
     */
    @Test
    void malformedSubscriptionGetsMalformedMessage() {
        TransportUnderTest t = transport(ContractSettings.defaults());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            TaskId id = engine.submit(ContractTasks.gated(gate, 2, "x"));
            SubscribeRequest valid = SubscribeRequest.token(tokens.issue(id));
            Map<String, ContractClient> cases = new HashMap<>();
            if (kind() == TransportUnderTest.Kind.WEBSOCKET) {
                for (String message : List.of("{not json", "[1,2]", "{\"type\":\"ping\"}",
                        "{\"type\":\"subscribe\"}")) {
                    ContractClient c = open(id, SubscribeRequest.none());
                    c.send(message);
                    cases.put(message, c);
                }
                cases.put("sinceSeq \"7\"", open(id, valid.sinceRaw("\"7\"")));
                cases.put("sinceSeq -5", open(id, valid.sinceRaw("-5")));
            } else {
                cases.put("Last-Event-ID abc", open(id, valid.sinceRaw("abc")));
                cases.put("Last-Event-ID -5", open(id, valid.sinceRaw("-5")));
                cases.put("Last-Event-ID 1.5", open(id, valid.sinceRaw("1.5")));
                cases.put("sinceSeq=abc", open(id, valid.sinceRaw("abc").inQuery()));
            }
            cases.forEach((what, c) -> {
                assertEquals(4400, c.awaitClose(WAIT), () -> what + ": " + c);
                assertTrue(c.frames().isEmpty(), () -> what + ": " + c);
                assertClean(c);
            });
        } finally {
            gate.countDown();
        }
        awaitReleased(t);
    }

    /** WebSocket only: a connection that sends no {@code subscribe} within the subscribe timeout gets 4408. */
    @Test
    void noSubscribeWithinTheTimeoutGetsSubscribeTimeout() {
        assumeTrue(kind() == TransportUnderTest.Kind.WEBSOCKET, "SSE subscribes with its request");
        TransportUnderTest t = transport(ContractSettings.defaults().withSubscribeTimeout(Duration.ofMillis(300)));
        TaskId id = engine.submit(ContractTasks.gated(new CountDownLatch(0), 2, "x"));
        ContractClient c = open(id, SubscribeRequest.none());
        assertEquals(4408, c.awaitClose(WAIT), c::toString);
        assertEquals(ContractClient.Ending.CLOSED, c.ending());
        assertTrue(c.frames().isEmpty(), c::toString);
        assertClean(c);
        awaitReleased(t);
    }

    /**
     * WebSocket only: a handshake whose {@code Origin} is not allowed is refused with an HTTP error (403 by the
     * protocol decision; the Java-WebSocket server can only answer 404) and no WebSocket; an allowed origin is
     * accepted.
     */
    @Test
    void handshakeFromAnOriginNotAllowedIsRefused() {
        assumeTrue(kind() == TransportUnderTest.Kind.WEBSOCKET, "the Origin allow-list is a WebSocket rule");
        TransportUnderTest t = transport(ContractSettings.defaults());
        TaskId id = engine.submit(ContractTasks.gated(new CountDownLatch(0), 2, "x"));
        SubscribeRequest request = SubscribeRequest.token(tokens.issue(id));
        ContractClient evil = open(id, request.withOrigin("https://evil.example.com"));
        evil.awaitClose(WAIT);
        assertEquals(ContractClient.Ending.REFUSED, evil.ending(), evil::toString);
        assertTrue(evil.httpStatus() >= 400 && evil.httpStatus() < 500, evil::toString);
        ContractClient allowed = open(id, request.withOrigin(ContractSettings.ALLOWED_ORIGIN));
        assertEquals(1000, allowed.awaitClose(WAIT), allowed::toString);
        assertClean(allowed);
        awaitReleased(t);
    }

    /** {@link TransportUnderTest#stop()} ends every open stream with 1001 and releases everything. */
    @Test
    void stopEndsEveryStreamWithGoingAway() {
        TransportUnderTest t = transport(ContractSettings.defaults());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            TaskId id = engine.submit(ContractTasks.gated(gate, 4, "x"));
            List<ContractClient> subscribed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ContractClient c = open(id, SubscribeRequest.token(tokens.issue(id)));
                c.awaitFrame(TaskUpdate.Snapshot.class::isInstance, WAIT);
                subscribed.add(c);
            }
            t.stop();
            for (ContractClient c : subscribed) {
                assertEquals(1001, c.awaitClose(WAIT), c::toString);
                assertEquals(ContractClient.Ending.CLOSED, c.ending(), c::toString);
                assertClean(c);
            }
            awaitReleased(t);
        } finally {
            gate.countDown();
        }
    }

    /**
     * Resume after a cut: a client subscribes from the start ({@code sinceSeq} 0), drops mid-task, and while it
     * is away the task publishes progress and two state changes (a retry); it reconnects with the last
     * {@code seq} it saw. Across both connections every retained event is delivered exactly once — progress may
     * be conflated (missing), state and terminal events may not — and the second stream ends with 1000.
     */
    @Test
    void resumeAfterACutDeliversEveryStateAndTerminalEventExactlyOnce() {
        TransportUnderTest t = transport(ContractSettings.defaults());
        Map<Long, String> published = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch atCut = new CountDownLatch(1);
        CountDownLatch cut = new CountDownLatch(1);
        CountDownLatch atResume = new CountDownLatch(1);
        CountDownLatch resumed = new CountDownLatch(1);
        Subscription all = engine.subscribeAll(e -> {
            if (!(e instanceof TaskEvent.Heartbeat) && !(e instanceof TaskEvent.Snapshot)) {
                published.put(e.seq(), e.type());
            }
        });
        try {
            TaskId id = engine.submit(ctx -> {
                ContractTasks.await(go, ctx); // the first client subscribes before any progress
                ctx.stage(Stage.COMPUTE, "attempt", ctx.attempt());
                ctx.total(10);
                for (int i = 0; i < 10; i++) {
                    if (i == 5) {
                        (ctx.attempt() == 1 ? atCut : atResume).countDown();
                        ContractTasks.await(ctx.attempt() == 1 ? cut : resumed, ctx);
                    }
                    ctx.advance(1);
                    ContractTasks.pause(ctx);
                }
                if (ctx.attempt() == 1) {
                    throw TaskFailure.retryable("ETO-3001", "error.source.unavailable", "contract");
                }
                return TaskResult.of("resumed");
            }, TaskOptions.defaults().withRetry(new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO)));
            String token = tokens.issue(id);

            // SSE: the first connection resumes through the query, the second through Last-Event-ID.
            ContractClient first = open(id, SubscribeRequest.token(token).since(0).inQuery());
            first.awaitFrame(TaskUpdate.Snapshot.class::isInstance, WAIT);
            go.countDown();
            Await.until(() -> atCut.getCount() == 0, WAIT, () -> "the task to reach the cut");
            long seqAtCut = engine.find(id).orElseThrow().seq();
            Await.until(() -> first.lastSeq() >= seqAtCut, WAIT, () -> "seq " + seqAtCut + " on " + first);
            first.drop();
            cut.countDown();
            Await.until(() -> atResume.getCount() == 0, WAIT, () -> "the retry to reach the resume point");

            ContractClient second = open(id, SubscribeRequest.token(token).since(first.lastSeq()));
            second.awaitFrame(TaskUpdate.Snapshot.class::isInstance, WAIT);
            resumed.countDown();
            assertEquals(1000, second.awaitClose(WAIT), second::toString);
            assertClean(first);
            assertClean(second);
            Await.until(() -> published.containsValue("completed"), WAIT, () -> "the engine's terminal event");

            List<TaskUpdate> delivered = new ArrayList<>();
            for (ContractClient c : List.of(first, second)) {
                for (TaskUpdate u : c.frames()) {
                    if (u instanceof TaskUpdate.Snapshot s) {
                        delivered.addAll(s.replay());
                    } else if (!(u instanceof TaskUpdate.Pong)) {
                        delivered.add(u);
                    }
                }
            }
            Set<Long> seen = new HashSet<>();
            for (TaskUpdate u : delivered) {
                assertTrue(seen.add(u.seq()), () -> "seq " + u.seq() + " delivered twice: " + describe(delivered));
                // The recording listener may itself miss progress (the engine conflates it for a busy listener),
                // never a state or terminal event.
                String type = published.getOrDefault(u.seq(), "progress");
                assertEquals(type, u.type(),
                        () -> "seq " + u.seq() + " is not what the engine published: " + describe(delivered)
                                + "; published " + published);
            }
            // queued -> running, then the retry: running -> queued -> running
            long stateChanges = published.values().stream().filter("state"::equals).count();
            assertTrue(stateChanges >= 3, () -> "the engine published " + published);
            published.forEach((seq, type) -> {
                if (!"progress".equals(type)) {
                    assertTrue(seen.contains(seq), () -> type + " #" + seq + " lost; delivered "
                            + describe(delivered) + "; published " + published);
                }
            });
            assertTrue(first.frames().stream().anyMatch(TaskUpdate.Progress.class::isInstance), first::toString);
            awaitReleased(t);
        } finally {
            all.close();
            go.countDown();
            cut.countDown();
            resumed.countDown();
        }
    }

    /**
     * A stalled reader: one subscriber stops reading while the task publishes at least
     * {@value #STALL_MIN_PUBLISHED} progress events of 8 kB. The transport's queued frames stay within the outbox
     * capacities and its buffered frames within the sinks' small backlog; the stalled stream is cut off (4429,
     * or the connection just closed) and its subscription released; a second, reading client gets every frame
     * to the terminal event and 1000.
     */
    @Test
    void stalledReaderIsCutOffWhileMemoryStaysBoundedAndOthersGetEverything() {
        TransportUnderTest t = transport(ContractSettings.defaults().withOutboxCapacity(STALL_OUTBOX)
                .withSlowConsumerTimeout(STALL_TIMEOUT));
        CountDownLatch finish = new CountDownLatch(1);
        String padding = "p".repeat(8_000); // large frames fill the socket buffers quickly
        AtomicLong progress = new AtomicLong();
        TaskId id = engine.submit(ctx -> {
            for (int i = 0; finish.getCount() > 0; i++) {
                ctx.stage("compute", padding, i); // a new stage argument: a new progress event
                ContractTasks.pause(ctx);
            }
            return TaskResult.of("finished");
        });
        Subscription counter = engine.subscribe(id, e -> {
            if (e instanceof TaskEvent.Progress) {
                progress.incrementAndGet();
            }
        }).orElseThrow();
        try {
            String token = tokens.issue(id);
            ContractClient reading = open(id, SubscribeRequest.token(token));
            reading.awaitFrame(TaskUpdate.Snapshot.class::isInstance, WAIT);
            int maxQueued = 0;
            int maxBuffered = 0;
            try (StalledReader stalled = clients.stalled(t.endpoint(id.value()), token)) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (t.stats().slowConsumerCloses() == 0 || progress.get() < STALL_MIN_PUBLISHED) {
                    TransportStats s = t.stats();
                    maxQueued = Math.max(maxQueued, s.queuedFrames());
                    maxBuffered = Math.max(maxBuffered, s.bufferedFrames());
                    assertTrue(System.nanoTime() < deadline, () -> "no slow-consumer close after " + progress.get()
                            + " progress events; stats " + t.stats() + "; reading " + reading);
                    Thread.onSpinWait();
                }
                // Two streams: each holds at most its outbox and its sink's backlog, whatever the task published.
                assertTrue(maxQueued <= 2 * STALL_OUTBOX, "queued frames " + maxQueued);
                int backlog = EventStream.SINK_BACKLOG_LIMIT + 2;
                assertTrue(maxBuffered <= 2 * backlog, "buffered frames " + maxBuffered);
                Await.until(() -> t.stats().openSubscriptions() == 1, WAIT,
                        () -> "the stalled stream's subscription released; " + t.stats());
                int before = reading.frames().size();
                Await.until(() -> reading.frames().size() > before + 10, WAIT,
                        () -> "the reading client still receiving; " + reading);
                finish.countDown();
                assertEquals(1000, reading.awaitClose(WAIT), reading::toString);
                assertClean(reading);
                List<String> types = reading.types();
                assertEquals("completed", types.get(types.size() - 1), types::toString);
                assertTrue(types.stream().filter("progress"::equals).count() > 10, types::toString);

                StalledReader.Drained drained = stalled.drain(WAIT);
                assertTrue(drained.closeCode() == 4429 || drained.closeCode() == ContractClient.ABNORMAL_CLOSURE,
                        () -> "the stalled stream ended with " + drained);
            }
            awaitReleased(t);
        } finally {
            finish.countDown();
            counter.close();
        }
    }

    /**
     * Heartbeats: with a 200 ms heartbeat and a task silent for about 1.5 s, heartbeats arrive with gaps of at
     * most three intervals and, over the silence, not more often than the interval (allowing for delivery jitter),
     * and none after the terminal event.
     */
    @Test
    void heartbeatsFillTheSilenceAndStopAfterTheTerminalEvent() {
        TransportUnderTest t = transport(ContractSettings.defaults().withHeartbeatInterval(HEARTBEAT));
        CountDownLatch gate = new CountDownLatch(1);
        TaskId id = engine.submit(ContractTasks.gated(gate, 2, "x"));
        ContractClient c = open(id, SubscribeRequest.token(tokens.issue(id)));
        try {
            c.awaitFrame(TaskUpdate.Snapshot.class::isInstance, WAIT);
            Await.until(() -> c.heartbeats().size() >= SILENT_HEARTBEATS, WAIT, () -> "heartbeats on " + c);
        } finally {
            gate.countDown();
        }
        assertEquals(1000, c.awaitClose(WAIT), c::toString);
        assertClean(c);
        List<ContractClient.Heartbeat> beats = c.heartbeats();
        List<Long> frameNanos = c.frameNanos();
        int terminalIndex = c.types().size() - 1;
        assertInstanceOf(TaskUpdate.Terminal.class, c.frames().get(terminalIndex));
        // Gaps are measured where the client receives: a late delivery lengthens one gap and shortens the next by
        // as much (on a loaded machine by 100 ms and more), while on the server every gap is at least one interval.
        // So: each gap within three intervals, and the silent heartbeats together spanning at least three quarters
        // of an interval per gap, which a transport sending them more often than the interval cannot meet.
        List<Long> received = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        long previous = -1;
        for (ContractClient.Heartbeat h : beats) {
            assertTrue(h.framesBefore() <= terminalIndex, () -> "heartbeat after the terminal frame: " + c);
            long lastSent = Math.max(previous, frameNanos.get(h.framesBefore() - 1));
            if (gaps.size() < SILENT_HEARTBEATS) { // heartbeats while the task was certainly silent
                gaps.add(h.receivedNanos() - lastSent);
                received.add(h.receivedNanos());
            }
            previous = h.receivedNanos();
        }
        String allGaps = gaps.stream().map(g -> g / 1_000_000 + " ms").toList().toString();
        for (long gap : gaps) {
            assertTrue(gap <= HEARTBEAT.toNanos() * 3, "a heartbeat gap over three intervals: " + allGaps);
        }
        long span = received.get(received.size() - 1) - received.get(0);
        assertTrue(span >= (received.size() - 1) * HEARTBEAT.toNanos() * 3 / 4,
                "heartbeats more often than every " + HEARTBEAT.toMillis() + " ms: " + allGaps);
        awaitReleased(t);
    }

    /**
     * {@value #SUBSCRIBERS} concurrent subscribers of one task, on one shared client with a few threads: each gets
     * the snapshot, exactly one terminal event and 1000; afterwards nothing is held.
     */
    @Test
    void thousandConcurrentSubscribersEachGetOneTerminalEventAndANormalClose() throws InterruptedException {
        TransportUnderTest t = transport(ContractSettings.defaults());
        CountDownLatch gate = new CountDownLatch(1);
        List<ContractClient> subscribers = new ArrayList<>();
        try {
            TaskId id = engine.submit(ContractTasks.gated(gate, 6, "fan-out"));
            String token = tokens.issue(id);
            Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
            for (int i = 0; i < SUBSCRIBERS; i++) {
                assertTrue(connecting.tryAcquire(FAN_OUT_WAIT.toSeconds(), TimeUnit.SECONDS),
                        () -> "clients stuck connecting; " + t.stats());
                SubscribeRequest request = SubscribeRequest.token(token);
                ContractClient c = open(id, i % 2 == 0 ? request : request.inQuery());
                ((RecordingClient) c).firstFrameOrEnd.whenComplete((v, e) -> connecting.release());
                subscribers.add(c);
            }
            Await.until(() -> t.stats().openSubscriptions() == SUBSCRIBERS
                            && subscribers.stream().allMatch(c -> !c.frames().isEmpty()), FAN_OUT_WAIT,
                    () -> "every subscriber's snapshot; " + t.stats() + "; ended "
                            + subscribers.stream().filter(c -> c.ending() != null).findFirst());
            gate.countDown();
            CompletableFuture.allOf(subscribers.stream().map(ContractClient::closeCode)
                    .toArray(CompletableFuture[]::new)).orTimeout(FAN_OUT_WAIT.toSeconds(), TimeUnit.SECONDS).join();
            for (ContractClient c : subscribers) {
                assertEquals(1000, c.closeCode().join(), c::toString);
                assertClean(c);
                List<TaskUpdate> terminals = c.frames().stream().filter(TaskUpdate.Terminal.class::isInstance).toList();
                assertEquals(1, terminals.size(), c::toString);
                assertEquals("fan-out", ((TaskUpdate.Completed) terminals.get(0)).result());
            }
            awaitReleased(t);
        } finally {
            gate.countDown();
            subscribers.forEach(ContractClient::close);
        }
    }

    /**
     * SSE only: the response is an event stream that proxies neither cache nor buffer
     * ({@code Content-Type: text/event-stream}, {@code Cache-Control: no-store}, {@code X-Accel-Buffering: no})
     * and starts with a {@code retry:} hint.
     */
    @Test
    void sseResponseIsAnUncachedUnbufferedEventStreamWithARetryHint() {
        assumeTrue(kind() == TransportUnderTest.Kind.SSE, "SSE response headers");
        TransportUnderTest t = transport(ContractSettings.defaults());
        TaskId id = engine.submit(ContractTasks.gated(new CountDownLatch(0), 2, "x"));
        SseContractClient c = (SseContractClient) open(id, SubscribeRequest.token(tokens.issue(id)));
        assertEquals(1000, c.awaitClose(WAIT), c::toString);
        assertClean(c);
        assertEquals(200, c.httpStatus());
        String type = String.valueOf(c.header("Content-Type")).toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        assertTrue(type.startsWith("text/event-stream"), () -> "Content-Type " + type);
        assertTrue(String.valueOf(c.header("Cache-Control")).contains("no-store"), () -> "Cache-Control "
                + c.header("Cache-Control"));
        assertEquals("no", c.header("X-Accel-Buffering"));
        assertTrue(c.retryMillis > 0, () -> "retry hint " + c.retryMillis);
        awaitReleased(t);
    }

    // ---- helpers for subclasses and tests ----

    /**
     * Starts the transport under test for this test (stopped after it).
     *
     * @param settings the settings
     * @return the running transport
     */
    protected final TransportUnderTest transport(ContractSettings settings) {
        if (transport != null) {
            transport.stop();
        }
        transport = start(engine, tokens, settings);
        return transport;
    }

    /**
     * Opens a client of this transport's kind on a task's endpoint.
     *
     * @param id      the task
     * @param request how to subscribe
     * @return the client, connecting in the background
     */
    protected final ContractClient open(TaskId id, SubscribeRequest request) {
        return clients.open(transport.endpoint(id.value()), request);
    }

    /** The engine of the current test. */
    protected final TaskEngine engine() {
        return engine;
    }

    /** The token service of the current test. */
    protected final TaskTokens tokens() {
        return tokens;
    }

    /** The clients of the current test. */
    protected final ContractClients clients() {
        return clients;
    }

    /**
     * Fails when the client saw anything protocol v1 forbids.
     *
     * @param c the client
     */
    protected static void assertClean(ContractClient c) {
        assertTrue(c.violations().isEmpty(), () -> "protocol violations: " + c.violations() + "; " + c);
    }

    /**
     * Waits until the transport holds no connection, subscription or queued frame.
     *
     * @param t the transport
     */
    protected static void awaitReleased(TransportUnderTest t) {
        Await.until(() -> {
            TransportStats s = t.stats();
            return s.openConnections() == 0 && s.openSubscriptions() == 0 && s.queuedFrames() == 0;
        }, WAIT, () -> "every connection and subscription released; " + t.stats());
    }

    private static String describe(List<TaskUpdate> updates) {
        StringBuilder b = new StringBuilder("[");
        for (TaskUpdate u : updates) {
            b.append(b.length() > 1 ? ", " : "").append(u.type()).append('#').append(u.seq());
        }
        return b.append(']').toString();
    }
}
