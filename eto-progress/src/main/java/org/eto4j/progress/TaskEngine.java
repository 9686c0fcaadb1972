package org.eto4j.progress;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.eto4j.progress.store.TaskStore;

/**
 * Runs tasks on a bounded queue and a worker pool, publishes their progress and state as typed events, and
 * answers questions about them.
 *
 * <pre>{@code
 * try (TaskEngine engine = TaskEngine.builder().workers(4).build()) {
 *     TaskId id = engine.submit(ctx -> {
 *         ctx.stage(Stage.COMPUTE);
 *         ctx.total(rows.size());
 *         for (Row r : rows) { ctx.throwIfCancellationRequested(); compute(r); ctx.advance(1); }
 *         return TaskResult.of(summary);
 *     });
 *     engine.subscribe(id, event -> send(event));
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. {@link #submit} never waits for work to start; it only stores the task
 * and puts it on the queue.
 *
 * <p><b>Log context.</b> While a task attempt runs, and while an event is handed to a listener, the engine puts
 * {@link #MDC_TASK_ID}, {@link #MDC_TASK_TYPE} and {@link #MDC_ATTEMPT} into the SLF4J {@code MDC} of that thread
 * (listeners get the task id only: one listener of {@link #subscribeAll} hears many tasks), and restores whatever
 * values those keys had afterwards, so log lines of a task carry its id without the task doing anything.
 */
public interface TaskEngine extends AutoCloseable {

    /** SLF4J MDC key of the task id ({@link TaskId#value()}) around a task attempt and an event delivery. */
    String MDC_TASK_ID = "eto.taskId";
    /** SLF4J MDC key of the task type ({@link TaskSnapshot#type()}) around a task attempt. */
    String MDC_TASK_TYPE = "eto.taskType";
    /** SLF4J MDC key of the attempt number (1, 2, …) around a task attempt. */
    String MDC_ATTEMPT = "eto.attempt";

    /** A builder with the default settings. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Accepts an ad-hoc task with the engine's default options.
     *
     * @param task the work
     * @return the new task's id
     * @throws TaskRejectedException when the queue is full or the engine is shutting down
     */
    default TaskId submit(Task task) {
        return submit(task, TaskOptions.defaults());
    }

    /**
     * Accepts an ad-hoc task.
     *
     * @param task    the work
     * @param options type, timeout and retry policy
     * @return the new task's id
     * @throws TaskRejectedException when the queue is full or the engine is shutting down
     * @throws ProgressException with {@link ProgressErrorCode#INVALID_OPTION} when the store shares its queue
     *         with other engines ({@link org.eto4j.progress.store.TaskStore#sharedQueue()}), which run only
     *         registered task types
     */
    TaskId submit(Task task, TaskOptions options);

    /**
     * Accepts a task of a type registered with {@link Builder#taskType(String, TaskFactory)}; its type and
     * parameters go to the store, so a durable store can run it again after a restart.
     *
     * @param type       the registered type
     * @param parameters JSON-able parameters for the type's factory
     * @param options    timeout and retry policy (its type is replaced by {@code type})
     * @return the new task's id
     * @throws TaskRejectedException when the queue is full or the engine is shutting down
     * @throws ProgressException with {@link ProgressErrorCode#INVALID_OPTION} when the type is not registered
     */
    TaskId submit(String type, Object parameters, TaskOptions options);

    /**
     * The task's current snapshot.
     *
     * @param id the task id
     * @return the snapshot; empty when no such task exists (never created, or expired) — never "queued"
     */
    Optional<TaskSnapshot> find(TaskId id);

    /**
     * Requests cancellation. A queued task is cancelled at once; a running task moves to
     * {@link TaskState#CANCELLING}, its token is set and its thread interrupted; a task held by another
     * engine sharing the store gets the request through the store.
     *
     * @param id the task id
     * @return what happened
     */
    CancelOutcome cancel(TaskId id);

    /**
     * Follows one task from now on: a {@link TaskEvent.Snapshot} first, then newer events, until the terminal
     * event; the subscription then closes with {@link Subscription.CloseReason#TASK_ENDED}.
     *
     * @param id       the task id
     * @param listener receives the events
     * @return the subscription, or empty when the task is unknown
     */
    default Optional<Subscription> subscribe(TaskId id, TaskListener listener) {
        return subscribe(id, -1, listener);
    }

    /**
     * Follows one task, resuming after the last event a client saw: the snapshot's
     * {@link TaskEvent.Snapshot#replay() replay} holds the retained state-change and terminal events numbered
     * after {@code sinceSeq}.
     *
     * @param id       the task id
     * @param sinceSeq the last sequence number seen, or {@code -1} for none
     * @param listener receives the events
     * @return the subscription, or empty when the task is unknown
     */
    Optional<Subscription> subscribe(TaskId id, long sinceSeq, TaskListener listener);

    /**
     * Follows every task of this engine from now on (no snapshot; use {@link #find} for the current state).
     *
     * @param listener receives the events of all tasks, in order per task
     * @return the subscription
     */
    Subscription subscribeAll(TaskListener listener);

    /**
     * Shuts down: stops accepting tasks, cancels queued ones, lets running tasks finish until the deadline,
     * then cancels them (token and interruption) and waits a short grace period; delivers pending events,
     * closes subscriptions and stops all threads. Idempotent.
     *
     * @param deadline how long running tasks may take to finish
     * @return {@code true} when every task and thread ended in time; {@code false} when a task ignored
     *         cancellation (it is recorded as cancelled and its thread is abandoned), or when a shared-queue store
     *         could not take back the queued tasks (they return to the queue when this node's leases expire;
     *         the rest of the shutdown runs all the same)
     */
    boolean shutdown(Duration deadline);

    /** The engine's current load: queued, running and retrying tasks, open subscriptions. */
    EngineStats stats();

    /** Whether {@link #shutdown} was called. */
    boolean isShutdown();

    /**
     * Whether the engine accepts and runs tasks: {@link Health.Status#UP} until {@link #shutdown} is called, then
     * {@link Health.Status#DOWN}. Details: {@code queued}, {@code running}, {@code waitingForRetry},
     * {@code openSubscriptions} (as {@link #stats()}) and, once down, {@code shutdown = true}. The store has its own
     * check ({@link TaskStore#health()}). Cheap; usable as a {@link HealthProbe} ({@code engine::health}).
     *
     * @return the engine's health
     */
    default Health health() {
        EngineStats s = stats();
        Health h = isShutdown() ? Health.down().withDetail("shutdown", true) : Health.up();
        return h.withDetail("queued", s.queued())
                .withDetail("running", s.running())
                .withDetail("waitingForRetry", s.waitingForRetry())
                .withDetail("openSubscriptions", s.openSubscriptions());
    }

    /**
     * Registers an observer of the tasks this engine accepts and runs (see {@link TaskObserver} for what it hears
     * and on which threads). It hears about what happens from now on; registering the same observer twice has no
     * further effect.
     *
     * @param observer the observer
     */
    void addObserver(TaskObserver observer);

    /**
     * Unregisters an observer; it may still get a callback that was under way.
     *
     * @param observer the observer
     * @return whether it was registered
     */
    boolean removeObserver(TaskObserver observer);

    /** Shuts down with {@link Builder#DEFAULT_SHUTDOWN_DEADLINE}. */
    @Override
    default void close() {
        shutdown(Builder.DEFAULT_SHUTDOWN_DEADLINE);
    }

    /**
     * Settings of a {@link TaskEngine}; validated in {@link #build()}, which names the bad option and the
     * accepted range.
     */
    final class Builder {
        /** Default worker threads: one per available processor, since ETo work is CPU-bound. */
        public static final int DEFAULT_WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
        /** Default queue capacity: enough for hundreds of stations submitted at once, small enough to bound memory. */
        public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
        /** Default minimum interval between two progress events of a task (the 250 ms). */
        public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(250);
        /** Default heartbeat interval: half of the promised 2 s, leaving room for tick and dispatch delays. */
        public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
        /** Default tick: how often the engine checks publish, heartbeat, timeout and retry due times. */
        public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(50);
        /** Default dispatch threads that deliver events to listeners. */
        public static final int DEFAULT_DISPATCH_THREADS = 2;
        /** Default bound on a listener's undelivered events after conflation; beyond it the subscription closes. */
        public static final int DEFAULT_MAX_PENDING_EVENTS = 1024;
        /** Default wait, after cancelling at the shutdown deadline, for tasks to acknowledge. */
        public static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(2);
        /** Default deadline of {@link TaskEngine#close()}. */
        public static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(30);

        int workers = DEFAULT_WORKERS;
        int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        Duration publishInterval = DEFAULT_PUBLISH_INTERVAL;
        Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        Duration tickInterval = DEFAULT_TICK_INTERVAL;
        int dispatchThreads = DEFAULT_DISPATCH_THREADS;
        int maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;
        Duration cancelGrace = DEFAULT_CANCEL_GRACE;
        Duration defaultTimeout;
        RetryPolicy defaultRetry = RetryPolicy.none();
        Clock clock = Clock.systemUTC();
        TaskStore store;
        String threadNamePrefix = "eto-progress";
        String nodeId;
        Executor workerExecutor;
        ScheduledExecutorService scheduler;
        ThreadFactory threadFactory;
        final Map<String, TaskFactory> types = new HashMap<>();

        Builder() {
        }

        /**
         * Worker threads running tasks.
         *
         * @param workers {@code 1..1024} (default {@link #DEFAULT_WORKERS})
         * @return this builder
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Tasks that may wait for a worker; beyond it {@link #submit} throws {@link TaskRejectedException}.
         *
         * @param queueCapacity {@code 1..10,000,000} (default {@link #DEFAULT_QUEUE_CAPACITY})
         * @return this builder
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * Minimum interval between two progress events of one task.
         *
         * @param publishInterval {@code 0 .. 1 min} (default {@link #DEFAULT_PUBLISH_INTERVAL})
         * @return this builder
         */
        public Builder publishInterval(Duration publishInterval) {
            this.publishInterval = Objects.requireNonNull(publishInterval, "publishInterval");
            return this;
        }

        /**
         * Silence after which a running task publishes a heartbeat.
         *
         * @param heartbeatInterval {@code > 0 .. 1 min} (default {@link #DEFAULT_HEARTBEAT_INTERVAL})
         * @return this builder
         */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            return this;
        }

        /**
         * How often due times are checked (publish, heartbeat, timeout, retry, remote cancellation).
         *
         * @param tickInterval {@code 1 ms .. 1 s} (default {@link #DEFAULT_TICK_INTERVAL})
         * @return this builder
         */
        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = Objects.requireNonNull(tickInterval, "tickInterval");
            return this;
        }

        /**
         * Threads delivering events to listeners.
         *
         * @param dispatchThreads {@code 1..256} (default {@link #DEFAULT_DISPATCH_THREADS})
         * @return this builder
         */
        public Builder dispatchThreads(int dispatchThreads) {
            this.dispatchThreads = dispatchThreads;
            return this;
        }

        /**
         * Bound on one listener's undelivered events (after conflation of progress and heartbeats).
         *
         * @param maxPendingEvents {@code 16..1,000,000} (default {@link #DEFAULT_MAX_PENDING_EVENTS})
         * @return this builder
         */
        public Builder maxPendingEvents(int maxPendingEvents) {
            this.maxPendingEvents = maxPendingEvents;
            return this;
        }

        /**
         * Wait at shutdown, after cancelling running tasks, for them to stop.
         *
         * @param cancelGrace {@code 0 .. 10 min} (default {@link #DEFAULT_CANCEL_GRACE})
         * @return this builder
         */
        public Builder cancelGrace(Duration cancelGrace) {
            this.cancelGrace = Objects.requireNonNull(cancelGrace, "cancelGrace");
            return this;
        }

        /**
         * Timeout of one attempt for tasks that set none.
         *
         * @param defaultTimeout {@code > 0}, or {@code null} for none (the default)
         * @return this builder
         */
        public Builder defaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
            return this;
        }

        /**
         * Retry policy for tasks that set none.
         *
         * @param defaultRetry the policy (default {@link RetryPolicy#none()})
         * @return this builder
         */
        public Builder defaultRetry(RetryPolicy defaultRetry) {
            this.defaultRetry = Objects.requireNonNull(defaultRetry, "defaultRetry");
            return this;
        }

        /**
         * The time source of timestamps and of every due time (tests pass a settable clock).
         *
         * @param clock the clock (default {@link Clock#systemUTC()})
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where tasks are kept.
         *
         * @param store the store (default: a new {@link InMemoryTaskStore} with its defaults)
         * @return this builder
         */
        public Builder store(TaskStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Prefix of the engine's thread names ({@code <prefix>-worker-1}, {@code -dispatch-1}, {@code -ticker}).
         *
         * @param threadNamePrefix 1 to 64 characters (default {@code eto-progress})
         * @return this builder
         */
        public Builder threadNamePrefix(String threadNamePrefix) {
            this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
            return this;
        }

        /**
         * Runs the engine's worker loops on a host-provided executor instead of threads the engine starts (e.g. a
         * framework's managed task executor, so that workers carry its context and show up in its monitoring).
         *
         * <p>The engine submits {@link #workers(int) workers} long-running loops to it at {@link #build()}; each
         * occupies one of the executor's threads until {@link TaskEngine#shutdown}, so the executor must be able to
         * run that many tasks at once beside its other work (an unbounded or thread-per-task executor, or a pool at
         * least that large) — loops it cannot start yet simply start later, and until then fewer tasks run at once.
         *
         * <p><b>Ownership.</b> The host owns the executor: the engine never shuts it down. At shutdown the engine
         * still waits, as documented on {@link TaskEngine#shutdown}, for its own loops and running attempts to end,
         * interrupts only threads that are inside one of its loops, and leaves the threads' interrupt status
         * cleared when a loop returns them to the executor. A loop the executor rejects fails {@link #build()}
         * with {@link ProgressErrorCode#INVALID_OPTION} naming {@code workerExecutor}.
         *
         * @param workerExecutor the executor (default: none — the engine starts daemon threads
         *                       {@code <prefix>-worker-<n>} from its {@link #threadFactory(ThreadFactory) thread
         *                       factory})
         * @return this builder
         */
        public Builder workerExecutor(Executor workerExecutor) {
            this.workerExecutor = Objects.requireNonNull(workerExecutor, "workerExecutor");
            return this;
        }

        /**
         * Times the engine's periodic checks (every {@link #tickInterval(Duration) tickInterval}) and shared-queue
         * claims on a host-provided scheduler instead of the engine's own single {@code <prefix>-ticker} thread.
         *
         * <p><b>Ownership.</b> The host owns the scheduler: the engine never shuts it down; at shutdown it cancels
         * its own periodic task and waits for a check under way to end. The engine serialises its checks itself, so
         * a scheduler with several threads is fine; a check may wait for the store, so a scheduler shared with
         * latency-sensitive work should have more than one thread.
         *
         * @param scheduler the scheduler (default: none — one daemon thread from the
         *                  {@link #threadFactory(ThreadFactory) thread factory})
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Creates the threads the engine owns: workers (unless {@link #workerExecutor(Executor) workerExecutor} is
         * set), the ticker (unless {@link #scheduler(ScheduledExecutorService) scheduler} is set) and the event
         * dispatch threads. The engine names nothing then: the factory's names apply. The engine ends these threads
         * at shutdown as usual.
         *
         * @param threadFactory the factory (default: daemon threads named {@code <prefix>-worker-<n>},
         *                      {@code <prefix>-ticker}, {@code <prefix>-dispatch-<n>} after
         *                      {@link #threadNamePrefix(String) threadNamePrefix})
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * This engine's name towards a shared-queue store (claims and leases).
         *
         * @param nodeId 1 to 64 characters (default: {@code node-} and a random UUID)
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
            return this;
        }

        /**
         * Registers a task type for {@link TaskEngine#submit(String, Object, TaskOptions)}.
         *
         * @param type    the stable type name, 1 to 64 characters
         * @param factory creates the task from its parameters
         * @return this builder
         */
        public Builder taskType(String type, TaskFactory factory) {
            new TaskOptions(type, Optional.empty(), Optional.empty()); // validates the name
            types.put(type, Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Validates the settings and starts the engine's threads.
         *
         * @return the running engine
         * @throws ProgressException with {@link ProgressErrorCode#INVALID_OPTION} naming a bad option
         */
        public TaskEngine build() {
            check("workers", workers, 1, 1024);
            check("queueCapacity", queueCapacity, 1, 10_000_000);
            check("dispatchThreads", dispatchThreads, 1, 256);
            check("maxPendingEvents", maxPendingEvents, 16, 1_000_000);
            check("publishInterval", publishInterval, Duration.ZERO, Duration.ofMinutes(1));
            check("heartbeatInterval", heartbeatInterval, Duration.ofMillis(1), Duration.ofMinutes(1));
            check("tickInterval", tickInterval, Duration.ofMillis(1), Duration.ofSeconds(1));
            check("cancelGrace", cancelGrace, Duration.ZERO, Duration.ofMinutes(10));
            if (defaultTimeout != null && (defaultTimeout.isZero() || defaultTimeout.isNegative())) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "defaultTimeout",
                        defaultTimeout, "> 0 or null");
            }
            if (threadNamePrefix.isEmpty() || threadNamePrefix.length() > 64) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "threadNamePrefix",
                        threadNamePrefix, "1 to 64 characters");
            }
            if (nodeId != null && (nodeId.isEmpty() || nodeId.length() > 64)) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "nodeId", nodeId, "1 to 64 characters");
            }
            return new DefaultTaskEngine(this, store != null ? store : InMemoryTaskStore.create());
        }

        private static void check(String option, int value, int min, int max) {
            if (value < min || value > max) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, option, value, min + ".." + max);
            }
        }

        private static void check(String option, Duration value, Duration min, Duration max) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, option, value, min + ".." + max);
            }
        }
    }
}
