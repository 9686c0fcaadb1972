package org.eto4j.progress.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
import javax.sql.DataSource;
import org.eto4j.progress.Health;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.store.TaskStore;
import org.jdbi.v3.core.Jdbi;
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
 * <p>Inside, the store is the public face over four parts, each in its own class: the SQL ({@code TaskTable}),
 * the event relay (LISTEN/NOTIFY and polling, {@code EventRelay}), the progress throttle
 * ({@code ProgressThrottle}) and the lease reaper with retention ({@code LeaseReaper}).
 *
 * <p>Close the engine first, then the store. Timestamps in snapshots are kept to the microsecond (PostgreSQL
 * {@code timestamptz}); event timestamps are kept exactly.
 */
public final class PostgresTaskStore implements TaskStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresTaskStore.class);

    /**
     * Default lease: long enough to ride out a GC pause or a database fail-over, short enough that a killed node's
     * tasks restart within a minute.
     */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    /** Default interval between two passes of the reaper (expired leases) and of retention. */
    public static final Duration DEFAULT_REAP_INTERVAL = Duration.ofSeconds(5);
    /** Default polling interval for events when LISTEN is unavailable, and of the LISTEN connection's keep-alive. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * Default attempts after which a task whose lease expired is failed instead of re-queued (a task that kills its
     * node does not kill them all).
     */
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

    static final String EVENT_CHANNEL = TaskTable.EVENT_CHANNEL;
    static final String QUEUE_CHANNEL = TaskTable.QUEUE_CHANNEL;

    private final Jdbi jdbi;
    private final TaskTable table;
    private final JsonCodec codec;
    private final String nodeId;
    private final Duration lease;
    private final int progressEventsKept;
    private final Duration healthTimeout;
    private final ThreadPoolExecutor healthChecks;
    private final ProgressThrottle throttle;
    private final LeaseReaper reaper;
    private final EventRelay relay;
    private final AtomicLong claimedTasks = new AtomicLong();

    /** The tasks this store's engine holds, with the node id it claimed them under (the fence for its writes). */
    private final Map<TaskId, String> heldBy = new ConcurrentHashMap<>();

    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private PostgresTaskStore(Builder b) {
        this.jdbi = Jdbi.create(b.dataSource);
        this.codec = new JsonCodec(b.objectMapper != null ? b.objectMapper : new ObjectMapper());
        this.table = new TaskTable(jdbi, codec);
        this.nodeId = b.nodeId;
        this.lease = b.leaseDuration;
        this.progressEventsKept = b.progressEventsKept;
        this.healthTimeout = b.healthTimeout;
        this.throttle = new ProgressThrottle(b.progressWriteInterval, b.progressWriteStep, System::nanoTime);
        this.reaper = new LeaseReaper(table, b.maxAttempts, b.retainFinished, b.retainUnread);
        // Checks run on their own threads so that a check waiting for a connection (the pool's own time-out can be
        // 30 s) answers DOWN after healthTimeout and does not hold up the next check.
        this.healthChecks = new ThreadPoolExecutor(0, HEALTH_CHECKS_IN_FLIGHT, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "eto-pg-health-" + nodeId);
                    t.setDaemon(true);
                    return t;
                });
        if (b.migrate) {
            TaskTable.db("migrate", () -> {
                Migrations.migrate(jdbi);
                return null;
            });
        }
        this.relay = new EventRelay(table, codec, b.listen ? b.listenerDataSource : null, nodeId, b.pollInterval);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eto-pg-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        every(b.progressWriteInterval, () -> throttle.flush(this::write));
        every(b.reapInterval, () -> {
            reaper.reapExpiredLeases();
            reaper.purgeFinished();
        });
        every(b.pollInterval, relay::poll);
        relay.start();
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

    /**
     * This node's identifier: names its LISTEN connection ({@code application_name}) and its threads; give the engine
     * the same.
     */
    public String nodeId() {
        return nodeId;
    }

    /** Whether the LISTEN connection is up (when it is not, events are polled). */
    public boolean isListening() {
        return relay.isListening();
    }

    /**
     * Counts of this store's claims, lease reaps, purges and LISTEN reconnects since it was built.
     *
     * @return the current counts
     */
    public PostgresStoreStats stats() {
        return new PostgresStoreStats(claimedTasks.get(), reaper.reaped(), reaper.purged(), relay.reconnects(),
                relay.isListening());
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
        boolean up = !relay.listens() || (relay.isListening() && !closed);
        return new Health(up ? Health.Status.UP : Health.Status.DOWN, Map.of())
                .withDetail("nodeId", nodeId)
                .withDetail("listen", relay.listens())
                .withDetail("reconnects", relay.reconnects());
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
        if (table.insert(task, options, params) == 0) {
            throw new ProgressException(ProgressErrorCode.DUPLICATE_TASK, task.id().value());
        }
    }

    @Override
    public void append(TaskSnapshot task, TaskEvent event) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(event, "event");
        if (!throttle.hold(task, event)) {
            write(task, event);
        }
    }

    /** Writes the snapshot and the event, fenced by holder and sequence number, and announces it. */
    private void write(TaskSnapshot task, TaskEvent event) {
        TaskId id = task.id();
        boolean terminal = task.isTerminal();
        long written = table.write(task, event, heldBy.get(id), progressEventsKept);
        if (terminal) {
            heldBy.remove(id);
            throttle.forget(id);
        }
        if (written == 0) {
            LOG.debug("stale write of {} #{} for task {} ignored (not the holder, or not newer)",
                    event.type(), event.seq(), id);
            return;
        }
        relay.markDelivered(id, event.seq());
        if (!terminal) {
            throttle.written(task);
        }
    }

    @Override
    public Optional<TaskSnapshot> find(TaskId id) {
        Objects.requireNonNull(id, "id");
        return table.find(id);
    }

    @Override
    public List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
        Objects.requireNonNull(id, "id");
        return table.eventsAfter(id, afterSeq);
    }

    @Override
    public Optional<TaskSnapshot> requestCancel(TaskId id) {
        Objects.requireNonNull(id, "id");
        return table.requestCancel(id);
    }

    @Override
    public void remove(TaskId id) {
        Objects.requireNonNull(id, "id");
        heldBy.remove(id);
        table.delete(id);
    }

    @Override
    public AutoCloseable watch(Consumer<TaskEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        return relay.watch(sink);
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
        return relay.watchQueue(wake);
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
        List<ClaimedTask> claims = table.claim(nodeId, types, max, lease);
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
        for (TaskId id : tasks) {
            heldBy.remove(id);
        }
        table.release(nodeId, TaskTable.values(tasks));
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
        List<String> ids = TaskTable.values(held);
        int renewed = table.renewLeases(nodeId, ids, lease);
        if (renewed < ids.size()) {
            LOG.debug("node {} renewed {} of {} leases (the others ended, or were taken over)",
                    nodeId, renewed, ids.size());
        }
    }

    /**
     * Re-queues or ends tasks whose holder stopped renewing its lease, by the database clock. Runs on every node
     * every {@link Builder#reapInterval reapInterval}; nodes skip each other's locked rows.
     *
     * @return the number of tasks re-queued or ended
     */
    public int reapExpiredLeases() {
        return reaper.reapExpiredLeases();
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
        return table.markRead(id);
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
        return reaper.purgeFinished();
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
        scheduler.shutdownNow();
        healthChecks.shutdownNow();
        relay.close();
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
            return new PostgresStoreException(PostgresStoreErrorCode.INVALID_OPTION, null, option,
                    String.valueOf(value), accepted);
        }
    }
}
