package org.eto4j.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.Supplier;
import org.eto4j.transport.TransportStats;

/**
 * Metrics of one transport (WebSocket, Jakarta WebSocket, Server-Sent Events, or a sum of several) read from its
 * {@link TransportStats}: open connections and subscriptions, frames waiting and buffered, frames sent and
 * slow-consumer closes.
 *
 * <pre>{@code
 * new TransportMetrics("sse", sse::stats).bindTo(registry);           // tag transport=sse
 * new TransportMetrics("websocket", webSocket::stats).bindTo(registry);
 * }</pre>
 *
 * <p>Every meter carries the tag {@code transport} with the given name. The stats are read when the registry
 * reads a meter (a scrape), never in between.
 */
public final class TransportMetrics implements MeterBinder {
    /** Gauge of open connections (WebSocket sessions, SSE responses). */
    public static final String CONNECTIONS = "eto.transport.connections";
    /** Gauge of task-engine subscriptions held for connections. */
    public static final String SUBSCRIPTIONS = "eto.transport.subscriptions";
    /** Gauge of frames waiting in connections' outboxes. */
    public static final String FRAMES_QUEUED = "eto.transport.frames.queued";
    /** Gauge of frames handed to the socket layer and not yet written. */
    public static final String FRAMES_BUFFERED = "eto.transport.frames.buffered";
    /** Counter of frames (events and heartbeats) sent. */
    public static final String FRAMES_SENT = "eto.transport.frames.sent";
    /** Counter of connections closed for a slow consumer (close code 4429). */
    public static final String SLOW_CONSUMER_CLOSES = "eto.transport.slow.consumer.closes";

    private final Supplier<TransportStats> stats;
    private final Tags tags;

    /**
     * Metrics of a transport.
     *
     * @param transport the value of the {@code transport} tag, e.g. {@code sse}, {@code websocket}
     * @param stats     reads the transport's current stats, e.g. {@code transport::stats}
     */
    public TransportMetrics(String transport, Supplier<TransportStats> stats) {
        this(transport, stats, Tags.empty());
    }

    /**
     * Metrics of a transport, with extra tags.
     *
     * @param transport the value of the {@code transport} tag
     * @param stats     reads the transport's current stats
     * @param tags      tags added to every meter
     */
    public TransportMetrics(String transport, Supplier<TransportStats> stats, Iterable<Tag> tags) {
        Objects.requireNonNull(transport, "transport");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags")).and("transport", transport);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        // Registries hold a gauge's or function counter's object weakly; a method reference such as sse::stats is
        // referenced by nothing else, so the gauges hold it strongly, which also keeps it for the counters.
        Gauge.builder(CONNECTIONS, stats, s -> s.get().openConnections()).tags(tags).strongReference(true)
                .description("Open transport connections").baseUnit("connections").register(registry);
        Gauge.builder(SUBSCRIPTIONS, stats, s -> s.get().openSubscriptions()).tags(tags).strongReference(true)
                .description("Task subscriptions held for connections").baseUnit("subscriptions").register(registry);
        Gauge.builder(FRAMES_QUEUED, stats, s -> s.get().queuedFrames()).tags(tags).strongReference(true)
                .description("Frames waiting in connection outboxes").baseUnit("frames").register(registry);
        Gauge.builder(FRAMES_BUFFERED, stats, s -> s.get().bufferedFrames()).tags(tags).strongReference(true)
                .description("Frames handed to the socket layer, not yet written")
                .baseUnit("frames").register(registry);
        FunctionCounter.builder(FRAMES_SENT, stats, s -> s.get().framesSent()).tags(tags)
                .description("Frames sent to connections").baseUnit("frames").register(registry);
        FunctionCounter.builder(SLOW_CONSUMER_CLOSES, stats, s -> s.get().slowConsumerCloses()).tags(tags)
                .description("Connections closed for a slow consumer (4429)")
                .baseUnit("connections").register(registry);
    }
}
