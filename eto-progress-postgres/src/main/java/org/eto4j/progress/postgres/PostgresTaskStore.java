package org.eto4j.progress.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.Health;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.progress.store.TaskStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable, shared-queue {@link TaskStore} on PostgreSQL: tasks, their retained events and the queue live in
 * the database, so they survive restarts, and any number of engines (nodes, in any number of JVMs) share the
 * work. Use one store instance per engine; give both the same node id.
 *
 * <pre>{@code
 * PostgresTaskStore store = PostgresTaskStore.builder(pool)      // e.g. a HikariDataSource
 *         .listenerDataSource(unpooled)                          // one LISTEN connection, outside the pool
 *         .build();                                              // migrates the schema
 * TaskEngine engine = TaskEngine.builder().store(store).nodeId(store.nodeId())
 *         .taskType("eto.batch", BatchTask::new).build();
 * engine.submit("eto.batch", parameters, TaskOptions.defaults()); // any node with a free worker runs it
 * ...
 * engine.close();
 * store.close();
 * }</pre>
 *
 * <ul>
 *   <li><b>Claiming</b>: one statement, {@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n)
 *       RETURNING …}; nodes never wait for each other's locks. A submission, release or re-queue sends
 *       {@code NOTIFY eto_task_queued}, which wakes idle engines on every node ({@link #watchQueue}).</li>
 *   <li><b>Leases</b>: a node holds each task it claimed until {@code lease_until} (database clock), which its
 *       engine renews every heartbeat interval ({@link #renewLeases}). Every node runs a reaper that re-queues
 *       a running task whose lease expired (attempt + 1), or fails it with {@link ProgressErrorCode#LEASE_EXPIRED}
 *       once it reached {@link Builder#maxAttempts maxAttempts}; a claimed task not yet started goes back to
 *       the queue; a task being cancelled ends cancelled. Writes are fenced: only the holder may append, and
 *       only with a higher sequence number, so a node that lost its lease changes nothing.</li>
 *   <li><b>Events across nodes</b>: every write of an event sends, in the same transaction,
 *       {@code NOTIFY eto_task_event, '{"taskId":…,"seq":…}'}; each node listens on one dedicated connection
 *       from the {@link Builder#listenerDataSource listener data source}, reads the new events and hands them
 *       to its engine. After a lost connection it re-listens and re-reads what was written meanwhile; without
 *       LISTEN ({@link Builder#listen(boolean) listen(false)}) it polls every
 *       {@link Builder#pollInterval pollInterval}. Progress is written on a state change, on a step of
 *       {@link Builder#progressWriteStep progressWriteStep} (1 %) or every
 *       {@link Builder#progressWriteInterval progressWriteInterval}.</li>
 *   <li><b>Cancellation</b> from any node sets a flag on the row; the holder's engine sees it on its next check
 *       (every heartbeat interval), and an engine that claims a flagged queued task cancels it at once.</li>
 *   <li><b>Results</b>: values as jsonb (via the {@link Builder#objectMapper ObjectMapper}; read back as maps,
 *       lists, strings, numbers and booleans), or a {@link org.eto4j.progress.TaskResult.Reference}.
 *       A finished task stays at least {@link Builder#retainFinished retainFinished} after its last write and
 *       then until its result was {@link #markRead read}; an unread one is deleted
 *       {@link Builder#retainUnread retainUnread} after its last write at the latest. Nothing is deleted for
 *       lack of room: the database holds what it was given.</li>
 * </ul>
 *
 * <p>Close the engine first, then the store. Timestamps in snapshots are kept to the microsecond (PostgreSQL
 * {@code timestamptz}); event timestamps are kept exactly.
 */
public final class PostgresTaskStore implements TaskStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTaskStore.class);

    /** Default lease: long enough to ride out a GC pause or a database fail-over, short enough that a killed node's tasks restart within a minute. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    /** Default interval between two passes of the reaper (expired leases) and of retention. */
    public static final Duration DEFAULT_REAP_INTERVAL = Duration.ofSeconds(5);
    /** Default polling interval for events when LISTEN is unavailable, and of the LISTEN connection's keep-alive. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Default attempts after which a task whose lease expired is failed instead of re-queued (a task that kills its node does not kill them all). */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default retention of finished tasks after their last write: a week, time for users to fetch results. */
    public static final Duration DEFAULT_RETAIN_FINISHED = Duration.ofDays(7);
    /** Default longest retention of a finished task whose result was never read: 30 days after its last write. */
    public static final Duration DEFAULT_RETAIN_UNREAD = Duration.ofDays(30);
    /** Default longest interval between two progress writes of a running task ("every few seconds"). */
    public static final Duration DEFAULT_PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(2);
    /** Default progress change (fraction of the total) that is written at once: 1 %. */
    public static final double DEFAULT_PROGRESS_WRITE_STEP = 0.01;
    /** Default number of progress events kept per running task for replay (as the in-memory store). */
    public static final int DEFAULT_PROGRESS_EVENTS_KEPT = 8;
    /**
     * Default time limit of {@link #health()}: a database that takes longer than 2 s for {@code SELECT 1} is
     * down for practical purposes, and a readiness probe (often timed out after 1–10 s) gets its answer in time.
     */
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** Health checks that may wait for the database at once; beyond that a check answers DOWN at once. */
    private static final int HEALTH_CHECKS_IN_FLIGHT = 4;

    static final String EVENT_CHANNEL = "eto_task_event";
    static final String QUEUE_CHANNEL = "eto_task_queued";
    /** How far back a node re-reads events after it was disconnected, beyond its last sign of life (commit lag). */
    private static final Duration RESYNC_MARGIN = Duration.ofSeconds(5);
    /** Tasks whose last delivered event number a node remembers (least recently used forgotten first). */
    private static final int DELIVERED_REMEMBERED = 100_000;
    private static final String COLUMNS = "id, type, state, attempt, seq, created_at, started_at, ended_at, progress::text AS progress,"
            + " cancel_requested, outcome::text AS outcome, parameters::text AS parameters, timeout_ms, retry::text AS retry";

    private final Jdbi jdbi;
    private final DataSource listenerDataSource;
    private final JsonCodec codec;
    private final String nodeId;
    private final Duration lease;
    private final Duration reapInterval;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final Duration retainFinished;
    private final Duration retainUnread;
    private final Duration progressWriteInterval;
    private final double progressWriteStep;
    private final int progressEventsKept;
    private final Duration healthTimeout;
    private final ThreadPoolExecutor healthChecks;

    private final AtomicLong claimedTasks = new AtomicLong();
    private final AtomicLong leaseReaps = new AtomicLong();
    private final AtomicLong purgedTasks = new AtomicLong();
    private final AtomicLong listenReconnects = new AtomicLong();

    /** The tasks this store's engine holds, with the node id it claimed them under (the fence for its writes). */
    private final Map<TaskId, String> heldBy = new ConcurrentHashMap<>();
    private final List<Consumer<TaskEvent>> sinks = new CopyOnWriteArrayList<>();
    private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
    private final Object deliverLock = new Object();
    private final Map<TaskId, Long> delivered = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TaskId, Long> eldest) {
            return size() > DELIVERED_REMEMBERED;
        }
    };
    private final Map<TaskId, Mark> progressMarks = new ConcurrentHashMap<>();
    private final Map<TaskId, Pending> pendingProgress = new ConcurrentHashMap<>();

    private final ScheduledExecutorService scheduler;
    private final Thread listener;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile boolean listening;
    private volatile Connection listenConnection;
    /** Database time of the last moment events are known to have been read (LISTEN alive, or last poll). */
    private volatile Instant caughtUpTo;

    /** The last written progress of a task, for throttling. */
    private record Mark(TaskProgress progress, long writtenNanos) {
    }

    /** A progress event not yet written (throttled); the newest replaces older ones. */
    private record Pending(TaskSnapshot task, TaskEvent event) {
    }

    private PostgresTaskStore(Builder b) {
        this.jdbi = Jdbi.create(b.dataSource);
        this.listenerDataSource = b.listenerDataSource;
        this.codec = new JsonCodec(b.objectMapper != null ? b.objectMapper : new ObjectMapper());
        this.nodeId = b.nodeId;
        this.lease = b.leaseDuration;
        this.reapInterval = b.reapInterval;
        this.pollInterval = b.pollInterval;
        this.maxAttempts = b.maxAttempts;
        this.retainFinished = b.retainFinished;
        this.retainUnread = b.retainUnread;
        this.progressWriteInterval = b.progressWriteInterval;
        this.progressWriteStep = b.progressWriteStep;
        this.progressEventsKept = b.progressEventsKept;
        this.healthTimeout = b.healthTimeout;
        // Checks run on their own threads so that a check waiting for a connection (the pool's own time-out can be
        // 30 s) answers DOWN after healthTimeout and does not hold up the next check.
        this.healthChecks = new ThreadPoolExecutor(0, HEALTH_CHECKS_IN_FLIGHT, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "eto-pg-health-" + nodeId);
                    t.setDaemon(true);
                    return t;
                });
        if (b.migrate) {
            db("migrate", () -> {
                Migrations.migrate(jdbi);
                return null;
            });
        }
        this.caughtUpTo = dbNow();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eto-pg-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        every(progressWriteInterval, this::flushProgress);
        every(reapInterval, () -> {
            reapExpiredLeases();
            purgeFinished();
        });
        every(pollInterval, this::poll);
        if (b.listen) {
            listener = new Thread(this::listenLoop, "eto-pg-listen-" + nodeId);
            listener.setDaemon(true);
            listener.start();
        } else {
            listener = null;
        }
    }

    /**
     * A builder for a store on the given connection pool.
     *
     * @param dataSource the pool used for every statement except LISTEN
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** This node's identifier: names its LISTEN connection ({@code application_name}) and its threads; give the engine the same. */
    public String nodeId() {
        return nodeId;
    }

    /** Whether the LISTEN connection is up (when it is not, events are polled). */
    public boolean isListening() {
        return listening;
    }

    /**
     * Counts of this store's claims, lease reaps, purges and LISTEN reconnects since it was built.
     *
     * @return the current counts
     */
    public PostgresStoreStats stats() {
        return new PostgresStoreStats(claimedTasks.get(), leaseReaps.get(), purgedTasks.get(), listenReconnects.get(),
                listening);
    }

    /**
     * Whether the database answers: runs {@code SELECT 1} through the store's data source, and answers
     * {@link Health.Status#DOWN} when that fails or takes longer than {@link Builder#healthTimeout healthTimeout}
     * (2 s by default) — including the wait for a connection from the pool. Never throws.
     *
     * <p>Details: {@code store} ({@code postgres}), {@code nodeId}; when down, {@code error} (the exception's simple
     * class name, or {@code timeout}), {@code sqlState} when the driver gave one, {@code timeoutMillis} after a
     * time-out. A closed store is down with {@code closed = true}.
     *
     * @return the store's health
     */
    @Override
    public Health health() {
        Health base = Health.up().withDetail("store", "postgres").withDetail("nodeId", nodeId);
        if (closed) {
            return new Health(Health.Status.DOWN, base.details()).withDetail("closed", true);
        }
        CompletableFuture<Health> check;
        try {
            check = CompletableFuture.supplyAsync(() -> {
                int seconds = (int) Math.max(1, (healthTimeout.toMillis() + 999) / 1000);
                jdbi.useHandle(h -> h.createQuery("SELECT 1").setQueryTimeout(seconds).mapTo(Integer.class).one());
                return base;
            }, healthChecks);
        } catch (RejectedExecutionException e) {
            // Every check thread still waits for the database: it is not answering.
            return new Health(Health.Status.DOWN, base.details()).withDetail("error", "busy");
        }
        try {
            return check.get(healthTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return new Health(Health.Status.DOWN, base.details()).withDetail("error", "timeout")
                    .withDetail("timeoutMillis", healthTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(Health.Status.DOWN, base.details()).withDetail("error", "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            Health down = new Health(Health.Status.DOWN, base.details())
                    .withDetail("error", cause.getClass().getSimpleName());
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getSQLState() != null) {
                    return down.withDetail("sqlState", sql.getSQLState());
                }
            }
            return down;
        }
    }

    /**
     * Whether this node hears other nodes' events at once: {@link Health.Status#UP} while the LISTEN connection is
     * up, {@link Health.Status#DOWN} while it is lost (the node then polls every
     * {@link Builder#pollInterval pollInterval} and reconnects with backoff, so work goes on, later). With
     * {@link Builder#listen(boolean) listen(false)} there is no such connection and the answer is
     * {@link Health.Status#UP} with {@code listen = false}. Never blocks. Details: {@code nodeId}, {@code listen},
     * {@code reconnects}.
     *
     * @return the LISTEN connection's health
     */
    public Health listenHealth() {
        boolean up = listener == null || (listening && !closed);
        return new Health(up ? Health.Status.UP : Health.Status.DOWN, Map.of())
                .withDetail("nodeId", nodeId)
                .withDetail("listen", listener != null)
                .withDetail("reconnects", listenReconnects.get());
    }

    private void every(Duration d, Runnable r) {
        long nanos = d.toNanos();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("periodic task store work failed on node {}", nodeId, e);
            }
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    // ---- TaskStore ----

    @Override
    public void create(TaskSnapshot task, TaskOptions options, Object parameters) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(options, "options");
        String params = parameters == null ? null : codec.value(parameters, "parameters", task.id());
        long inserted = db("create", () -> jdbi.withHandle(h -> h.createQuery("""
                WITH i AS (
                  INSERT INTO eto_task (id, type, state, attempt, seq, created_at, progress, parameters, timeout_ms, retry)
                  VALUES (:id, :type, :state, :attempt, :seq, :createdAt, CAST(:progress AS jsonb), CAST(:parameters AS jsonb),
                          :timeoutMs, CAST(:retry AS jsonb))
                  ON CONFLICT (id) DO NOTHING
                  RETURNING id),
                n AS (SELECT pg_notify(:channel, :payload) FROM i)
                SELECT (SELECT count(*) FROM i) + 0 * (SELECT count(*) FROM n)""")
                .bind("id", task.id().value())
                .bind("type", task.type())
                .bind("state", task.state().wireName())
                .bind("attempt", task.attempt())
                .bind("seq", task.seq())
                .bind("createdAt", time(task.createdAt()))
                .bind("progress", codec.progress(task.progress()))
                .bind("parameters", params)
                .bind("timeoutMs", options.timeout().map(Duration::toMillis).orElse(null))
                .bind("retry", options.retry().map(codec::retry).orElse(null))
                .bind("channel", QUEUE_CHANNEL)
                .bind("payload", payload(task.id(), task.seq()))
                .mapTo(Long.class).one()));
        if (inserted == 0) {
            throw new ProgressException(ProgressErrorCode.DUPLICATE_TASK, task.id().value());
        }
    }

    @Override
    public void append(TaskSnapshot task, TaskEvent event) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(event, "event");
        TaskId id = task.id();
        if (event instanceof TaskEvent.Progress p && !task.isTerminal()) {
            Mark m = progressMarks.get(id);
            if (m != null && !significant(m, p.progress())) {
                pendingProgress.put(id, new Pending(task, event)); // written later by flushProgress, if still newest
                return;
            }
        }
        pendingProgress.remove(id);
        write(task, event);
    }

    private boolean significant(Mark m, TaskProgress p) {
        TaskProgress last = m.progress();
        if (!p.stage().equals(last.stage()) || !p.args().equals(last.args()) || p.total() != last.total()) {
            return true;
        }
        if (p.total() > 0 && Math.abs(p.done() - last.done()) >= progressWriteStep * p.total()) {
            return true;
        }
        if (p.total() > 0 && p.done() >= p.total() && last.done() < last.total()) {
            return true; // the stage completed
        }
        return System.nanoTime() - m.writtenNanos() >= progressWriteInterval.toNanos();
    }

    /** Writes the snapshot and the event, fenced by holder and sequence number, and announces it. */
    private void write(TaskSnapshot task, TaskEvent event) {
        TaskId id = task.id();
        boolean terminal = task.isTerminal();
        boolean progress = event instanceof TaskEvent.Progress;
        long written = db("append", () -> jdbi.withHandle(h -> h.createQuery("""
                WITH u AS (
                  UPDATE eto_task SET state = :state, attempt = :attempt, seq = :seq, started_at = :startedAt,
                         ended_at = :endedAt, progress = CAST(:progress AS jsonb), outcome = CAST(:outcome AS jsonb),
                         cancel_requested = cancel_requested OR :cancel,
                         owner = CASE WHEN :terminal THEN NULL ELSE owner END,
                         lease_until = CASE WHEN :terminal THEN NULL ELSE lease_until END,
                         updated_at = now()
                  WHERE id = :id AND seq < :seq AND owner IS NOT DISTINCT FROM :owner
                  RETURNING id),
                e AS (
                  INSERT INTO eto_task_event (task_id, seq, type, body)
                  SELECT id, :seq, :type, CAST(:body AS jsonb) FROM u
                  RETURNING task_id),
                d AS (
                  DELETE FROM eto_task_event
                  WHERE task_id = :id AND type = 'progress' AND EXISTS (SELECT 1 FROM u)
                    AND (:terminal OR (:isProgress AND seq <= (
                      SELECT seq FROM eto_task_event WHERE task_id = :id AND type = 'progress'
                      ORDER BY seq DESC OFFSET :keep LIMIT 1)))),
                n AS (SELECT pg_notify(:channel, :payload) FROM e)
                SELECT (SELECT count(*) FROM e) + 0 * (SELECT count(*) FROM n)""")
                .bind("id", id.value())
                .bind("state", task.state().wireName())
                .bind("attempt", task.attempt())
                .bind("seq", event.seq())
                .bind("startedAt", task.startedAt().map(PostgresTaskStore::time).orElse(null))
                .bind("endedAt", task.endedAt().map(PostgresTaskStore::time).orElse(null))
                .bind("progress", codec.progress(task.progress()))
                .bind("outcome", task.outcome().map(codec::event).orElse(null))
                .bind("cancel", task.cancelRequested())
                .bind("terminal", terminal)
                .bind("isProgress", progress)
                .bind("keep", Math.max(0, progressEventsKept - 1))
                .bind("owner", heldBy.get(id))
                .bind("type", event.type())
                .bind("body", codec.event(event))
                .bind("channel", EVENT_CHANNEL)
                .bind("payload", payload(id, event.seq()))
                .mapTo(Long.class).one()));
        if (terminal) {
            heldBy.remove(id);
            progressMarks.remove(id);
            pendingProgress.remove(id);
        }
        if (written == 0) {
            LOG.debug("stale write of {} #{} for task {} ignored (not the holder, or not newer)", event.type(), event.seq(), id);
            return;
        }
        markDelivered(id, event.seq());
        if (!terminal) {
            progressMarks.put(id, new Mark(task.progress(), System.nanoTime()));
        }
    }

    private void flushProgress() {
        for (Map.Entry<TaskId, Pending> e : pendingProgress.entrySet()) {
            Mark m = progressMarks.get(e.getKey());
            if (m == null || System.nanoTime() - m.writtenNanos() >= progressWriteInterval.toNanos()) {
                if (pendingProgress.remove(e.getKey(), e.getValue())) {
                    write(e.getValue().task(), e.getValue().event());
                }
            }
        }
    }

    @Override
    public Optional<TaskSnapshot> find(TaskId id) {
        Objects.requireNonNull(id, "id");
        return db("find", () -> jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM eto_task WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> snapshot(rs)).findOne()));
    }

    @Override
    public List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
        Objects.requireNonNull(id, "id");
        return db("eventsAfter", () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT body::text FROM eto_task_event WHERE task_id = :id AND seq > :after ORDER BY seq")
                .bind("id", id.value())
                .bind("after", afterSeq)
                .map((rs, ctx) -> codec.event(id, rs.getString(1))).list()));
    }

    @Override
    public Optional<TaskSnapshot> requestCancel(TaskId id) {
        Objects.requireNonNull(id, "id");
        return db("requestCancel", () -> jdbi.inTransaction(h -> {
            Optional<Row> row = lockRow(h, "id = :id", Map.of("id", id.value()));
            if (row.isEmpty()) {
                return Optional.<TaskSnapshot>empty();
            }
            TaskSnapshot s = row.get().task;
            if (s.isTerminal() || s.cancelRequested()) {
                return Optional.of(s);
            }
            // Only the flag: the holder's engine acts on it, or the engine that claims the task cancels it at once.
            h.createUpdate("UPDATE eto_task SET cancel_requested = true, updated_at = now() WHERE id = :id")
                    .bind("id", id.value()).execute();
            return Optional.of(s.withCancelRequested());
        }));
    }

    @Override
    public void remove(TaskId id) {
        Objects.requireNonNull(id, "id");
        heldBy.remove(id);
        db("remove", () -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM eto_task WHERE id = :id").bind("id", id.value()).execute()));
    }

    @Override
    public AutoCloseable watch(Consumer<TaskEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        sinks.add(sink);
        return () -> sinks.remove(sink);
    }

    // ---- the shared queue ----

    /**
     * Calls {@code wake} when another node submits, releases or re-queues a task ({@code NOTIFY eto_task_queued}),
     * and after the LISTEN connection was re-established. Not called when not listening: engines then claim
     * every heartbeat interval.
     */
    @Override
    public AutoCloseable watchQueue(Runnable wake) {
        Objects.requireNonNull(wake, "wake");
        wakers.add(wake);
        return () -> wakers.remove(wake);
    }

    private void wake() {
        for (Runnable w : wakers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.warn("queue wake-up callback failed", e);
            }
        }
    }

    /** {@code true}: the queue lives in the database and engines claim from it. */
    @Override
    public boolean sharedQueue() {
        return true;
    }

    @Override
    public List<ClaimedTask> claim(String nodeId, Set<String> types, int max) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(types, "types");
        if (max < 1 || types.isEmpty() || closed) {
            return List.of();
        }
        List<ClaimedTask> claims = db("claim", () -> jdbi.withHandle(h -> h.createQuery("""
                UPDATE eto_task t
                SET owner = :node, lease_until = now() + make_interval(secs => :leaseSeconds), updated_at = now()
                WHERE t.id IN (
                  SELECT id FROM eto_task
                  WHERE state = 'queued' AND owner IS NULL AND run_after <= now() AND type = ANY(:types)
                  ORDER BY created_at
                  LIMIT :max
                  FOR UPDATE SKIP LOCKED)
                """ + "RETURNING " + COLUMNS.replace("id,", "t.id,"))
                .bind("node", nodeId)
                .bind("leaseSeconds", seconds(lease))
                .bindArray("types", String.class, types)
                .bind("max", max)
                .map((rs, ctx) -> {
                    TaskSnapshot s = snapshot(rs);
                    long timeoutMs = rs.getLong("timeout_ms");
                    TaskOptions o = TaskOptions.defaults().withType(s.type());
                    if (!rs.wasNull()) {
                        o = o.withTimeout(Duration.ofMillis(timeoutMs));
                    }
                    String retry = rs.getString("retry");
                    if (retry != null) {
                        o = o.withRetry(codec.retry(retry));
                    }
                    return new ClaimedTask(s, o, codec.object(rs.getString("parameters")));
                }).list()));
        for (ClaimedTask c : claims) {
            heldBy.put(c.task().id(), nodeId);
        }
        claimedTasks.addAndGet(claims.size());
        return claims;
    }

    @Override
    public void release(String nodeId, Collection<TaskId> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (TaskId id : tasks) {
            heldBy.remove(id);
            values.add(id.value());
        }
        db("release", () -> jdbi.withHandle(h -> h.createQuery("""
                WITH u AS (
                  UPDATE eto_task SET owner = NULL, lease_until = NULL, run_after = now(), updated_at = now()
                  WHERE id = ANY(:ids) AND owner = :node AND state = 'queued'
                  RETURNING id, seq)
                SELECT count(pg_notify(:channel, '{"taskId":"' || id || '","seq":' || seq || '}')) FROM u""")
                .bindArray("ids", String.class, values)
                .bind("node", nodeId)
                .bind("channel", QUEUE_CHANNEL)
                .mapTo(Long.class).one()));
    }

    // ---- leases, reaper, retention ----

    /**
     * Extends the leases of the tasks the engine holds by {@link Builder#leaseDuration leaseDuration} from now
     * (database clock). A task whose lease was lost meanwhile (taken over after an expiry) is not renewed, and
     * this node's later writes to it are ignored.
     */
    @Override
    public void renewLeases(String nodeId, Collection<TaskId> held) {
        if (held.isEmpty() || closed) {
            return;
        }
        List<String> ids = held.stream().map(TaskId::value).toList();
        int renewed = db("renew", () -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE eto_task SET lease_until = now() + make_interval(secs => :leaseSeconds)
                WHERE owner = :node AND id = ANY(:ids)""")
                .bind("leaseSeconds", seconds(lease))
                .bind("node", nodeId)
                .bindArray("ids", String.class, ids)
                .execute()));
        if (renewed < ids.size()) {
            LOG.debug("node {} renewed {} of {} leases (the others ended, or were taken over)", nodeId, renewed, ids.size());
        }
    }

    /**
     * Re-queues or ends tasks whose holder stopped renewing its lease, by the database clock. Runs on every node
     * every {@link Builder#reapInterval reapInterval}; nodes skip each other's locked rows.
     *
     * @return the number of tasks re-queued or ended
     */
    public int reapExpiredLeases() {
        int reaped = db("reap", () -> jdbi.inTransaction(h -> {
            List<Row> rows = lockRows(h, "owner IS NOT NULL AND lease_until < now() ORDER BY lease_until LIMIT 100", Map.of());
            for (Row r : rows) {
                TaskSnapshot s = r.task;
                TaskId id = s.id();
                LOG.info("lease of task {} held by {} expired in state {} (attempt {})", id, r.owner, s.state(), s.attempt());
                switch (s.state()) {
                    case QUEUED -> release(h, id); // claimed but not started, or waiting for a retry
                    case RUNNING -> {
                        if (s.attempt() < maxAttempts) {
                            TaskSnapshot next = new TaskSnapshot(id, s.type(), TaskState.QUEUED, s.attempt() + 1, s.seq() + 1,
                                    s.createdAt(), s.startedAt(), Optional.empty(), s.progress(), s.cancelRequested(), Optional.empty());
                            writeLocked(h, next, new TaskEvent.StateChanged(id, s.seq() + 1, r.dbNow, TaskState.RUNNING,
                                    TaskState.QUEUED, s.attempt() + 1));
                            release(h, id);
                        } else {
                            writeLocked(h, s, new TaskEvent.Failed(id, s.seq() + 1, r.dbNow, TaskState.RUNNING,
                                    TaskError.of(ProgressErrorCode.LEASE_EXPIRED, false, s.attempt())));
                        }
                    }
                    case CANCELLING -> writeLocked(h, s, new TaskEvent.Cancelled(id, s.seq() + 1, r.dbNow,
                            TaskState.CANCELLING, CancelReason.REQUESTED));
                    default -> h.createUpdate("UPDATE eto_task SET owner = NULL, lease_until = NULL WHERE id = :id")
                            .bind("id", id.value()).execute();
                }
            }
            return rows.size();
        }));
        leaseReaps.addAndGet(reaped);
        return reaped;
    }

    private void release(Handle h, TaskId id) {
        h.createUpdate("""
                UPDATE eto_task SET owner = NULL, lease_until = NULL, run_after = now(), updated_at = now()
                WHERE id = :id""")
                .bind("id", id.value()).execute();
        h.createQuery("SELECT count(pg_notify(:channel, :payload))")
                .bind("channel", QUEUE_CHANNEL).bind("payload", payload(id, 0)).mapTo(Long.class).one();
    }

    /**
     * Records that a finished task's result was read (e.g. downloaded in full), by the database clock: from then on
     * the task may be deleted once {@link Builder#retainFinished retainFinished} has passed since its last write.
     * Does nothing for an unknown or unfinished task; reading again keeps the first time.
     *
     * @param id the task
     * @return {@code true} when a finished task was marked now
     * @throws PostgresStoreException when the database cannot be reached
     */
    public boolean markRead(TaskId id) {
        Objects.requireNonNull(id, "id");
        return db("markRead", () -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE eto_task SET read_at = now()
                WHERE id = :id AND read_at IS NULL AND state IN ('succeeded', 'failed', 'cancelled')""")
                .bind("id", id.value()).execute())) > 0;
    }

    /**
     * Deletes finished tasks (and their events) that are no longer kept, by the database clock: those whose last
     * write is older than {@link Builder#retainFinished retainFinished} and whose result was {@link #markRead read},
     * and those whose last write is older than {@link Builder#retainUnread retainUnread}, read or not; oldest last
     * write first. Runs every {@link Builder#reapInterval reapInterval}, at most 1,000 tasks per pass.
     *
     * @return the number of tasks deleted
     */
    public int purgeFinished() {
        int purged = db("purge", () -> jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM eto_task WHERE id IN (
                  SELECT id FROM eto_task
                  WHERE state IN ('succeeded', 'failed', 'cancelled')
                    AND ((read_at IS NOT NULL AND updated_at < now() - make_interval(secs => :retain))
                         OR updated_at < now() - make_interval(secs => :retainUnread))
                  ORDER BY updated_at
                  LIMIT 1000)""")
                .bind("retain", seconds(retainFinished))
                .bind("retainUnread", seconds(retainUnread))
                .execute()));
        purgedTasks.addAndGet(purged);
        return purged;
    }

    /**
     * Writes an event for a row locked by this transaction, as the task's writer of last resort (the reaper). Not marked delivered: this node's engine hears of it like any other.
     */
    private TaskSnapshot writeLocked(Handle h, TaskSnapshot base, TaskEvent event) {
        TaskSnapshot next = base;
        if (event instanceof TaskEvent.Terminal t) {
            next = new TaskSnapshot(base.id(), base.type(), t.state(), base.attempt(), event.seq(), base.createdAt(),
                    base.startedAt(), Optional.of(event.timestamp()), base.progress(), base.cancelRequested(), Optional.of(t));
        }
        boolean terminal = next.isTerminal();
        h.createUpdate("""
                UPDATE eto_task SET state = :state, attempt = :attempt, seq = :seq, ended_at = :endedAt,
                       outcome = CAST(:outcome AS jsonb), cancel_requested = :cancel, updated_at = now(),
                       owner = CASE WHEN :terminal THEN NULL ELSE owner END,
                       lease_until = CASE WHEN :terminal THEN NULL ELSE lease_until END
                WHERE id = :id""")
                .bind("id", base.id().value())
                .bind("state", next.state().wireName())
                .bind("attempt", next.attempt())
                .bind("seq", event.seq())
                .bind("endedAt", next.endedAt().map(PostgresTaskStore::time).orElse(null))
                .bind("outcome", next.outcome().map(codec::event).orElse(null))
                .bind("cancel", next.cancelRequested())
                .bind("terminal", terminal)
                .execute();
        h.createUpdate("INSERT INTO eto_task_event (task_id, seq, type, body) VALUES (:id, :seq, :type, CAST(:body AS jsonb))")
                .bind("id", base.id().value()).bind("seq", event.seq()).bind("type", event.type()).bind("body", codec.event(event))
                .execute();
        if (terminal) {
            h.createUpdate("DELETE FROM eto_task_event WHERE task_id = :id AND type = 'progress'").bind("id", base.id().value()).execute();
        }
        h.createQuery("SELECT count(pg_notify(:channel, :payload))")
                .bind("channel", EVENT_CHANNEL).bind("payload", payload(base.id(), event.seq())).mapTo(Long.class).one();
        return next;
    }

    /** A task row locked for update, with what the store needs beyond the snapshot. */
    private record Row(TaskSnapshot task, String owner, Instant dbNow) {
    }

    private Optional<Row> lockRow(Handle h, String where, Map<String, Object> binds) {
        List<Row> rows = lockRows(h, where, binds);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Row> lockRows(Handle h, String whereAndRest, Map<String, Object> binds) {
        boolean skipLocked = whereAndRest.contains("LIMIT");
        var q = h.createQuery("SELECT " + COLUMNS + ", owner, now() AS db_now FROM eto_task WHERE " + whereAndRest
                + (skipLocked ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE"));
        binds.forEach(q::bind);
        return q.map((rs, ctx) -> new Row(snapshot(rs), rs.getString("owner"),
                rs.getObject("db_now", OffsetDateTime.class).toInstant())).list();
    }

    // ---- events from other nodes ----

    private void markDelivered(TaskId id, long seq) {
        synchronized (deliverLock) {
            delivered.merge(id, seq, Math::max);
        }
    }

    /** Reads and hands over the events after the ones delivered, for tasks announced by NOTIFY. */
    private void fetchAnnounced(Map<TaskId, long[]> announced) {
        List<String> ids = new ArrayList<>();
        List<Long> afters = new ArrayList<>();
        synchronized (deliverLock) {
            for (Map.Entry<TaskId, long[]> e : announced.entrySet()) {
                Long d = delivered.get(e.getKey());
                // A task first heard of now: from its first announced event (earlier ones reach a subscriber
                // through its snapshot's replay).
                long after = d != null ? d : e.getValue()[0] - 1;
                if (after < e.getValue()[1]) {
                    ids.add(e.getKey().value());
                    afters.add(after);
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        List<TaskEvent> events = jdbi.withHandle(h -> h.createQuery("""
                SELECT e.task_id, e.body::text FROM eto_task_event e
                JOIN unnest(:ids, :afters) AS w(id, after) ON e.task_id = w.id AND e.seq > w.after
                ORDER BY e.task_id, e.seq""")
                .bindArray("ids", String.class, ids)
                .bindArray("afters", Long.class, afters)
                .map((rs, ctx) -> codec.event(TaskId.of(rs.getString(1)), rs.getString(2))).list());
        deliver(events);
    }

    /** Reads every event written since {@code since} (after a lost LISTEN connection, or when polling). */
    private void fetchSince(Instant since) {
        List<TaskEvent> events = jdbi.withHandle(h -> h.createQuery("""
                SELECT task_id, body::text FROM eto_task_event WHERE written_at >= :since ORDER BY task_id, seq""")
                .bind("since", time(since.minus(RESYNC_MARGIN)))
                .map((rs, ctx) -> codec.event(TaskId.of(rs.getString(1)), rs.getString(2))).list());
        deliver(events);
    }

    private void deliver(List<TaskEvent> events) {
        synchronized (deliverLock) { // one deliverer at a time keeps each task's events in order
            for (TaskEvent e : events) {
                Long d = delivered.get(e.taskId());
                if (d != null && e.seq() <= d) {
                    continue;
                }
                delivered.put(e.taskId(), e.seq());
                for (Consumer<TaskEvent> sink : sinks) {
                    try {
                        sink.accept(e);
                    } catch (RuntimeException ex) {
                        LOG.warn("event sink failed on {}", e, ex);
                    }
                }
            }
        }
    }

    private void poll() {
        if (listening || closed) {
            return;
        }
        // Without LISTEN: catch up on events and cancellation requests by reading.
        Instant now = dbNow();
        if (!sinks.isEmpty()) {
            fetchSince(caughtUpTo);
        }
        caughtUpTo = now;
    }

    private void listenLoop() {
        long backoffMillis = 100;
        boolean first = true;
        while (!closed) {
            boolean again = !first;
            first = false;
            try (Connection c = listenerDataSource.getConnection()) {
                listenConnection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("SET application_name = 'eto4j-listen-" + nodeId.replace("'", "") + "'");
                    st.execute("LISTEN " + EVENT_CHANNEL);
                    st.execute("LISTEN " + QUEUE_CHANNEL);
                }
                Instant since = caughtUpTo;
                listening = true;
                if (again) {
                    listenReconnects.incrementAndGet();
                }
                backoffMillis = 100;
                // Whatever was written while not listening: read it now (duplicates are filtered by seq).
                if (!sinks.isEmpty()) {
                    fetchSince(since);
                }
                wake(); // work may have been submitted meanwhile
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] ns = pg.getNotifications((int) Math.max(1, pollInterval.toMillis()));
                    if (ns != null && ns.length > 0) {
                        handle(ns);
                    }
                    caughtUpTo = dbNow(c); // also detects a dead connection
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    break;
                }
                LOG.warn("LISTEN connection of node {} lost; reconnecting in {} ms (polling meanwhile)", nodeId, backoffMillis, e);
                try {
                    if (closedLatch.await(backoffMillis, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException ie) {
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            } finally {
                listening = false;
                listenConnection = null;
            }
        }
    }

    private void handle(PGNotification[] ns) {
        Map<TaskId, long[]> announced = new LinkedHashMap<>();
        boolean queued = false;
        for (PGNotification n : ns) {
            if (QUEUE_CHANNEL.equals(n.getName())) {
                queued = true;
                continue;
            }
            try {
                JsonNode p = codec.tree(n.getParameter());
                long seq = p.get("seq").asLong();
                // The earliest and the latest announced event of each task: a task first heard of in this batch is
                // read from its earliest (from the latest, the events before it would be skipped).
                announced.merge(TaskId.of(p.get("taskId").asText()), new long[] {seq, seq},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            } catch (RuntimeException e) {
                LOG.debug("ignored notification {} on {}", n.getParameter(), n.getName());
            }
        }
        if (queued) {
            wake();
        }
        if (!announced.isEmpty() && !sinks.isEmpty()) {
            fetchAnnounced(announced);
        }
    }

    // ---- helpers ----

    private TaskSnapshot snapshot(ResultSet rs) throws SQLException {
        TaskId id = TaskId.of(rs.getString("id"));
        String outcome = rs.getString("outcome");
        return new TaskSnapshot(id, rs.getString("type"), TaskState.fromWireName(rs.getString("state")),
                rs.getInt("attempt"), rs.getLong("seq"), instant(rs, "created_at"),
                Optional.ofNullable(instant(rs, "started_at")), Optional.ofNullable(instant(rs, "ended_at")),
                codec.progress(rs.getString("progress")), rs.getBoolean("cancel_requested"),
                outcome == null ? Optional.empty() : Optional.of((TaskEvent.Terminal) codec.event(id, outcome)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String payload(TaskId id, long seq) {
        return "{\"taskId\":\"" + id.value() + "\",\"seq\":" + seq + "}"; // ids are [A-Za-z0-9_-]: no escaping needed
    }

    private Instant dbNow() {
        return db("now", () -> jdbi.withHandle(h -> h.createQuery("SELECT now()")
                .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class).toInstant()).one()));
    }

    private static Instant dbNow(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private static <T> T db(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new PostgresStoreException(PostgresStoreErrorCode.DATABASE_ERROR, e, operation);
        }
    }

    /**
     * Stops the store's threads and closes the LISTEN connection. Tasks this node still holds are taken over
     * by other nodes when their leases expire. Idempotent; close the engine first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closedLatch.countDown();
        scheduler.shutdownNow();
        healthChecks.shutdownNow();
        if (listener != null) {
            Connection c = listenConnection;
            if (c != null) {
                try {
                    c.close(); // wakes getNotifications
                } catch (SQLException e) {
                    LOG.debug("closing the LISTEN connection failed", e);
                }
            }
            listener.interrupt();
            try {
                listener.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Settings of a {@link PostgresTaskStore}; validated in {@link #build()}, which names the bad option and the
     * accepted range.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private DataSource listenerDataSource;
        private boolean listen = true;
        private String nodeId;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration reapInterval = DEFAULT_REAP_INTERVAL;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration retainFinished = DEFAULT_RETAIN_FINISHED;
        private Duration retainUnread = DEFAULT_RETAIN_UNREAD;
        private Duration progressWriteInterval = DEFAULT_PROGRESS_WRITE_INTERVAL;
        private double progressWriteStep = DEFAULT_PROGRESS_WRITE_STEP;
        private int progressEventsKept = DEFAULT_PROGRESS_EVENTS_KEPT;
        private ObjectMapper objectMapper;
        private boolean migrate = true;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Where the node's one LISTEN connection comes from: an unpooled data source (e.g. pgjdbc's
         * {@code PGSimpleDataSource}), since the connection stays open for the store's lifetime.
         *
         * @param listenerDataSource the data source; required unless {@link #listen(boolean) listen(false)}
         * @return this builder
         */
        public Builder listenerDataSource(DataSource listenerDataSource) {
            this.listenerDataSource = Objects.requireNonNull(listenerDataSource, "listenerDataSource");
            return this;
        }

        /**
         * Whether to learn of other nodes' events by LISTEN/NOTIFY ({@code true},
         * the default) or only by polling every {@link #pollInterval(Duration) pollInterval} (for poolers or
         * proxies that do not pass NOTIFY).
         *
         * @param listen {@code true} to listen
         * @return this builder
         */
        public Builder listen(boolean listen) {
            this.listen = listen;
            return this;
        }

        /**
         * This node's identifier, for its LISTEN connection's {@code application_name}, its threads and logs; give
         * its engine the same ({@code TaskEngine.Builder.nodeId}), which is recorded as the holder of claimed tasks.
         *
         * @param nodeId 1 to 64 characters from {@code [A-Za-z0-9_.-]} (default: {@code node-} and a random suffix)
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
            return this;
        }

        /**
         * How long a node holds a task without renewing; after that another node takes it over. Engines renew
         * every heartbeat interval ({@code TaskEngine.Builder.heartbeatInterval}, 1 s by default): keep the lease
         * several times longer.
         *
         * @param leaseDuration {@code 1 s .. 1 h} (default {@link #DEFAULT_LEASE_DURATION})
         * @return this builder
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
            return this;
        }

        /**
         * How often this node looks for expired leases and for finished tasks past retention.
         *
         * @param reapInterval {@code 100 ms .. 1 h} (default {@link #DEFAULT_REAP_INTERVAL})
         * @return this builder
         */
        public Builder reapInterval(Duration reapInterval) {
            this.reapInterval = Objects.requireNonNull(reapInterval, "reapInterval");
            return this;
        }

        /**
         * How often the node polls for events when it is not listening, and checks its LISTEN connection.
         *
         * @param pollInterval {@code 10 ms .. 1 min} (default {@link #DEFAULT_POLL_INTERVAL})
         * @return this builder
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /**
         * The attempt at which a running task whose lease expired is failed ({@code PRG-2003}) instead of
         * re-queued.
         *
         * @param maxAttempts {@code 1..100} (default {@link #DEFAULT_MAX_ATTEMPTS})
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * How long a finished task stays at least after its last write; after that it stays until its result was
         * {@link PostgresTaskStore#markRead read} (up to {@link #retainUnread retainUnread}).
         *
         * @param retainFinished {@code 1 ms .. 3650 days} (default {@link #DEFAULT_RETAIN_FINISHED})
         * @return this builder
         */
        public Builder retainFinished(Duration retainFinished) {
            this.retainFinished = Objects.requireNonNull(retainFinished, "retainFinished");
            return this;
        }

        /**
         * How long a finished task whose result was never read stays at most after its last write. Raised to
         * {@link #retainFinished retainFinished} when shorter.
         *
         * @param retainUnread {@code 1 ms .. 3650 days} (default {@link #DEFAULT_RETAIN_UNREAD})
         * @return this builder
         */
        public Builder retainUnread(Duration retainUnread) {
            this.retainUnread = Objects.requireNonNull(retainUnread, "retainUnread");
            return this;
        }

        /**
         * The longest time a changed progress of a running task waits before it is written.
         *
         * @param progressWriteInterval {@code 0 .. 1 min} (default {@link #DEFAULT_PROGRESS_WRITE_INTERVAL})
         * @return this builder
         */
        public Builder progressWriteInterval(Duration progressWriteInterval) {
            this.progressWriteInterval = Objects.requireNonNull(progressWriteInterval, "progressWriteInterval");
            return this;
        }

        /**
         * The progress change, as a fraction of the stage's total, that is written at once.
         *
         * @param progressWriteStep {@code 0 .. 1} (default {@link #DEFAULT_PROGRESS_WRITE_STEP}); 0 writes every change
         * @return this builder
         */
        public Builder progressWriteStep(double progressWriteStep) {
            this.progressWriteStep = progressWriteStep;
            return this;
        }

        /**
         * How many progress events of a running task are kept for replay.
         *
         * @param progressEventsKept {@code 1..1024} (default {@link #DEFAULT_PROGRESS_EVENTS_KEPT})
         * @return this builder
         */
        public Builder progressEventsKept(int progressEventsKept) {
            this.progressEventsKept = progressEventsKept;
            return this;
        }

        /**
         * The mapper that writes parameters and result values as JSON (register modules here, e.g. for
         * {@code java.time}).
         *
         * @param objectMapper the mapper (default: a plain {@code new ObjectMapper()})
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * Whether {@link #build()} creates or upgrades the schema (default {@code true}); with {@code false}
         * the schema must have been migrated by another node or by a deployment step.
         *
         * @param migrate {@code true} to migrate
         * @return this builder
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * The time limit of {@link PostgresTaskStore#health()}, the wait for a pooled connection included.
         *
         * @param healthTimeout {@code 10 ms .. 1 min} (default {@link #DEFAULT_HEALTH_TIMEOUT})
         * @return this builder
         */
        public Builder healthTimeout(Duration healthTimeout) {
            this.healthTimeout = Objects.requireNonNull(healthTimeout, "healthTimeout");
            return this;
        }

        /**
         * Validates the settings, migrates the schema and starts the node's threads (reaper and retention,
         * poller, listener).
         *
         * @return the store
         * @throws PostgresStoreException with {@link PostgresStoreErrorCode#INVALID_OPTION} naming a bad option,
         *         or another code when the database cannot be reached or migrated
         */
        public PostgresTaskStore build() {
            if (nodeId == null) {
                nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
            }
            if (!nodeId.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw invalid("nodeId", nodeId, "1 to 64 characters from [A-Za-z0-9_.-]");
            }
            if (listen && listenerDataSource == null) {
                throw invalid("listenerDataSource", null, "an unpooled DataSource, or listen(false)");
            }
            check("leaseDuration", leaseDuration, Duration.ofSeconds(1), Duration.ofHours(1));
            check("reapInterval", reapInterval, Duration.ofMillis(100), Duration.ofHours(1));
            check("pollInterval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(1));
            check("retainFinished", retainFinished, Duration.ofMillis(1), Duration.ofDays(3650));
            check("retainUnread", retainUnread, Duration.ofMillis(1), Duration.ofDays(3650));
            if (retainUnread.compareTo(retainFinished) < 0) {
                // "At least retainFinished" is the promise; the unread limit can only extend it.
                retainUnread = retainFinished;
            }
            check("progressWriteInterval", progressWriteInterval, Duration.ZERO, Duration.ofMinutes(1));
            check("healthTimeout", healthTimeout, Duration.ofMillis(10), Duration.ofMinutes(1));
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw invalid("maxAttempts", maxAttempts, "1..100");
            }
            if (!(progressWriteStep >= 0 && progressWriteStep <= 1)) {
                throw invalid("progressWriteStep", progressWriteStep, "0..1");
            }
            if (progressEventsKept < 1 || progressEventsKept > 1024) {
                throw invalid("progressEventsKept", progressEventsKept, "1..1024");
            }
            return new PostgresTaskStore(this);
        }

        private static void check(String option, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw invalid(option, value, min + ".." + max);
            }
        }

        private static PostgresStoreException invalid(String option, Object value, String accepted) {
            return new PostgresStoreException(PostgresStoreErrorCode.INVALID_OPTION, null, option, String.valueOf(value), accepted);
        }
    }
}
