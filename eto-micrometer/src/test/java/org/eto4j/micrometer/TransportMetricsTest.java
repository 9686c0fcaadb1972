package org.eto4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportStats;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.internal.StreamHub;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transport meters over the stream hub every transport runs on, with a connection that records what it is sent. */
class TransportMetricsTest {
    /** How long an outcome on another thread may take before the test fails. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TaskEngine engine;
    private StreamHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.stop(Duration.ofSeconds(5));
        }
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    /** A connection that takes every frame at once. */
    static final class RecordingSink implements EventStream.Sink {
        final List<EventStream.Frame> frames = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int backlog() {
            return 0;
        }

        @Override
        public boolean send(EventStream.Frame frame) {
            frames.add(frame);
            return true;
        }

        @Override
        public void close(CloseCode code) {
            closed.countDown();
        }
    }

    private double value(String name) {
        return registry.get(name).tags("transport", "test").meter().measure().iterator().next().getValue();
    }

    @Test
    void framesSentAndConnectionsMoveAsAStreamRuns() throws Exception {
        engine = TaskEngine.builder().workers(1).build();
        TaskTokens tokens = TaskTokens.builder().key(TaskTokens.generateKey()).build();
        hub = new StreamHub(engine, tokens, ProtocolV1.defaults(), Clock.systemUTC(), 64, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10), 4096, "metrics-test");
        hub.start();
        new TransportMetrics("test", hub::stats).bindTo(registry);
        System.gc(); // the stats supplier is referenced by the meters alone: it must survive a collection
        assertEquals(0, value(TransportMetrics.CONNECTIONS));
        assertEquals(0, value(TransportMetrics.FRAMES_SENT));

        CountDownLatch go = new CountDownLatch(1);
        TaskId id = engine.submit(ctx -> {
            go.await();
            ctx.stage(Stage.COMPUTE);
            return TaskResult.of("ok");
        });
        RecordingSink sink = new RecordingSink();
        EventStream stream = hub.open(sink, id.value());
        assertEquals(EventStream.SubscribeResult.SUBSCRIBED, stream.subscribe(tokens.issue(id), -1));
        assertEquals(1, value(TransportMetrics.CONNECTIONS));
        assertEquals(1, value(TransportMetrics.SUBSCRIPTIONS));
        go.countDown();
        assertTrue(sink.closed.await(10, TimeUnit.SECONDS), "closed after the terminal frame");
        stream.release();
        Await.until(() -> value(TransportMetrics.CONNECTIONS) == 0, WAIT, () -> "connection released");
        assertTrue(sink.frames.size() >= 2, sink.frames.toString()); // snapshot … completed
        assertEquals(sink.frames.size(), value(TransportMetrics.FRAMES_SENT));
        assertEquals(0, value(TransportMetrics.SLOW_CONSUMER_CLOSES));
    }

    @Test
    void readsWhateverStatsTheTransportReports() {
        TransportStats[] now = {new TransportStats(3, 2, 5, 1, 4, 100)};
        new TransportMetrics("test", () -> now[0]).bindTo(registry);
        System.gc();
        assertEquals(3, value(TransportMetrics.CONNECTIONS));
        assertEquals(2, value(TransportMetrics.SUBSCRIPTIONS));
        assertEquals(5, value(TransportMetrics.FRAMES_QUEUED));
        assertEquals(1, value(TransportMetrics.FRAMES_BUFFERED));
        assertEquals(4, value(TransportMetrics.SLOW_CONSUMER_CLOSES));
        assertEquals(100, value(TransportMetrics.FRAMES_SENT));
        now[0] = new TransportStats(0, 0, 0, 0, 5, 130);
        assertEquals(5, value(TransportMetrics.SLOW_CONSUMER_CLOSES));
        assertEquals(130, value(TransportMetrics.FRAMES_SENT));
        assertEquals(0, value(TransportMetrics.CONNECTIONS));
    }
}
