package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Progress is written on a 1 % step or after the write interval, state changes at once; a finished task keeps no
 * progress events.
 */
class ProgressThrottleTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    private static TaskSnapshot at(TaskSnapshot q, TaskState state, long seq, TaskProgress p,
            Optional<TaskEvent.Terminal> outcome) {
        return new TaskSnapshot(q.id(), q.type(), state, 1, seq, q.createdAt(), Optional.of(T0),
                outcome.map(TaskEvent::timestamp), p, false, outcome);
    }

    private static TaskProgress done(long n) {
        return new TaskProgress(n, 1000, Stage.COMPUTE, List.of(), TaskProgress.UNKNOWN);
    }

    @Test
    void smallStepsWaitForTheIntervalLargeStepsAndStateChangesDoNot() {
        try (PostgresTaskStore store = db.store("throttle").progressWriteInterval(Duration.ofMillis(300)).build()) {
            TaskSnapshot q = TaskSnapshot.queued(TaskId.random(), "t", T0);
            store.create(q, TaskOptions.defaults().withType("t"), null);
            store.append(at(q, TaskState.RUNNING, 1, q.progress(), Optional.empty()),
                    new TaskEvent.StateChanged(q.id(), 1, T0, TaskState.QUEUED, TaskState.RUNNING, 1));
            long seq = 1;
            for (int n = 1; n <= 9; n++) { // the first is a new total: written; the rest are < 1 % apart
                seq++;
                store.append(at(q, TaskState.RUNNING, seq, done(n), Optional.empty()),
                        new TaskEvent.Progress(q.id(), seq, T0, done(n)));
            }
            assertEquals(1, store.find(q.id()).orElseThrow().progress().done(), "small steps are held back");
            Await.until(() -> store.find(q.id()).orElseThrow().progress().done() == 9, Duration.ofSeconds(10),
                    () -> "the held-back progress to be written");

            seq++;
            store.append(at(q, TaskState.RUNNING, seq, done(500), Optional.empty()),
                    new TaskEvent.Progress(q.id(), seq, T0, done(500)));
            assertEquals(500, store.find(q.id()).orElseThrow().progress().done(),
                    "a step of 1 % or more is written at once");
            assertTrue(store.eventsAfter(q.id(), 0).stream().filter(e -> e instanceof TaskEvent.Progress).count() <= 3);

            seq++;
            TaskEvent.Completed c = new TaskEvent.Completed(q.id(), seq, T0, TaskState.RUNNING, TaskResult.of(1));
            store.append(at(q, TaskState.SUCCEEDED, seq, done(500), Optional.of(c)), c);
            List<TaskEvent> events = store.eventsAfter(q.id(), 0);
            assertEquals(2, events.size(), "a finished task keeps its state changes and its outcome: " + events);
            assertEquals(c, events.get(1));
            assertEquals(done(500), store.find(q.id()).orElseThrow().progress());
        }
    }
}
