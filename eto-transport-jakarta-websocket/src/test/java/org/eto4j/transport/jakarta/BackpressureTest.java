package org.eto4j.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reader that stops reading is closed with 4429 while memory stays bounded and other clients keep receiving. */
class BackpressureTest {
    private static final int OUTBOX = 8;
    private JettyFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void stalledReaderIsClosedWith4429MemoryStaysBoundedAndOthersKeepReceiving() throws Exception {
        fx = new JettyFixture(b -> b.outboxCapacity(OUTBOX).slowConsumerTimeout(Duration.ofSeconds(1)));
        CountDownLatch stop = new CountDownLatch(1);
        String padding = "p".repeat(64_000); // 64 kB frames fill the kernel's socket buffers within a second
        TaskId id = fx.engine.submit(ctx -> {
            for (int i = 0; stop.getCount() > 0; i++) {
                ctx.stage("compute", padding, i); // each new stage argument is a new progress event
                JettyFixture.pause(ctx);
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
        Probe stalled = Probe.openStalled(fx.uri(id)).subscribe(fx.token(id)); // never asks for a message
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
        // the stalled reader, reading at last, finds what was handed to the container, in order, then 4429
        stalled.resume();
        assertEquals(4429, stalled.awaitClose());
        assertEquals("transport.close.4429", stalled.closeReason);
        assertEquals("snapshot", stalled.types().get(0));
        stalled.assertEnvelopes(id.value());

        // bounded: at most the two outboxes and the two sinks' queues, whatever the task published
        assertTrue(maxQueued <= 2 * OUTBOX, "queued " + maxQueued);
        assertTrue(maxBuffered <= 2 * (EventStream.SINK_BACKLOG_LIMIT + 1), "buffered " + maxBuffered);
        assertEquals(1, fx.transport.stats().slowConsumerCloses());
        Await.until(() -> fx.transport.stats().openSubscriptions() == 1 && fx.transport.stats().openConnections() == 1,
                Duration.ofSeconds(10), () -> fx.transport.stats().toString());

        // the fast client was never held back: it keeps receiving after the stalled one was cut off
        int before = fast.frames.size();
        long publishedBefore = published.get();
        Await.until(() -> fast.frames.size() > before + 20, Duration.ofSeconds(10), () -> "fast client frames");
        assertTrue(published.get() > publishedBefore);
        stop.countDown();
        assertEquals(1000, fast.awaitClose());
        assertEquals("completed", fast.types().get(fast.types().size() - 1));
        assertTrue(published.get() > 5L * (OUTBOX + EventStream.SINK_BACKLOG_LIMIT),
                "the task published " + published.get() + " progress events, far more than any buffer");
        Await.until(() -> fx.transport.stats().openConnections() == 0 && fx.transport.stats().openSubscriptions() == 0
                && fx.transport.stats().queuedFrames() == 0 && fx.transport.stats().bufferedFrames() == 0,
                Duration.ofSeconds(10), () -> fx.transport.stats().toString());
    }

    @Test
    void backedUpSessionConflatesProgressButKeepsEveryStateAndTerminalFrame() {
        fx = new JettyFixture(b -> b.outboxCapacity(OUTBOX).slowConsumerTimeout(Duration.ofSeconds(60)));
        String padding = "q".repeat(64_000);
        TaskId id = fx.engine.submit(ctx -> {
            for (int i = 0; ; i++) {
                ctx.stage("compute", padding, i);
                JettyFixture.pause(ctx); // ends with TaskCancelledException once cancelled
            }
        });
        AtomicLong published = new AtomicLong();
        fx.engine.subscribe(id, e -> {
            if (e instanceof TaskEvent.Progress) {
                published.incrementAndGet();
            }
        });
        Probe stalled = Probe.openStalled(fx.uri(id)).subscribe(fx.token(id));
        Await.until(() -> fx.transport.stats().queuedFrames() > 0, Duration.ofSeconds(20),
                () -> "backed up; " + fx.transport.stats());
        long atBackup = published.get();
        Await.until(() -> published.get() > atBackup + 50, Duration.ofSeconds(20), () -> "more progress");
        fx.engine.cancel(id);
        Await.until(() -> fx.engine.find(id).orElseThrow().isTerminal(), Duration.ofSeconds(20), () -> "cancelled");
        assertTrue(fx.transport.stats().queuedFrames() <= OUTBOX, fx.transport.stats()::toString);

        stalled.resume();
        assertEquals(1000, stalled.awaitClose());
        stalled.assertEnvelopes(id.value());
        assertEquals("snapshot", stalled.types().get(0));
        assertEquals("cancelled", stalled.types().get(stalled.types().size() - 1), stalled.types()::toString);
        assertTrue(stalled.types().contains("state"), stalled.types()::toString); // running -> cancelling
        long progressFrames = stalled.frames.stream().filter(Probe.type("progress")).count();
        assertTrue(progressFrames < published.get(),
                () -> progressFrames + " progress frames of " + published.get() + " published: none conflated");
        assertEquals(0, fx.transport.stats().slowConsumerCloses());
        for (JsonNode f : stalled.frames) {
            assertTrue(f.isObject(), f::toString);
        }
    }
}
