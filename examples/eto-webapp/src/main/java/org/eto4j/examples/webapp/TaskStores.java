package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The task store the configuration asks for, with what it needs, closed together: the memory store, or the
 * PostgreSQL store on a HikariCP pool plus one unpooled connection for {@code LISTEN} (as eto-progress-postgres
 * advises: a pooled connection would be handed back while it still listens).
 *
 * <p><b>Retention of results</b> (see the README's "Retention"). The memory store weighs every task by the result
 * rows it holds ({@link #weightOf}): a finished calculation by its result's rows, a queued or running one by the
 * rows it will produce (its input's rows, or its "by location" period's days), each plus {@link #TASK_OVERHEAD_ROWS}.
 * A finished result is kept at least {@code --result-retention-minutes} and then until it was read, up to the
 * token's lifetime; capacity ({@code --result-capacity-rows}) only makes room from results that were read and are
 * past the minimum, oldest read first, so when it is full {@link #submitIfRoom} says no and the API answers 503
 * ({@code WEB-5031}) instead of dropping a result. The PostgreSQL store keeps finished tasks much longer (see
 * {@link PostgresTaskStore}), so it accepts whatever the database takes.
 */
final class TaskStores implements AutoCloseable {
    /**
     * Connections in the pool: HikariCP's own default, which its authors advise over large pools. Statements
     * are short (a worker's event write, an HTTP thread's read), so ten serve the default eight HTTP threads,
     * the workers and the store's reaper and heartbeats.
     */
    static final int POOL_SIZE = 10;
    /**
     * Longest wait of a request for a pooled connection before it is answered 503 ({@code WEB-5030}); HikariCP's
     * default is 30 s. While the database is down the pool has no connection to give, and every store call would
     * wait that long: an HTTP thread (of {@link WebApp#HTTP_THREADS}) or a WebSocket worker is held for it, so a
     * few clients polling their status stall the page and the API, and clients with shorter time-outs see a hang
     * instead of the 503. Statements here take milliseconds, so a healthy pool makes a request wait this long
     * only under a load that deserves the 503 ("busy, try again") anyway.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Longest check of an idle connection before HikariCP hands it out; below {@link #CONNECTION_TIMEOUT}, as
     * HikariCP requires (its default, 5 s, is longer than the time-out above).
     */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    /**
     * Longest wait for the database's answer to a statement on a pooled connection (pgjdbc's {@code socketTimeout},
     * 0 = forever by default). A statement whose connection dies without being closed (a database stopped in the
     * middle of it, a network that drops packets) would otherwise hold its thread until the operating system gives
     * up on the TCP connection, minutes later; the engine's ticker or a worker waiting there holds the task's lock,
     * so the task's progress, lease renewals and end stop with it. The store's statements take milliseconds, and
     * 10 s stays well inside the 30 s lease. A {@code socketTimeout} in the JDBC URL wins over this one.
     */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Longest store health check (readiness), the wait for a pooled connection included: below the usual 2-5 s of
     * a load balancer's probe timeout.
     */
    static final Duration HEALTH_TIMEOUT = Duration.ofMillis(1500);
    /** The pool's name, as seen in HikariCP's log lines and metrics. */
    static final String POOL_NAME = "eto-webapp";
    /**
     * What a task holds besides its result rows, counted as rows: its snapshot, state changes and terminal event
     * (~0.9 KB measured by eto-progress) against {@value ResultRows#BYTES_PER_ROW} bytes held per result row
     * ({@link ResultRows}). Also makes failed and empty tasks count.
     */
    static final long TASK_OVERHEAD_ROWS = 48;

    private final TaskStore store;
    private final String nodeId;
    private final HikariDataSource pool;
    private final String description;
    /** Makes admission check and submission one step (memory store). */
    private final Admission admission;

    private TaskStores(TaskStore store, String nodeId, HikariDataSource pool, String description) {
        this(store, nodeId, pool, description, new Admission());
    }

    private TaskStores(TaskStore store, String nodeId, HikariDataSource pool, String description,
                       Admission admission) {
        this.admission = admission;
        this.store = store;
        this.nodeId = nodeId;
        this.pool = pool;
        this.description = description;
    }

    /**
     * Opens the configured store. For PostgreSQL this connects (failing fast when the database cannot be
     * reached) and runs the store's migrations.
     *
     * @param config       the configuration
     * @param json         the mapper results are written and read with
     * @return the store and its resources
     * @throws RuntimeException when the database cannot be reached or its schema cannot be brought up to date;
     *         nothing is left open then
     */
    static TaskStores open(WebAppConfig config, ObjectMapper json) {
        if (!WebAppConfig.STORE_POSTGRES.equals(config.store())) {
            long maxRows = config.maxRows();
            Admission admission = new Admission();
            // A result is worth keeping only while its token lives: that is the longest. The minimum is capped at
            // it, and the capacity holds at least one largest calculation (or it could never be accepted).
            Duration minimum = config.resultRetention().compareTo(config.tokenTtl()) > 0
                    ? config.tokenTtl() : config.resultRetention();
            TaskStore memory = InMemoryTaskStore.builder()
                    .retainFinished(config.tokenTtl())
                    .minimumRetention(minimum)
                    .maximumWeight(Math.max(config.resultCapacityRowsLimit(), maxRows + TASK_OVERHEAD_ROWS))
                    .weigher(new InMemoryTaskStore.Weigher() {
                        @Override
                        public long weigh(TaskSnapshot finished) {
                            return weightOf(finished);
                        }

                        @Override
                        public long reserve(TaskSnapshot queued, Object parameters) {
                            // The weight admitted for this very submission (same thread, under the admission lock):
                            // not counted again under the store's lock.
                            long admitted = admission.weight();
                            return admitted >= 0 ? admitted : expectedWeight(parameters, maxRows);
                        }
                    })
                    .build();
            return new TaskStores(memory, "node-" + UUID.randomUUID(), null, "memory", admission);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(POOL_NAME);
        hikari.setJdbcUrl(config.jdbcUrl());
        if (!config.jdbcUser().isEmpty()) {
            hikari.setUsername(config.jdbcUser());
        }
        if (!config.jdbcPassword().isEmpty()) {
            hikari.setPassword(config.jdbcPassword());
        }
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        hikari.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        // HikariCP's default initializationFailTimeout (1 ms) makes the constructor fail when the database
        // cannot be reached: the app stops at start, not at the first request.
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            PGSimpleDataSource listener = new PGSimpleDataSource();
            listener.setURL(config.jdbcUrl());
            if (!config.jdbcUser().isEmpty()) {
                listener.setUser(config.jdbcUser());
            }
            if (!config.jdbcPassword().isEmpty()) {
                listener.setPassword(config.jdbcPassword());
            }
            PostgresTaskStore store = PostgresTaskStore.builder(pool)
                    .listenerDataSource(listener)
                    .objectMapper(json)
                    .healthTimeout(HEALTH_TIMEOUT)
                    .build();
            return new TaskStores(store, store.nodeId(), pool, "postgres (node " + store.nodeId() + ")");
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Submits a task if its weight fits the store now (always, for the PostgreSQL store). The check and the
     * submission (which creates the task and its reservation in the store) happen under one lock, so concurrent
     * submissions cannot all pass the check before any of them is counted; a submission is an in-memory step.
     *
     * @param weight the task's {@link #expectedWeight}
     * @param submit submits the task
     * @return the task's id, or empty when it does not fit (answered 503 with Retry-After)
     */
    Optional<TaskId> submitIfRoom(long weight, Supplier<TaskId> submit) {
        if (!(store instanceof InMemoryTaskStore memory)) {
            return Optional.of(submit.get());
        }
        admission.lock.lock();
        try {
            if (!memory.canAccept(weight)) {
                return Optional.empty();
            }
            admission.weight = weight;
            return Optional.of(submit.get());
        } finally {
            admission.weight = -1;
            admission.lock.unlock();
        }
    }

    /** The admission lock and the weight of the submission it is admitting now. */
    private static final class Admission {
        final ReentrantLock lock = new ReentrantLock();
        /** Guarded by {@link #lock}; -1 when no submission is being admitted. */
        long weight = -1;

        /** The weight being admitted by the calling thread, or -1. */
        long weight() {
            return lock.isHeldByCurrentThread() ? weight : -1;
        }
    }

    /**
     * Records that a task's result was sent in full, which ends its retention promise once its minimum time has
     * passed (memory store), or lets its row go at the store's retention (PostgreSQL store).
     *
     * @param id the task
     */
    void resultRead(TaskId id) {
        if (store instanceof InMemoryTaskStore memory) {
            memory.markRead(id);
        } else if (store instanceof PostgresTaskStore postgres) {
            postgres.markRead(id);
        }
    }

    /**
     * The rows a finished task holds: its result's rows (an {@link Outcome}, or the same as maps when read back
     * from a database), plus {@link #TASK_OVERHEAD_ROWS}.
     */
    static long weightOf(TaskSnapshot finished) {
        long rows = 0;
        if (finished.outcome().orElse(null) instanceof TaskEvent.Completed c
                && c.result() instanceof TaskResult.Value v) {
            if (v.value() instanceof Outcome o) {
                rows = o.rows().size();
            } else if (v.value() instanceof Map<?, ?> m && m.get("rows") instanceof List<?> l) {
                rows = l.size();
            }
        }
        return rows + TASK_OVERHEAD_ROWS;
    }

    /**
     * The rows a submitted task will hold once finished, from its parameters: the input table's data rows (an
     * upload), or the period's days ("by location"); {@code maxRows} when they cannot be told. Plus
     * {@link #TASK_OVERHEAD_ROWS}.
     *
     * @param parameters the task's parameters
     * @param maxRows    the row limit of one calculation
     * @return the weight to set aside
     */
    static long expectedWeight(Object parameters, long maxRows) {
        long rows = maxRows;
        if (parameters instanceof Map<?, ?> p) {
            if (p.get("table") instanceof String table) {
                rows = Math.min(maxRows, lines(table));
            } else if (p.get("start") instanceof String start && p.get("end") instanceof String end) {
                try {
                    rows = Math.min(maxRows, ChronoUnit.DAYS.between(LocalDate.parse(start), LocalDate.parse(end)) + 1);
                } catch (DateTimeParseException e) {
                    rows = maxRows;
                }
            }
        }
        return Math.max(0, rows) + TASK_OVERHEAD_ROWS;
    }

    /**
     * The lines of a text: its line feeds plus one (a loop over indexOf: a stream of its chars cost 1 % of the app's
     * CPU).
     */
    private static long lines(String text) {
        long n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    /** The store. */
    TaskStore store() {
        return store;
    }

    /** This node's name towards the store (claims and leases). */
    String nodeId() {
        return nodeId;
    }

    /** {@code memory}, or {@code postgres (node …)}. */
    String description() {
        return description;
    }

    /** Closes the store, then the pool. Call after the engine has shut down. */
    @Override
    public void close() {
        try {
            store.close();
        } catch (Exception e) {
            // The pool still gets closed; the store logs its own trouble.
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
