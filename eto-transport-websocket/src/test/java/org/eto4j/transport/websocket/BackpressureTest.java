package org.eto4j.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A stalled reader is closed with 4429 while memory stays bounded and other clients are not delayed. */
class BackpressureTest {
    private static final int OUTBOX = 8;
    private Fixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void stalledReaderIsClosedWith4429MemoryStaysBoundedAndOthersKeepReceiving() throws Exception {
        // A long connection-lost timeout: the stall must be caught by the slow-consumer policy, not by pings.
        fx = new Fixture(b -> b.outboxCapacity(OUTBOX).slowConsumerTimeout(Duration.ofSeconds(1))
                .connectionLostTimeout(Duration.ofSeconds(60)));
        CountDownLatch stop = new CountDownLatch(1);
        String padding = "p".repeat(16_000); // 16 kB frames fill the socket buffers quickly
        TaskId id = fx.engine.submit(ctx -> {
            for (int i = 0; stop.getCount() > 0; i++) {
                ctx.stage("compute", padding, i); // each new stage argument is a new progress event
                Fixture.pause(ctx);
            }
            return TaskResult.of("finished");
        });
        AtomicLong published = new AtomicLong();
        fx.engine.subscribe(id, e -> {
            if (e instanceof TaskEvent.Progress) {
                published.incrementAndGet();
            }
        });

        Probe fast = Probe.open(fx.uri(id)).subscribe(fx.token(id));
        try (RawClient stalled = new RawClient(fx.transport.port(), "/ws/" + id, 2048)) {
            stalled.sendText("{\"type\":\"subscribe\",\"token\":\"" + fx.token(id) + "\"}");
            // never read: the server's socket buffer fills, then its outbox, then it must give up
            int maxQueued = 0;
            int maxBuffered = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (fx.transport.stats().slowConsumerCloses() == 0) {
                TransportStats s = fx.transport.stats();
                maxQueued = Math.max(maxQueued, s.queuedFrames());
                maxBuffered = Math.max(maxBuffered, s.bufferedFrames());
                assertTrue(System.nanoTime() < deadline, () -> "no 4429; stats " + fx.transport.stats());
                Thread.onSpinWait();
            }
            // bounded: at most the two outboxes and the two socket queues, whatever the task published
            assertTrue(maxQueued <= 2 * OUTBOX, "queued " + maxQueued);
            assertTrue(maxBuffered <= 2 * (EventStream.SINK_BACKLOG_LIMIT + 2), "buffered " + maxBuffered);
            // the stalled connection's engine subscription is released (asynchronously, by the engine)
            Await.until(() -> fx.transport.stats().openSubscriptions() == 1, Duration.ofSeconds(10),
                    () -> fx.transport.stats().toString());

            // the fast client was never held back: it keeps receiving while the stalled one is closed
            int before = fast.frames.size();
            long publishedBefore = published.get();
            Await.until(() -> fast.frames.size() > before + 20, Duration.ofSeconds(10), () -> "fast client frames");
            assertTrue(published.get() > publishedBefore);
            stop.countDown();
            assertEquals(1000, fast.awaitClose());
            assertEquals("completed", fast.types().get(fast.types().size() - 1));
            assertTrue(published.get() > 5L * (OUTBOX + EventStream.SINK_BACKLOG_LIMIT),
                    "the task published " + published.get() + " progress events, far more than any buffer");

            // when the stalled reader finally reads, the close frame 4429 is there after what was buffered
            assertBufferedFramesThen4429(stalled);
        }
        Await.until(() -> fx.transport.stats().openConnections() == 0 && fx.transport.stats().openSubscriptions() == 0,
                Duration.ofSeconds(10), () -> fx.transport.stats().toString());
    }

    @Test
    void backedUpConnectionConflatesProgressButKeepsEveryStateAndTerminalFrame() throws Exception {
        // A small kernel send buffer, so that the stalled reader backs the connection up whatever the kernel's
        // autotuning would otherwise absorb (megabytes on loopback: then nothing needs conflating).
        fx = new Fixture(b -> b.outboxCapacity(OUTBOX).slowConsumerTimeout(Duration.ofSeconds(60))
                .connectionLostTimeout(Duration.ofSeconds(60)).socketSendBufferBytes(4096));
        String padding = "q".repeat(16_000);
        TaskId id = fx.engine.submit(ctx -> {
            for (int i = 0; ; i++) {
                ctx.stage("compute", padding, i);
                Fixture.pause(ctx); // ends with TaskCancelledException once cancelled
            }
        });
        AtomicLong published = new AtomicLong();
        fx.engine.subscribe(id, e -> {
            if (e instanceof TaskEvent.Progress) {
                published.incrementAndGet();
            }
        });
        try (RawClient stalled = new RawClient(fx.transport.port(), "/ws/" + id, 2048)) {
            stalled.sendText("{\"type\":\"subscribe\",\"token\":\"" + fx.token(id) + "\"}");
            Await.until(() -> fx.transport.stats().queuedFrames() > 0, Duration.ofSeconds(20),
                    () -> "backed up; " + fx.transport.stats());
            long atBackup = published.get();
            Await.until(() -> published.get() > atBackup + 50, Duration.ofSeconds(20), () -> "more progress");
            fx.engine.cancel(id);
            Await.until(() -> fx.engine.find(id).orElseThrow().isTerminal(), Duration.ofSeconds(20), () -> "cancelled");
            assertTrue(fx.transport.stats().queuedFrames() <= OUTBOX, fx.transport.stats()::toString);

            List<RawClient.Frame> frames = new ArrayList<>();
            assertEquals(1000, stalled.readUntilClose(frames));
            List<String> types = new ArrayList<>();
            long last = -1;
            for (RawClient.Frame f : frames) {
                com.fasterxml.jackson.databind.JsonNode n = Probe.JSON.readTree(f.text());
                types.add(n.path("type").asText());
                assertTrue(n.path("seq").asLong() >= last);
                last = n.path("seq").asLong();
            }
            assertEquals("snapshot", types.get(0));
            assertEquals("cancelled", types.get(types.size() - 1), types::toString);
            assertTrue(types.contains("state"), types::toString); // running -> cancelling, never dropped
            long progressFrames = types.stream().filter("progress"::equals).count();
            assertTrue(progressFrames < published.get(),
                    () -> progressFrames + " progress frames of " + published.get() + " published: none conflated");
            assertEquals(0, fx.transport.stats().slowConsumerCloses());
        }
    }

    @Test
    void outboxOverflowOfStateFramesClosesWith4429AtOnce() throws Exception {
        // The slow-consumer timeout is far beyond the test's waits, so a 4429 here can only come from an outbox
        // overflow. The server's socket send buffer is pinned small (as is the stalled reader's receive buffer):
        // what the kernel can absorb is then a few dozen kB whatever the machine's TCP tuning, so an endless
        // stream of state frames (never conflated) must overflow the outbox; without the pin, Linux's automatic
        // tuning could absorb megabytes of them first.
        fx = new Fixture(b -> b.outboxCapacity(4).slowConsumerTimeout(Duration.ofMinutes(5))
                .connectionLostTimeout(Duration.ofSeconds(60)).socketSendBufferBytes(4096));
        CountDownLatch backedUp = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        String padding = "r".repeat(16_000);
        TaskId id = fx.engine.submit(ctx -> {
            attempts.incrementAndGet();
            if (ctx.attempt() == 1) {
                for (int i = 0; backedUp.getCount() > 0; i++) { // fill the socket with big progress frames
                    ctx.stage("download", padding, i);
                    Fixture.pause(ctx);
                }
            }
            // then retry over and over: every retry is two state frames, which are never conflated
            throw org.eto4j.progress.TaskFailure.retryable("ETO-3001", "error.source.unavailable", "test");
        }, org.eto4j.progress.TaskOptions.defaults().withRetry(
                new org.eto4j.progress.RetryPolicy(100_000, Duration.ZERO, 1.0, Duration.ZERO)));
        try (RawClient stalled = new RawClient(fx.transport.port(), "/ws/" + id, 2048)) {
            stalled.sendText("{\"type\":\"subscribe\",\"token\":\"" + fx.token(id) + "\"}");
            Await.until(() -> fx.transport.stats().queuedFrames() > 0, Duration.ofSeconds(20),
                    () -> "backed up; " + fx.transport.stats());
            backedUp.countDown();
            Await.until(() -> fx.transport.stats().slowConsumerCloses() == 1, Duration.ofSeconds(60),
                    () -> "4429 on overflow after " + attempts.get() + " attempts; " + fx.transport.stats());
            // the close drops what the outbox held (counted just before the close clears it, so wait for it)
            Await.until(() -> fx.transport.stats().queuedFrames() == 0, Duration.ofSeconds(10),
                    () -> "outbox dropped; " + fx.transport.stats());
            fx.engine.cancel(id);
            // the stalled reader, reading at last, finds what the kernel held (in order), then the close frame 4429
            assertBufferedFramesThen4429(stalled);
        }
        Await.until(() -> fx.transport.stats().openConnections() == 0 && fx.transport.stats().openSubscriptions() == 0,
                Duration.ofSeconds(10), () -> fx.transport.stats().toString());
    }

    /** Reads what the kernel held for a stalled reader: the snapshot first, seqs never decreasing, then 4429. */
    private static void assertBufferedFramesThen4429(RawClient stalled) throws Exception {
        List<RawClient.Frame> frames = new ArrayList<>();
        assertEquals(4429, stalled.readUntilClose(frames));
        assertTrue(frames.get(0).text().contains("\"type\":\"snapshot\""));
        long last = -1;
        for (RawClient.Frame f : frames) {
            long seq = Probe.JSON.readTree(f.text()).path("seq").asLong();
            assertTrue(seq >= last);
            last = seq;
        }
    }
}
