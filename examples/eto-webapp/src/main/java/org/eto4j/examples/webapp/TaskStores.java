package org.eto4j.examples.webapp;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import org.eto4j.progress.postgres.PostgresTaskStore;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;

/**
 * The task store the configuration asks for, with what it needs, closed together: the memory store, or the
 * PostgreSQL store on a HikariCP pool plus one unpooled connection for {@code LISTEN} (as eto-progress-postgres
 * advises: a pooled connection would be handed back while it still listens).
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

    private final TaskStore store;
    private final String nodeId;
    private final HikariDataSource pool;
    private final String description;

    private TaskStores(TaskStore store, String nodeId, HikariDataSource pool, String description) {
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
     * @param finishedKept finished tasks the memory store keeps at most
     * @return the store and its resources
     * @throws RuntimeException when the database cannot be reached or its schema cannot be brought up to date;
     *         nothing is left open then
     */
    static TaskStores open(WebAppConfig config, ObjectMapper json, long finishedKept) {
        if (!WebAppConfig.STORE_POSTGRES.equals(config.store())) {
            TaskStore memory = InMemoryTaskStore.builder()
                    .retainFinished(config.tokenTtl())
                    .maximumFinished(finishedKept)
                    .build();
            return new TaskStores(memory, "node-" + UUID.randomUUID(), null, "memory");
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
