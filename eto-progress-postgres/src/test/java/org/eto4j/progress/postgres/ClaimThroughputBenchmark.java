package org.eto4j.progress.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.store.TaskStore;

/**
 * Claims per second with 1, 2 and 4 workers, measured two ways on no-op tasks:
 * <ul>
 *   <li><b>engine</b>: each worker is a node (an engine with one worker thread and its own store, pool and
 *       LISTEN connection), with the engine's default settings; a freed worker claims on the engine's next
 *       tick (50 ms), which bounds a single worker's rate;</li>
 *   <li><b>store</b>: each worker is a thread with its own store that loops claim (1 task), the {@code running}
 *       write and the {@code completed} write (each write with its NOTIFY) through the {@code TaskStore} SPI:
 *       the database's share of the cost per task.</li>
 * </ul>
 *
 * <p>Not a unit test. Run it with (PostgreSQL embedded, or the server in {@code ETO4J_TEST_JDBC_URL}):
 * <pre>
 * mvn -q -pl eto-progress-postgres -am test-compile
 * mvn -q -pl eto-progress-postgres exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.eto4j.progress.postgres.ClaimThroughputBenchmark [-Dexec.args="2000 5"]
 * </pre>
 * Arguments: tasks per round (default 2000), rounds per worker count (default 5).
 */
public final class ClaimThroughputBenchmark {
    private ClaimThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("tasks per round: %d, rounds: %d, JDK %s, %d processors%n", tasks, rounds,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        try (TestDatabase warm = TestDatabase.create()) {
            System.out.println(warm.query("SELECT version()").get(0));
            round(warm, 1, Math.min(tasks, 500)); // JIT and connection warm-up, not reported
        }
        for (String mode : new String[] {"engine", "store"}) {
            for (int workers : new int[] {1, 2, 4}) {
                double[] perSecond = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    try (TestDatabase db = TestDatabase.create()) {
                        perSecond[r] = mode.equals("engine") ? round(db, workers, tasks)
                                : storeRound(db, workers, tasks);
                    }
                }
                double[] sorted = perSecond.clone();
                Arrays.sort(sorted);
                System.out.printf("%s workers=%d claims/s: median %.0f, min %.0f, max %.0f, all %s%n", mode, workers,
                        sorted[rounds / 2], sorted[0], sorted[rounds - 1], Arrays.toString(round(perSecond)));
            }
        }
        System.exit(0); // the embedded server stops in a shutdown hook
    }

    private static long[] round(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i]);
        }
        return out;
    }

    private static PostgresTaskStore queue(TestDatabase db, int tasks) {
        PostgresTaskStore submitter = db.closeLater(PostgresTaskStore.builder(db.pool(2)).listen(false)
                .nodeId("submitter").build());
        db.execute("INSERT INTO eto_task (id, type, state, attempt, seq, created_at, progress)"
                + " SELECT gen_random_uuid()::text, 'noop', 'queued', 1, 0, now(),"
                + " '{\"done\":0,\"total\":-1,\"stage\":\"pending\",\"args\":[],\"etaMillis\":-1}'"
                + " FROM generate_series(1, " + tasks + ")");
        // one task through the public API too, so the bulk rows are checked against what create() writes
        submitter.create(TaskSnapshot.queued(TaskId.random(), "noop", Instant.now()),
                TaskOptions.defaults().withType("noop"), null);
        return submitter;
    }

    /** Runs {@code workers} threads that claim and complete tasks through the store SPI until the queue is empty. */
    private static double storeRound(TestDatabase db, int workers, int tasks) {
        queue(db, tasks);
        int total = tasks + 1;
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            String node = "s" + i;
            PostgresTaskStore store = db.closeLater(PostgresTaskStore.builder(db.pool(2))
                    .listenerDataSource(db.unpooled())
                    .nodeId(node).build());
            Thread t = new Thread(() -> {
                while (true) {
                    List<TaskStore.ClaimedTask> claimed = store.claim(node, Set.of("noop"), 1);
                    if (claimed.isEmpty()) {
                        return;
                    }
                    TaskSnapshot q = claimed.get(0).task();
                    Instant now = Instant.now();
                    TaskSnapshot running = new TaskSnapshot(q.id(), q.type(), TaskState.RUNNING, 1, 1, q.createdAt(),
                            Optional.of(now), Optional.empty(), q.progress(), false, Optional.empty());
                    store.append(running,
                            new TaskEvent.StateChanged(q.id(), 1, now, TaskState.QUEUED, TaskState.RUNNING, 1));
                    TaskEvent.Completed done = new TaskEvent.Completed(q.id(), 2, now,
                            TaskState.RUNNING, TaskResult.none());
                    store.append(new TaskSnapshot(q.id(), q.type(), TaskState.SUCCEEDED, 1, 2,
                            q.createdAt(), Optional.of(now), Optional.of(now), q.progress(), false, Optional.of(done)),
                            done);
                }
            }, node);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(db, total);
        return total / seconds;
    }

    /** Queues {@code tasks} no-op tasks, starts {@code workers} nodes and measures until all succeeded. */
    private static double round(TestDatabase db, int workers, int tasks) {
        queue(db, tasks);
        int total = tasks + 1;
        List<TaskEngine> engines = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            PostgresTaskStore store = db.closeLater(PostgresTaskStore.builder(db.pool(3))
                    .listenerDataSource(db.unpooled())
                    .nodeId("w" + i).build());
            engines.add(db.closeLater(TaskEngine.builder().store(store).nodeId("w" + i).workers(1)
                    .threadNamePrefix("w" + i)
                    .taskType("noop", params -> ctx -> TaskResult.none()).build()));
        }
        while (Integer.parseInt(db.query("SELECT count(*) FROM eto_task WHERE state = 'succeeded'").get(0)) < total) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(db, total);
        return total / seconds;
    }

    private static void check(TestDatabase db, int total) {
        if (!db.query("SELECT count(*) FROM eto_task_event WHERE type = 'completed'").get(0)
                .equals(String.valueOf(total))) {
            throw new IllegalStateException("a task completed twice or not at all");
        }
    }

}
