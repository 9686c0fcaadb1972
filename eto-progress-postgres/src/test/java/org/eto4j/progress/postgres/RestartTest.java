package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.testing.Recorder;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tasks and results survive stopping the engine and its store and starting new ones on the same database. */
class RestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestDatabase db;

    @BeforeEach
    void database() {
        db = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static TaskFactory sum() {
        return params -> ctx -> {
            Map<?, ?> p = (Map<?, ?>) params;
            return TaskResult.of(Map.of("sum", ((Number) p.get("a")).intValue() + ((Number) p.get("b")).intValue()));
        };
    }

    @Test
    void tasksAndResultsSurviveARestart() throws Exception {
        CountDownLatch blocking = new CountDownLatch(1);
        PostgresTaskStore store1 = db.store("first").build();
        TaskEngine engine1 = TaskEngine.builder().store(store1).nodeId("first").workers(1)
                .taskType("sum", sum())
                .taskType("gate", params -> ctx -> {
                    blocking.countDown();
                    new CountDownLatch(1).await(); // until the shutdown cancels it
                    return TaskResult.none();
                })
                .build();
        TaskId finished = engine1.submit("sum", Map.of("a", 2, "b", 3), TaskOptions.defaults());
        AtomicReference<TaskSnapshot> done = new AtomicReference<>();
        Await.until(() -> done.updateAndGet(
                x -> engine1.find(finished).filter(TaskSnapshot::isTerminal).orElse(null)) != null,
                WAIT, () -> "first task done");
        TaskSnapshot before = done.get();
        assertEquals(TaskState.SUCCEEDED, before.state());

        TaskId gate = engine1.submit("gate", null, TaskOptions.defaults());
        assertTrue(blocking.await(20, TimeUnit.SECONDS));
        List<TaskId> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(engine1.submit("sum", Map.of("a", i, "b", 10), TaskOptions.defaults()));
        }
        assertTrue(engine1.shutdown(Duration.ofMillis(100)));
        store1.close();
        for (TaskId id : waiting) {
            assertEquals(TaskState.QUEUED, db.query("SELECT state FROM eto_task WHERE id = '" + id + "'").stream()
                    .map(TaskState::fromWireName).findFirst().orElseThrow(), "queued tasks stay queued in the store");
        }

        PostgresTaskStore store2 = db.store("second").build();
        TaskEngine engine2 = TaskEngine.builder().store(store2).nodeId("second").workers(2)
                .taskType("sum", sum()).build();
        try {
            TaskSnapshot after = engine2.find(finished).orElseThrow();
            assertEquals(before.outcome(), after.outcome(), "the result survived");
            assertEquals(Map.of("sum", 5),
                    ((TaskResult.Value) ((TaskEvent.Completed) after.outcome().orElseThrow()).result()).value());
            assertEquals(TaskState.CANCELLED, engine2.find(gate).orElseThrow().state(),
                    "running at the deadline: cancelled");
            for (int i = 0; i < waiting.size(); i++) {
                TaskId id = waiting.get(i);
                AtomicReference<TaskSnapshot> restarted = new AtomicReference<>();
                Await.until(() -> restarted.updateAndGet(
                        x -> engine2.find(id).filter(TaskSnapshot::isTerminal).orElse(null)) != null,
                        WAIT, () -> id + " done after the restart");
                TaskSnapshot s = restarted.get();
                assertEquals(Map.of("sum", i + 10),
                        ((TaskResult.Value) ((TaskEvent.Completed) s.outcome().orElseThrow()).result()).value());
            }
            Recorder r = new Recorder();
            engine2.subscribe(finished, 0, r).orElseThrow();
            assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose(WAIT));
            TaskEvent.Snapshot snap = assertInstanceOf(TaskEvent.Snapshot.class, r.events().get(0));
            assertEquals(before.outcome().orElseThrow(), snap.replay().get(snap.replay().size() - 1));
        } finally {
            engine2.shutdown(Duration.ofSeconds(2));
            store2.close();
        }
    }

    @Test
    void theSchemaIsMigratedOnceAndRecorded() {
        db.store("a").build().close();
        db.store("b").build().close();
        assertEquals(List.of("1 V1__tasks.sql", "2 V2__read_at.sql"),
                db.query("SELECT version || ' ' || name FROM eto_schema_version ORDER BY version"));
    }

    @Test
    void aChangedMigrationIsRefused() {
        db.store("a").build().close();
        db.execute("UPDATE eto_schema_version SET checksum = 'edited' WHERE version = 1");
        PostgresStoreException e = org.junit.jupiter.api.Assertions.assertThrows(PostgresStoreException.class,
                () -> db.store("b").build());
        assertEquals(PostgresStoreErrorCode.MIGRATION_CHANGED, e.code());
        assertEquals(List.of(1, "V1__tasks.sql"), e.args());
    }

    @Test
    void badOptionsAreNamed() {
        PostgresStoreException e = org.junit.jupiter.api.Assertions.assertThrows(PostgresStoreException.class,
                () -> PostgresTaskStore.builder(db.unpooled()).build());
        assertEquals(PostgresStoreErrorCode.INVALID_OPTION, e.code());
        assertEquals("listenerDataSource", e.args().get(0));
        e = org.junit.jupiter.api.Assertions.assertThrows(PostgresStoreException.class,
                () -> PostgresTaskStore.builder(db.unpooled()).listen(false).maxAttempts(0).build());
        assertEquals(List.of("maxAttempts", "0", "1..100"), e.args());
    }
}
