package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.CancelOutcome;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.Stage;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several engines (nodes) in this JVM sharing one database, each with its own store, pool and LISTEN connection. */
class MultiNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestDatabase db;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its store and its engine. */
    record Node(String name, PostgresTaskStore store, TaskEngine engine) {
    }

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @AfterEach
    void stopNodes() {
        for (Node n : nodes) {
            n.engine().shutdown(Duration.ofSeconds(2));
            n.store().close();
        }
        nodes.clear();
    }

    private Node node(String name, int workers, Map<String, TaskFactory> types) {
        return node(name, workers, types, db.store(name));
    }

    private Node node(String name, int workers, Map<String, TaskFactory> types,
            PostgresTaskStore.Builder storeBuilder) {
        PostgresTaskStore store = storeBuilder.build();
        TaskEngine.Builder b = TaskEngine.builder().store(store).nodeId(name).workers(workers).threadNamePrefix(name);
        types.forEach(b::taskType);
        Node n = new Node(name, store, b.build());
        nodes.add(n);
        return n;
    }

    private static TaskSnapshot awaitState(Node n, TaskId id, TaskState state) {
        AtomicReference<TaskSnapshot> seen = new AtomicReference<>();
        Await.until(
                () -> seen.updateAndGet(x -> n.engine().find(id).filter(s -> s.state() == state).orElse(null)) != null,
                WAIT, () -> id + " " + state + " as seen by " + n.name());
        return seen.get();
    }

    private static Object resultValue(TaskSnapshot s) {
        return ((TaskResult.Value) assertInstanceOf(TaskEvent.Completed.class, s.outcome().orElseThrow()).result())
                .value();
    }

    @Test
    void everyTaskRunsExactlyOnceToCompletionOnThreeNodes() {
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<Node> workers = new ArrayList<>();
        for (String name : List.of("n1", "n2", "n3")) {
            TaskFactory count = params -> ctx -> {
                int n = ((Number) ((Map<?, ?>) params).get("n")).intValue();
                runs.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                ctx.stage(Stage.COMPUTE);
                ctx.total(100);
                for (int i = 0; i < 100; i++) {
                    ctx.throwIfCancellationRequested();
                    ctx.advance(1);
                }
                return TaskResult.of(Map.of("n", n, "node", name));
            };
            workers.add(node(name, 2, Map.of("count", count)));
        }
        int tasks = 90;
        List<TaskId> ids = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ids.add(workers.get(i % 3).engine().submit("count", Map.of("n", i), TaskOptions.defaults()));
        }
        Set<Object> ranOn = new HashSet<>();
        for (int i = 0; i < tasks; i++) {
            TaskSnapshot s = awaitState(workers.get((i + 1) % 3), ids.get(i), TaskState.SUCCEEDED);
            Map<?, ?> result = (Map<?, ?>) resultValue(s);
            assertEquals(i, ((Number) result.get("n")).intValue());
            ranOn.add(result.get("node"));
            assertEquals(1, s.attempt());
        }
        for (int i = 0; i < tasks; i++) {
            assertEquals(1, runs.get(i).get(), "task " + i + " ran once");
        }
        assertEquals(tasks, runs.size());
        assertTrue(ranOn.size() >= 2, "work was shared: " + ranOn);
        assertEquals(List.of(String.valueOf(tasks)), db.query(
                "SELECT count(*) FROM eto_task_event WHERE type IN ('completed', 'failed', 'cancelled')"
                        + " AND task_id IN ("
                        + ids.stream().map(id -> "'" + id + "'").reduce((a, b) -> a + "," + b).orElseThrow() + ")"));
    }

    @Test
    void aKilledNodesTaskIsFinishedByAnotherNode() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger victimRuns = new AtomicInteger();
        Node victim = node("victim", 1, Map.of("job", params -> ctx -> {
            victimRuns.incrementAndGet();
            started.countDown();
            never.await(); // hangs until the test ends: the node is "dead" to the others
            return TaskResult.of("victim");
        }));
        TaskId id = victim.engine().submit("job", Map.of("k", 1), TaskOptions.defaults());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        awaitState(victim, id, TaskState.RUNNING);

        AtomicInteger survivorRuns = new AtomicInteger();
        TaskFactory quick = params -> ctx -> {
            survivorRuns.incrementAndGet();
            return TaskResult.of("survivor");
        };
        Node b = node("b", 1, Map.of("job", quick));
        node("c", 1, Map.of("job", quick));
        assertEquals(TaskState.RUNNING, b.engine().find(id).orElseThrow().state(), "a live lease is respected");

        victim.store().close(); // the node stops renewing its lease and listening, as if killed
        TaskSnapshot done = awaitState(b, id, TaskState.SUCCEEDED);
        assertEquals("survivor", resultValue(done));
        assertEquals(2, done.attempt());
        List<TaskEvent> events = b.store().eventsAfter(id, 0);
        assertTrue(events.stream().anyMatch(e -> e instanceof TaskEvent.StateChanged s
                && s.from() == TaskState.RUNNING && s.to() == TaskState.QUEUED && s.attempt() == 2), events.toString());

        // The victim wakes up late: its writes are fenced off and change nothing.
        never.countDown();
        victim.engine().shutdown(Duration.ofSeconds(5));
        TaskSnapshot after = b.engine().find(id).orElseThrow();
        assertEquals("survivor", resultValue(after));
        assertEquals(1, victimRuns.get());
        assertEquals(1, survivorRuns.get());
        assertEquals(1, b.store().eventsAfter(id, 0).stream().filter(e -> e instanceof TaskEvent.Terminal).count());
    }

    @Test
    void aTaskWhoseLeaseExpiredOnItsLastAttemptFails() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Node victim = node("victim", 1, Map.of("job", params -> ctx -> {
            started.countDown();
            never.await();
            return TaskResult.none();
        }), db.store("victim").maxAttempts(1));
        TaskId id = victim.engine().submit("job", null, TaskOptions.defaults());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        Node reaper = node("reaper", 1, Map.of(), db.store("reaper").maxAttempts(1));
        victim.store().close();
        TaskSnapshot s = awaitState(reaper, id, TaskState.FAILED);
        TaskEvent.Failed f = assertInstanceOf(TaskEvent.Failed.class, s.outcome().orElseThrow());
        assertEquals(ProgressErrorCode.LEASE_EXPIRED.code(), f.error().code());
        assertEquals(List.of(1), f.error().args());
        assertEquals(TaskState.RUNNING, f.from());
        never.countDown();
    }

    @Test
    void aSubscriberOnOneNodeFollowsATaskRunningOnAnother() throws Exception {
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Node b = node("runner", 1, Map.of("steps", params -> ctx -> {
            ctx.stage(Stage.COMPUTE, "A1");
            ctx.total(4);
            ctx.advance(2);
            halfway.countDown();
            if (!go.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
            ctx.advance(2);
            return TaskResult.of(Map.of("eto", 5.5));
        }));
        Node a = node("web", 1, Map.of()); // runs nothing, only serves subscribers
        TaskId id = b.engine().submit("steps", null, TaskOptions.defaults());
        assertTrue(halfway.await(20, TimeUnit.SECONDS));
        awaitState(a, id, TaskState.RUNNING);

        Recorder r = new Recorder();
        a.engine().subscribe(id, r).orElseThrow();
        go.countDown();
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose(WAIT));
        List<TaskEvent> events = r.events();
        TaskEvent.Snapshot first = assertInstanceOf(TaskEvent.Snapshot.class, events.get(0));
        assertEquals(TaskState.RUNNING, first.task().state());
        TaskEvent.Completed last = assertInstanceOf(TaskEvent.Completed.class, events.get(events.size() - 1));
        assertEquals(Map.of("eto", 5.5), ((TaskResult.Value) last.result()).value());
        long seq = -1;
        for (TaskEvent e : events) {
            assertTrue(e.seq() >= seq, "no sequence regression: " + events);
            seq = e.seq();
        }
        assertEquals(4, a.engine().find(id).orElseThrow().progress().done());
    }

    @Test
    void aCancelOnAnyNodeReachesTheWorkerOrTheQueue() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Node b = node("worker", 1, Map.of("wait", params -> ctx -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(ctx.isCancellationRequested());
                throw e;
            }
            return TaskResult.none();
        }));
        Node a = node("web", 1, Map.of());
        TaskId running = b.engine().submit("wait", null, TaskOptions.defaults());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        awaitState(a, running, TaskState.RUNNING);
        assertEquals(CancelOutcome.REQUESTED, a.engine().cancel(running));
        TaskSnapshot s = awaitState(a, running, TaskState.CANCELLED);
        assertTrue(s.cancelRequested());
        assertTrue(interrupted.get(), "the worker on the other node saw the cancellation");

        // A queued task nobody runs yet keeps the request until an engine that knows its type claims it.
        TaskSnapshot q = TaskSnapshot.queued(TaskId.random(), "later", java.time.Instant.now());
        a.store().create(q, TaskOptions.defaults().withType(q.type()), Map.of());
        assertEquals(CancelOutcome.REQUESTED, b.engine().cancel(q.id()));
        assertEquals(CancelOutcome.ALREADY_REQUESTED, a.engine().cancel(q.id()));
        assertEquals(TaskState.QUEUED, a.engine().find(q.id()).orElseThrow().state());
        AtomicBoolean ran = new AtomicBoolean();
        node("late", 1, Map.of("later", params -> ctx -> {
            ran.set(true);
            return TaskResult.none();
        }));
        TaskSnapshot c = awaitState(a, q.id(), TaskState.CANCELLED);
        assertTrue(c.cancelRequested());
        assertTrue(!ran.get(), "a cancelled task never runs");
    }

    @Test
    void anIdleNodeIsWokenByASubmissionOnABusyOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Node busy = node("busy", 1, Map.of(
                "block", params -> ctx -> {
                    started.countDown();
                    release.await();
                    return TaskResult.none();
                },
                "quick", params -> ctx -> TaskResult.of("busy")));
        TaskId blocker = busy.engine().submit("block", null, TaskOptions.defaults());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        TaskId first = busy.engine().submit("quick", null, TaskOptions.defaults());

        // The idle node's clock stands still, so its periodic claim never comes due: only claims after its own
        // work ends, or a wake-up from the database, make it look again.
        PostgresTaskStore idleStore = db.store("idle").build();
        TaskEngine idle = TaskEngine.builder().store(idleStore).nodeId("idle").workers(1)
                .clock(java.time.Clock.fixed(java.time.Instant.now(), java.time.ZoneOffset.UTC))
                .taskType("quick", params -> ctx -> TaskResult.of("idle")).build();
        nodes.add(new Node("idle", idleStore, idle));
        assertEquals("idle", resultValue(awaitState(busy, first, TaskState.SUCCEEDED)));
        Await.until(idleStore::isListening, WAIT, () -> "idle node listening");

        TaskId second = busy.engine().submit("quick", null, TaskOptions.defaults());
        assertEquals("idle", resultValue(awaitState(busy, second, TaskState.SUCCEEDED)),
                "woken by NOTIFY eto_task_queued");
        release.countDown();
        awaitState(busy, blocker, TaskState.SUCCEEDED);
    }

    @Test
    void aNodeThatLostItsListenConnectionReconnectsAndCatchesUp() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Node b = node("runner", 1, Map.of("gate", params -> ctx -> {
            started.countDown();
            if (!go.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
            return TaskResult.of("through");
        }));
        Node a = node("listener", 1, Map.of());
        Await.until(a.store()::isListening, WAIT, () -> "node a listening");
        TaskId id = b.engine().submit("gate", null, TaskOptions.defaults());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        awaitState(a, id, TaskState.RUNNING);
        Recorder r = new Recorder();
        a.engine().subscribe(id, r).orElseThrow();

        List<String> killed = db.query("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity"
                + " WHERE application_name = 'eto4j-listen-listener'");
        assertEquals(List.of("true"), killed);
        go.countDown(); // completes while a's LISTEN connection is down or being re-established

        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose(WAIT));
        TaskEvent.Completed last = assertInstanceOf(TaskEvent.Completed.class, r.events().get(r.events().size() - 1));
        assertEquals("through", ((TaskResult.Value) last.result()).value());
        Await.until(a.store()::isListening, WAIT, () -> "node a listening again");
        assertEquals(1,
                db.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'eto4j-listen-listener'").size());
    }

    @Test
    void withoutListenANodePollsForEventsAndCancellations() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Node b = node("poller", 1, Map.of("wait", params -> ctx -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                cancelled.set(true);
                throw e;
            }
            return TaskResult.none();
        }), db.store("poller").listen(false));
        Node a = node("plain", 1, Map.of(), db.store("plain").listen(false));
        TaskId id = b.engine().submit("wait", null, TaskOptions.defaults());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        awaitState(a, id, TaskState.RUNNING);
        Recorder r = new Recorder();
        a.engine().subscribe(id, r).orElseThrow();
        assertEquals(CancelOutcome.REQUESTED, a.engine().cancel(id));
        assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose(WAIT));
        TaskEvent.Cancelled c = assertInstanceOf(TaskEvent.Cancelled.class, r.events().get(r.events().size() - 1));
        assertEquals(TaskState.CANCELLING, c.from());
        assertTrue(cancelled.get());
        assertNotEquals(true, a.store().isListening());
    }
}
