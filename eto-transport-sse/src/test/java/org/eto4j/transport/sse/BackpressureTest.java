package org.eto4j.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reader that stops reading: it is cut off after the slow-consumer timeout, the server's memory for it stays
 * bounded, its connection is closed, no thread stays blocked on it, and another reader is served throughout.
 */
class BackpressureTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int OUTBOX = 8;

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void aStalledReaderIsCutOffWithBoundedMemoryWhileAnotherKeepsReceiving(Server.Kind kind) throws Exception {
        try (Fixture f = new Fixture(kind, b -> b.slowConsumerTimeout(Duration.ofMillis(300)).outboxCapacity(OUTBOX)
                .maxBufferedBytes(64 * 1024).writerThreads(2), Duration.ofSeconds(1))) {
            // ~32 KiB progress frames, so that the kernel's socket buffers fill within a fraction of a second
            String large = "x".repeat(32 * 1024);
            CountDownLatch finish = new CountDownLatch(1);
            TaskId id = f.engine.submit(ctx -> {
                ctx.stage(Stage.COMPUTE, large);
                ctx.total(1_000_000);
                for (int i = 0; i < 1_000_000 && finish.getCount() > 0; i++) {
                    ctx.advance(1);
                    Fixture.pause(ctx);
                }
                return TaskResult.of(Map.of("etoMm", 1.0));
            });
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096); // before connect: a small window
                stalled.connect(new InetSocketAddress("127.0.0.1", f.server.port()));
                OutputStream out = stalled.getOutputStream();
                out.write(("GET /events/" + id + "?token=" + f.token(id) + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + f.server.port()
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();

                try (SseClient live = SseClient.open(f.uriWithToken(id))) {
                    assertEquals("snapshot", live.nextEvent(WAIT).event());
                    int[] max = new int[2];
                    Await.until(() -> {
                        TransportStats s = f.transport.stats();
                        max[0] = Math.max(max[0], s.queuedFrames());
                        max[1] = Math.max(max[1], s.bufferedFrames());
                        return s.slowConsumerCloses() >= 1;
                    }, WAIT, () -> "the stalled reader cut off: " + f.transport.stats());
                    assertTrue(max[0] <= 2 * OUTBOX, "outboxes bounded: " + max[0]);
                    assertTrue(max[1] <= 2 * org.eto4j.transport.internal.EventStream.SINK_BACKLOG_LIMIT,
                            "buffers bounded: " + max[1]);
                    Await.until(() -> f.transport.stats().openSubscriptions() == 1
                                    && f.transport.stats().openConnections() == 1, WAIT,
                            () -> "only the live reader's subscription left: " + f.transport.stats());
                    assertEquals(1, f.transport.stats().slowConsumerCloses());

                    // The live reader is still served after the cut-off.
                    AtomicInteger after = new AtomicInteger();
                    Await.until(() -> {
                        while (live.events.poll() != null) {
                            after.incrementAndGet();
                        }
                        return after.get() >= 5;
                    }, WAIT, () -> "events after the cut-off");

                    // The stalled connection was closed by the server (the JDK server at once, Jetty by its
                    // idle timeout): reading it reaches its end.
                    stalled.setSoTimeout((int) WAIT.toMillis());
                    assertTrue(drainsToEnd(stalled.getInputStream()), "the stalled connection is closed");
                    assertTrue(blockedWriters().isEmpty(), "no writer blocked: " + blockedWriters());

                    finish.countDown();
                    List<SseClient.Event> rest = live.untilClose(WAIT);
                    assertEquals("completed", rest.get(rest.size() - 2).event());
                    assertEquals(1000, rest.get(rest.size() - 1).json().get("code").asInt());
                }
            }
            Await.until(() -> f.transport.stats().openConnections() == 0, WAIT, () -> "all released");
            assertEquals(0, f.transport.stats().queuedFrames());
            assertEquals(0, f.transport.stats().bufferedFrames());
        }
    }

    /** Reads to the end of the stream; a reset also counts as the end. */
    private static boolean drainsToEnd(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset by the server
        }
    }

    /** Writer threads of the transport currently inside a socket write. */
    private static List<String> blockedWriters() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("test-sse-writer"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("sun.nio.ch")
                        && f.getMethodName().startsWith("write")))
                .map(e -> e.getKey().getName()).toList();
    }
}
