package org.eto4j.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import org.eto4j.progress.postgres.PostgresStoreStats;
import org.eto4j.progress.postgres.PostgresTaskStore;

/**
 * Metrics of a {@link PostgresTaskStore} (this node's share of the work) read from
 * {@link PostgresTaskStore#stats()}: tasks claimed, expired leases reaped, finished tasks purged, LISTEN
 * reconnects, and whether the LISTEN connection is up.
 *
 * <pre>{@code
 * new PostgresStoreMetrics(store).bindTo(registry);
 * }</pre>
 */
public final class PostgresStoreMetrics implements MeterBinder {
    /** Counter of tasks this node claimed from the shared queue. */
    public static final String CLAIMS = "eto.store.claims";
    /** Counter of tasks whose expired lease this node's reaper handled. */
    public static final String LEASE_REAPS = "eto.store.lease.reaps";
    /** Counter of finished tasks this node deleted after their retention. */
    public static final String PURGED = "eto.store.purged";
    /** Counter of LISTEN connections re-established after a loss. */
    public static final String LISTEN_RECONNECTS = "eto.store.listen.reconnects";
    /** Gauge: 1 while the LISTEN connection is up, else 0. */
    public static final String LISTENING = "eto.store.listening";

    private final PostgresTaskStore store;
    private final Tags tags;

    /**
     * Metrics of a store, without extra tags.
     *
     * @param store the store
     */
    public PostgresStoreMetrics(PostgresTaskStore store) {
        this(store, Tags.empty());
    }

    /**
     * Metrics of a store.
     *
     * @param store the store
     * @param tags  tags added to every meter
     */
    public PostgresStoreMetrics(PostgresTaskStore store, Iterable<Tag> tags) {
        this.store = Objects.requireNonNull(store, "store");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        FunctionCounter.builder(CLAIMS, store, s -> s.stats().claimedTasks()).tags(tags)
                .description("Tasks claimed from the shared queue").baseUnit("tasks").register(registry);
        FunctionCounter.builder(LEASE_REAPS, store, s -> s.stats().leaseReaps()).tags(tags)
                .description("Tasks whose expired lease was reaped").baseUnit("tasks").register(registry);
        FunctionCounter.builder(PURGED, store, s -> s.stats().purgedTasks()).tags(tags)
                .description("Finished tasks deleted after retention").baseUnit("tasks").register(registry);
        FunctionCounter.builder(LISTEN_RECONNECTS, store, s -> s.stats().listenReconnects()).tags(tags)
                .description("LISTEN connections re-established").register(registry);
        Gauge.builder(LISTENING, store, s -> listening(s.stats())).tags(tags)
                .description("1 while the LISTEN connection is up").register(registry);
    }

    private static double listening(PostgresStoreStats stats) {
        return stats.listening() ? 1 : 0;
    }
}
