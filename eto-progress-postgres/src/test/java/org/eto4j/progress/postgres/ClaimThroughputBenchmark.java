package org.eto4j.progress.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;

/**
 * Claims per second with 1, 2 and 4 worker nodes: each node is an engine with one worker thread and its own
 * store (pool + LISTEN connection); the tasks do nothing, so the figure is the store's cost per task: claim,
 * the {@code running} write and the {@code completed} write, each with its NOTIFY.
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
        for (int workers : new int[] {1, 2, 4}) {
            double[] perSecond = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                try (TestDatabase db = TestDatabase.create()) {
                    perSecond[r] = round(db, workers, tasks);
                }
            }
            double[] sorted = perSecond.clone();
            Arrays.sort(sorted);
            System.out.printf("workers=%d claims/s: median %.0f, min %.0f, max %.0f, all %s%n", workers,
                    sorted[rounds / 2], sorted[0], sorted[rounds - 1], Arrays.toString(round(perSecond)));
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

    /** Queues {@code tasks} no-op tasks, starts {@code workers} nodes and measures until all succeeded. */
    private static double round(TestDatabase db, int workers, int tasks) {
        PostgresTaskStore submitter = db.closeLater(PostgresTaskStore.builder(db.pool(2)).listen(false).nodeId("submitter").build());
        db.execute("INSERT INTO eto_task (id, type, state, attempt, seq, created_at, progress, claimable)"
                + " SELECT gen_random_uuid()::text, 'noop', 'queued', 1, 0, now(),"
                + " '{\"done\":0,\"total\":-1,\"stage\":\"pending\",\"args\":[],\"etaMillis\":-1}', true"
                + " FROM generate_series(1, " + tasks + ")");
        // one task through the public API too, so the bulk rows are checked against what create() writes
        submitter.create(TaskSnapshot.queued(TaskId.random(), "noop", Instant.now()),
                TaskOptions.defaults().withType("noop"), null);
        int total = tasks + 1;
        List<TaskEngine> engines = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < workers; i++) {
            PostgresTaskStore store = db.closeLater(PostgresTaskStore.builder(db.pool(3)).listenerDataSource(db.unpooled())
                    .nodeId("w" + i).build());
            engines.add(db.closeLater(TaskEngine.builder().store(store).nodeId("w" + i).workers(1).threadNamePrefix("w" + i)
                    .taskType("noop", params -> ctx -> TaskResult.none()).build()));
        }
        while (Integer.parseInt(db.query("SELECT count(*) FROM eto_task WHERE state = 'succeeded'").get(0)) < total) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!db.query("SELECT count(*) FROM eto_task_event WHERE type = 'completed'").get(0).equals(String.valueOf(total))) {
            throw new IllegalStateException("a task completed twice or not at all");
        }
        return total / seconds;
    }

}
