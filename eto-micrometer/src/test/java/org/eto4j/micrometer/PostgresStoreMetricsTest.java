package org.eto4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.postgres.TestDatabase;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Store meters against a real PostgreSQL: claims, a reaped lease and a LISTEN reconnect each move a counter. */
class PostgresStoreMetricsTest {
    /** How long an outcome on another thread may take before the test fails. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestDatabase db = TestDatabase.create();

    @AfterEach
    void close() {
        db.close();
    }

    private double counter(String name) {
        return registry.get(name).functionCounter().count();
    }

    @Test
    void claimsLeaseReapsAndReconnectsAreCounted() {
        PostgresTaskStore store = db.closeLater(PostgresTaskStore.builder(db.pool(4)).listenerDataSource(db.unpooled())
                .nodeId("metrics-a").reapInterval(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(50)).build());
        TaskEngine engine = db.closeLater(TaskEngine.builder().store(store).nodeId(store.nodeId()).workers(2)
                .taskType("echo", p -> ctx -> TaskResult.of(p)).build());
        new PostgresStoreMetrics(store).bindTo(registry);
        Await.until(store::isListening, WAIT, () -> "listening");
        assertEquals(1, registry.get(PostgresStoreMetrics.LISTENING).gauge().value());
        assertEquals(0, counter(PostgresStoreMetrics.CLAIMS));

        for (int i = 0; i < 3; i++) {
            TaskId id = engine.submit("echo", Map.of("n", i), TaskOptions.defaults());
            Await.until(() -> engine.find(id).map(s -> s.state() == TaskState.SUCCEEDED).orElse(false), WAIT,
                    () -> id + " done");
        }
        assertEquals(3, counter(PostgresStoreMetrics.CLAIMS));

        // A node that claims a task and dies: its lease expires and this node's reaper hands the task back.
        PostgresTaskStore dead = PostgresTaskStore.builder(db.pool(1)).listen(false).nodeId("metrics-dead")
                .leaseDuration(Duration.ofSeconds(1)).reapInterval(Duration.ofHours(1)).build();
        TaskSnapshot orphan = TaskSnapshot.queued(TaskId.random(), "orphan", Instant.now());
        dead.create(orphan, TaskOptions.defaults().withType("orphan"), null);
        assertEquals(1, dead.claim("metrics-dead", Set.of("orphan"), 1).size());
        dead.close();
        Await.until(() -> counter(PostgresStoreMetrics.LEASE_REAPS) == 1, WAIT, () -> "lease reaped: " + store.stats());

        // The LISTEN connection is cut by the server: the node reconnects and says so.
        assertEquals(0, counter(PostgresStoreMetrics.LISTEN_RECONNECTS));
        db.query("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity"
                + " WHERE application_name = 'eto4j-listen-metrics-a'");
        Await.until(() -> counter(PostgresStoreMetrics.LISTEN_RECONNECTS) == 1, WAIT,
                () -> "reconnected: " + store.stats());
        Await.until(() -> registry.get(PostgresStoreMetrics.LISTENING).gauge().value() == 1, WAIT,
                () -> "listening again");
    }
}
