package org.eto4j.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import org.eto4j.progress.store.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskEngine} implementation: worker loops on a bounded queue (on the engine's threads or a host's
 * executor), one periodic check (on the engine's ticker thread or a host's scheduler), a dispatch pool
 * ({@link DispatchPool}) and, with a store that shares its queue, the claims from it ({@link QueueClaimer}).
 */
final class DefaultTaskEngine implements TaskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTaskEngine.class);
    /**
     * Real time without any delivery while drains wait, after which one more dispatch thread starts: listeners
     * that block inside {@code onEvent} then cost a thread each instead of stalling everybody else.
     */
    static final long DISPATCH_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The most dispatch threads added beyond the configured number for blocked listeners. */
    static final int MAX_EXTRA_DISPATCH_THREADS = 256;

    private final Clock clock;
    private final TaskStore store;
    private final Duration publishInterval;
    private final Duration heartbeatInterval;
    private final Duration cancelGrace;
    private final Duration defaultTimeout;
    private final RetryPolicy defaultRetry;
    private final int queueCapacity;
    private final int maxPendingEvents;
    private final Map<String, TaskFactory> types;
    private final String nodeId;
    private final boolean sharedQueue;
    private final Object foreignLock = new Object();
    /** Worker threads inside a task attempt, including one whose task already ended by a time-out it ignores. */
    private final AtomicInteger busyWorkers = new AtomicInteger();

    private final LinkedBlockingQueue<Job> queue;
    private final Map<TaskId, Job> live = new ConcurrentHashMap<>();
    private final Set<Job> active = ConcurrentHashMap.newKeySet();
    private final Set<Job> waitingForRetry = ConcurrentHashMap.newKeySet();
    private final List<Subscriber> allTasksSubscribers = new CopyOnWriteArrayList<>();
    private final Map<TaskId, List<Subscriber>> foreignSubscribers = new ConcurrentHashMap<>();
    private final Set<Subscriber> openSubscribers = ConcurrentHashMap.newKeySet();

    private final Worker[] workers;
    private final ScheduledExecutorService ticker;
    /** Whether {@link #ticker} is the engine's own (shut down with it) or the host's (left running). */
    private final boolean ownTicker;
    /** Serialises the periodic check and claims, which a host's multi-threaded scheduler could overlap. */
    private final ReentrantLock tickLock = new ReentrantLock();
    private final ScheduledFuture<?> tickTask;
    private final Set<TaskObserver> observers = new CopyOnWriteArraySet<>();
    private final DispatchPool dispatcher;
    /** Claims from a shared queue; {@code null} when the engine's queue is its own. */
    private final QueueClaimer claimer;
    private final AutoCloseable storeWatch;
    private final AutoCloseable queueWatch;

    private final ReentrantReadWriteLock acceptLock = new ReentrantReadWriteLock();
    private volatile boolean accepting = true;
    private volatile boolean stopping;
    private final Object activity = new Object();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean cleanShutdown;

    DefaultTaskEngine(TaskEngine.Builder b, TaskStore store) {
        this.clock = b.clock;
        this.store = store;
        this.publishInterval = b.publishInterval;
        this.heartbeatInterval = b.heartbeatInterval;
        this.cancelGrace = b.cancelGrace;
        this.defaultTimeout = b.defaultTimeout;
        this.defaultRetry = b.defaultRetry;
        this.queueCapacity = b.queueCapacity;
        this.maxPendingEvents = b.maxPendingEvents;
        this.types = Map.copyOf(b.types);
        this.nodeId = b.nodeId != null ? b.nodeId : "node-" + TaskId.random().value();
        this.sharedQueue = store.sharedQueue();
        this.queue = new LinkedBlockingQueue<>(b.queueCapacity);

        String prefix = b.threadNamePrefix;
        ThreadFactory factory = b.threadFactory;
        this.dispatcher = new DispatchPool(b.dispatchThreads, factory != null ? factory : named(prefix + "-dispatch-"),
                DISPATCH_STALL_NANOS, MAX_EXTRA_DISPATCH_THREADS, System::nanoTime);
        this.ownTicker = b.scheduler == null;
        this.ticker = ownTicker
                ? Executors.newSingleThreadScheduledExecutor(factory != null ? factory : named(prefix + "-ticker"))
                : b.scheduler;
        this.claimer = sharedQueue
                ? new QueueClaimer(store, nodeId, types.keySet(), heartbeatInterval, ticker, tickLock, this::now,
                        new ClaimHost())
                : null;
        this.workers = new Worker[b.workers];
        ThreadFactory workerFactory = factory != null ? factory : named(prefix + "-worker-");
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
        }
        try {
            for (Worker w : workers) {
                if (b.workerExecutor != null) {
                    b.workerExecutor.execute(w);
                } else {
                    Thread t = workerFactory.newThread(w);
                    if (t == null) {
                        throw new RejectedExecutionException(); // a ThreadFactory may refuse by returning null
                    }
                    t.start();
                }
            }
        } catch (RejectedExecutionException e) {
            stopNow();
            boolean executor = b.workerExecutor != null;
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, executor ? "workerExecutor" : "threadFactory",
                    executor ? b.workerExecutor : b.threadFactory,
                    executor ? "an executor that accepts " + workers.length + " long-running worker loops"
                            : "a thread factory that makes threads");
        }
        long tickNanos = b.tickInterval.toNanos();
        this.tickTask = ticker.scheduleWithFixedDelay(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        this.storeWatch = store.watch(this::foreignEvent);
        this.queueWatch = sharedQueue ? store.watchQueue(claimer::request) : () -> { };
    }

    /** Ends what the constructor started when it cannot finish (a host executor refused a worker loop). */
    private void stopNow() {
        accepting = false;
        stopping = true;
        for (Worker w : workers) {
            w.stop();
        }
        dispatcher.shutdownNow();
        if (ownTicker) {
            ticker.shutdownNow();
        }
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name.endsWith("-") ? name + n.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }

    // ---- submission ----

    @Override
    public TaskId submit(Task task, TaskOptions options) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(options, "options");
        if (sharedQueue) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "task", "ad-hoc",
                    "a registered task type (the store shares its queue)");
        }
        return enqueue(task, null, options);
    }

    @Override
    public TaskId submit(String type, Object parameters, TaskOptions options) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        TaskFactory factory = types.get(type);
        if (factory == null) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "type", type,
                    "a registered task type " + types.keySet());
        }
        TaskOptions typed = options.withType(type);
        if (sharedQueue) {
            return createShared(parameters, typed);
        }
        return enqueue(Objects.requireNonNull(factory.create(parameters), "task"), parameters, typed);
    }

    /** With a shared queue the store is the queue: create the task there and let some engine claim it. */
    private TaskId createShared(Object parameters, TaskOptions options) {
        acceptLock.readLock().lock();
        try {
            if (!accepting) {
                throw new TaskRejectedException(ProgressErrorCode.ENGINE_SHUT_DOWN);
            }
            TaskSnapshot queued = TaskSnapshot.queued(TaskId.random(), options.type(), now());
            store.create(queued, options, parameters);
            observeSubmitted(queued);
            claimer.request();
            return queued.id();
        } finally {
            acceptLock.readLock().unlock();
        }
    }

    /** The engine as the {@link QueueClaimer} sees it. */
    private final class ClaimHost implements QueueClaimer.Host {
        @Override
        public boolean accepting() {
            return accepting;
        }

        @Override
        public int freeWorkers() {
            // Every task this engine holds occupies a worker until it ends — queued here, taken by a worker whose
            // running write is still on its way (in neither the queue nor the active set), or running — except
            // tasks waiting out a retry backoff. Counting only the queue and the active set would claim more work
            // for a worker that is just starting a task; that work would then wait here behind it, under a
            // renewed lease, while idle nodes could not take it.
            // A worker also stays occupied by a task that ended without its thread returning (a time-out the task
            // ignores): such a task has left the live set, but its worker is still counted busy.
            int held = Math.max(live.size() - waitingForRetry.size(), busyWorkers.get() + queue.size());
            return Math.min(workers.length - held, queue.remainingCapacity());
        }

        @Override
        public void adopt(TaskStore.ClaimedTask c) {
            TaskSnapshot snap = c.task();
            TaskFactory factory = types.get(snap.type());
            Task task;
            try {
                task = Objects.requireNonNull(factory.create(c.parameters()), "task");
            } catch (RuntimeException e) {
                LOG.warn("task {} of type {} could not be created from its parameters", snap.id(), snap.type(), e);
                task = ctx -> {
                    throw e;
                };
            }
            Job job = new Job(DefaultTaskEngine.this, snap, task, c.options().timeout().orElse(defaultTimeout),
                    c.options().retry().orElse(defaultRetry));
            live.put(job.id, job);
            if (snap.cancelRequested()) {
                job.requestCancel(CancelReason.REQUESTED);
            } else if (!queue.offer(job)) {
                live.remove(job.id);
                store.release(nodeId, List.of(job.id));
            }
        }

        @Override
        public Collection<TaskId> held() {
            return live.keySet();
        }
    }

    private TaskId enqueue(Task task, Object parameters, TaskOptions options) {
        acceptLock.readLock().lock();
        try {
            if (!accepting) {
                throw new TaskRejectedException(ProgressErrorCode.ENGINE_SHUT_DOWN);
            }
            if (queue.remainingCapacity() == 0) {
                throw new TaskRejectedException(ProgressErrorCode.QUEUE_FULL, queueCapacity);
            }
            TaskSnapshot queued = TaskSnapshot.queued(TaskId.random(), options.type(), now());
            Job job = new Job(this, queued, task, options.timeout().orElse(defaultTimeout),
                    options.retry().orElse(defaultRetry));
            store.create(queued, options, parameters);
            live.put(job.id, job);
            if (!queue.offer(job)) {
                live.remove(job.id);
                store.remove(job.id);
                throw new TaskRejectedException(ProgressErrorCode.QUEUE_FULL, queueCapacity);
            }
            observeSubmitted(queued);
            return job.id;
        } finally {
            acceptLock.readLock().unlock();
        }
    }

    // ---- queries and cancellation ----

    @Override
    public Optional<TaskSnapshot> find(TaskId id) {
        return store.find(Objects.requireNonNull(id, "id"));
    }

    @Override
    public CancelOutcome cancel(TaskId id) {
        Objects.requireNonNull(id, "id");
        Job job = live.get(id);
        if (job != null) {
            CancelOutcome outcome = job.requestCancel(CancelReason.REQUESTED);
            if (outcome != CancelOutcome.ALREADY_ENDED) {
                return outcome;
            }
        }
        Optional<TaskSnapshot> snap = store.find(id);
        if (snap.isEmpty()) {
            return CancelOutcome.UNKNOWN;
        }
        if (snap.get().isTerminal()) {
            return CancelOutcome.ALREADY_ENDED;
        }
        if (snap.get().cancelRequested()) {
            return CancelOutcome.ALREADY_REQUESTED;
        }
        // Held by another engine sharing the store: it sees the request on its next check.
        return store.requestCancel(id).isPresent() ? CancelOutcome.REQUESTED : CancelOutcome.UNKNOWN;
    }

    // ---- subscriptions ----

    @Override
    public Optional<Subscription> subscribe(TaskId id, long sinceSeq, TaskListener listener) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listener, "listener");
        Subscriber sub = new Subscriber(this, id, listener, maxPendingEvents);
        Job job = live.get(id);
        if (job != null) {
            synchronized (job.lock) {
                if (!job.endedLocked()) {
                    openSubscribers.add(sub);
                    sub.offer(snapshotEvent(job.snapshotLocked(), sinceSeq));
                    job.addSubscriberLocked(sub);
                    return Optional.of(closedIfStopping(sub));
                }
            }
        }
        // Ended here, or held by another engine sharing the store: the store is the source. The lock orders the
        // snapshot before relayed events; the subscriber drops relayed events the snapshot already covers.
        synchronized (foreignLock) {
            Optional<TaskSnapshot> snap = store.find(id);
            if (snap.isEmpty()) {
                return Optional.empty();
            }
            openSubscribers.add(sub);
            sub.offer(snapshotEvent(snap.get(), sinceSeq)); // a terminal snapshot closes the subscription
            if (!snap.get().isTerminal()) {
                foreignSubscribers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(sub);
            }
            return Optional.of(closedIfStopping(sub));
        }
    }

    /** A subscription made while the engine stops gets what is pending, then closes. */
    private Subscriber closedIfStopping(Subscriber sub) {
        if (stopping) {
            sub.closeWith(Subscription.CloseReason.ENGINE_SHUTDOWN, false);
        }
        return sub;
    }

    private TaskEvent.Snapshot snapshotEvent(TaskSnapshot snap, long sinceSeq) {
        List<TaskEvent> replay = new ArrayList<>();
        if (sinceSeq >= 0 && sinceSeq < snap.seq()) {
            for (TaskEvent e : store.eventsAfter(snap.id(), sinceSeq)) {
                if (!(e instanceof TaskEvent.Progress) && e.seq() <= snap.seq()) {
                    replay.add(e);
                }
            }
        }
        return new TaskEvent.Snapshot(snap.id(), snap.seq(), now(), snap, replay);
    }

    @Override
    public Subscription subscribeAll(TaskListener listener) {
        Objects.requireNonNull(listener, "listener");
        Subscriber sub = new Subscriber(this, null, listener, maxPendingEvents);
        openSubscribers.add(sub);
        allTasksSubscribers.add(sub);
        return closedIfStopping(sub);
    }

    void unregister(Subscriber sub) {
        allTasksSubscribers.remove(sub);
        sub.taskId().ifPresent(id -> {
            Job job = live.get(id);
            if (job != null) {
                job.removeSubscriber(sub);
            }
            List<Subscriber> foreign = foreignSubscribers.get(id);
            if (foreign != null) {
                foreign.remove(sub);
            }
        });
    }

    void subscriberFinished(Subscriber sub) {
        openSubscribers.remove(sub);
        signalActivity();
    }

    /** Fans an event out; called under the job's lock, so each subscriber sees a task's events in order. */
    void deliver(Job job, List<Subscriber> taskSubscribers, TaskEvent event) {
        for (Subscriber s : taskSubscribers) {
            s.offer(event);
        }
        // Then as an event relayed by the store: a subscription made through the store before this engine claimed
        // the task (shared queue) is not among the job's subscribers, and gets the job's events here too (repeats
        // are dropped by seq) rather than only when the store relays them back, which a lost notification (the
        // database away for a moment) can miss; the all-tasks subscribers get it there as well.
        deliverForeign(event);
    }

    private void foreignEvent(TaskEvent event) {
        if (live.containsKey(event.taskId())) {
            return; // our own task: already delivered
        }
        synchronized (foreignLock) {
            deliverForeign(event);
        }
    }

    private void deliverForeign(TaskEvent event) {
        List<Subscriber> subs = foreignSubscribers.get(event.taskId());
        if (subs != null) {
            for (Subscriber s : subs) {
                s.offer(event);
            }
            if (event instanceof TaskEvent.Terminal) {
                foreignSubscribers.remove(event.taskId());
            }
        }
        for (Subscriber s : allTasksSubscribers) {
            s.offer(event);
        }
    }

    /** Counts one delivery to a listener (the dispatch stall check watches this). */
    void delivered() {
        dispatcher.delivered();
    }

    void dispatch(Runnable drain) {
        dispatcher.execute(drain);
    }

    // ---- callbacks from jobs ----

    Instant now() {
        return clock.instant();
    }

    Duration publishInterval() {
        return publishInterval;
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    boolean acceptsRetries() {
        return accepting;
    }

    void store(TaskSnapshot snap, TaskEvent event) {
        try {
            store.append(snap, event);
        } catch (RuntimeException e) {
            LOG.error("task store failed to record {} of task {}", event.type(), snap.id(), e);
        }
    }

    boolean storeHasCancelRequest(TaskId id) {
        try {
            return store.find(id).map(TaskSnapshot::cancelRequested).orElse(false);
        } catch (RuntimeException e) {
            LOG.warn("task store failed to answer for task {}", id, e);
            return false;
        }
    }

    void markActive(Job job) {
        active.add(job);
    }

    void markWaitingForRetry(Job job) {
        active.remove(job);
        waitingForRetry.add(job);
        signalActivity();
    }

    void unqueue(Job job) {
        queue.remove(job);
        waitingForRetry.remove(job);
    }

    void ended(Job job) {
        live.remove(job.id);
        active.remove(job);
        waitingForRetry.remove(job);
        if (sharedQueue) {
            claimer.request(); // a worker is free: look for more work now rather than on the next tick
        }
        signalActivity();
    }

    private void signalActivity() {
        synchronized (activity) {
            activity.notifyAll();
        }
    }

    // ---- threads ----

    /**
     * One worker loop, on a thread of the engine's or of a host's executor. The engine interrupts the thread only
     * while the loop runs on it, and a loop hands its thread back with the interrupt status cleared, so a host's
     * pooled thread never carries an interrupt meant for a task into its next job.
     */
    private final class Worker implements Runnable {
        private static final int NEW = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private final CountDownLatch done = new CountDownLatch(1);
        private int state = NEW; // guarded by this
        private Thread thread; // guarded by this

        @Override
        public void run() {
            synchronized (this) {
                if (state != NEW) {
                    return; // stopped before the executor got to it
                }
                state = RUNNING;
                thread = Thread.currentThread();
            }
            try {
                workLoop();
            } finally {
                synchronized (this) {
                    state = DONE;
                    thread = null;
                }
                Thread.interrupted(); // interrupts arrive only under the lock while thread is set
                done.countDown();
            }
        }

        /** Interrupts the loop if it runs; marks it done if it never started. */
        synchronized void stop() {
            if (state == NEW) {
                state = DONE;
                done.countDown();
            } else if (thread != null) {
                thread.interrupt();
            }
        }

        boolean await(long endNanos) throws InterruptedException {
            return done.await(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void workLoop() {
        while (!stopping) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                continue; // re-check stopping
            }
            busyWorkers.incrementAndGet();
            try {
                job.runAttempt();
            } catch (RuntimeException | Error e) {
                LOG.error("worker failed while running task {}", job.id, e);
            } finally {
                busyWorkers.decrementAndGet();
                if (sharedQueue) {
                    claimer.request(); // this worker is free now (a claim made when its task ended still counted it)
                }
            }
        }
    }

    private void tick() {
        tickLock.lock();
        try {
            dispatcher.checkStall();
            Instant now = now();
            if (sharedQueue) {
                claimer.renewLeases(now);
                claimer.claim(now);
            }
            for (Job job : active) {
                job.tick(now);
            }
            for (Job job : waitingForRetry) {
                // Remove before offering: a fast worker may fail the next attempt and add the job back.
                if (job.retryDue(now) && waitingForRetry.remove(job) && !queue.offer(job)) {
                    waitingForRetry.add(job); // queue full: try again on the next tick
                }
            }
        } catch (RuntimeException e) {
            if (!accepting && Thread.currentThread().isInterrupted()) {
                // Shutdown interrupts the ticker, which may be waiting for the store (a pool's connection):
                // an expected end, not a failure.
                LOG.debug("engine tick interrupted by shutdown", e);
            } else {
                LOG.error("engine tick failed", e);
            }
        } finally {
            tickLock.unlock();
        }
    }

    // ---- shutdown ----

    @Override
    public EngineStats stats() {
        return new EngineStats(queue.size(), active.size(), waitingForRetry.size(), openSubscribers.size());
    }

    @Override
    public boolean isShutdown() {
        return !accepting;
    }

    // ---- observers ----

    @Override
    public void addObserver(TaskObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    @Override
    public boolean removeObserver(TaskObserver observer) {
        return observers.remove(Objects.requireNonNull(observer, "observer"));
    }

    private void observeSubmitted(TaskSnapshot task) {
        for (TaskObserver o : observers) {
            try {
                o.submitted(task);
            } catch (RuntimeException e) {
                LOG.warn("task observer failed on submission of task {}", task.id(), e);
            }
        }
    }

    void observeStarted(TaskSnapshot task) {
        for (TaskObserver o : observers) {
            try {
                o.started(task);
            } catch (RuntimeException e) {
                LOG.warn("task observer failed on start of task {}", task.id(), e);
            }
        }
    }

    void observeRetrying(TaskSnapshot task, TaskError error) {
        for (TaskObserver o : observers) {
            try {
                o.retrying(task, error);
            } catch (RuntimeException e) {
                LOG.warn("task observer failed on retry of task {}", task.id(), e);
            }
        }
    }

    void observeEnded(TaskSnapshot task) {
        for (TaskObserver o : observers) {
            try {
                o.ended(task);
            } catch (RuntimeException e) {
                LOG.warn("task observer failed on end of task {}", task.id(), e);
            }
        }
    }

    @Override
    public boolean shutdown(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        acceptLock.writeLock().lock();
        boolean first;
        try {
            first = accepting;
            accepting = false;
        } finally {
            acceptLock.writeLock().unlock();
        }
        if (!first) {
            awaitTermination(deadline.plus(cancelGrace));
            return cleanShutdown;
        }
        long end = System.nanoTime() + Math.max(0, deadline.toNanos());

        List<Job> pending = new ArrayList<>();
        queue.drainTo(pending);
        pending.addAll(waitingForRetry);
        boolean handedBack = true;
        if (sharedQueue) {
            // Durable queue: unstarted work goes back to the store for another engine or a restart.
            List<TaskId> released = new ArrayList<>();
            for (Job job : pending) {
                if (job.releaseIfQueued()) {
                    live.remove(job.id);
                    waitingForRetry.remove(job);
                    released.add(job.id);
                }
            }
            if (!released.isEmpty()) {
                try {
                    store.release(nodeId, released);
                } catch (RuntimeException e) {
                    // The rest of the shutdown must still run (workers, ticker, subscriptions). The tasks stay
                    // leased to this node until the leases expire; then any engine claims them again.
                    LOG.warn("handing {} queued tasks back to the store failed; they return to the queue when "
                            + "their leases expire", released.size(), e);
                    handedBack = false;
                }
            }
        } else {
            for (Job job : pending) {
                job.requestCancel(CancelReason.SHUTDOWN);
            }
        }
        awaitUntil(active::isEmpty, end);
        if (!active.isEmpty()) {
            for (Job job : List.copyOf(active)) {
                job.requestCancel(CancelReason.SHUTDOWN);
            }
            awaitUntil(active::isEmpty, System.nanoTime() + cancelGrace.toNanos());
        }
        boolean clean = active.isEmpty() && handedBack;
        for (Job job : List.copyOf(live.values())) {
            job.forceCancelled(); // ignored cancellation, or queued by a retry racing with shutdown
        }

        stopping = true;
        long joinEnd = System.nanoTime() + cancelGrace.toNanos();
        if (ownTicker) {
            ticker.shutdownNow();
        } else {
            // The host's scheduler stays: cancel only our check, and wait for one under way to end.
            tickTask.cancel(true);
            clean &= awaitTickIdle(joinEnd);
        }
        for (Worker w : workers) {
            w.stop();
        }
        for (Worker w : workers) {
            try {
                clean &= w.await(joinEnd);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clean = false;
                break;
            }
        }

        for (Subscriber s : List.copyOf(openSubscribers)) {
            s.closeWith(Subscription.CloseReason.ENGINE_SHUTDOWN, false);
        }
        awaitUntil(openSubscribers::isEmpty, System.nanoTime() + cancelGrace.toNanos());
        clean &= openSubscribers.isEmpty();
        dispatcher.shutdown();
        try {
            clean &= dispatcher.awaitTermination(cancelGrace.toMillis() + 1)
                    && (!ownTicker || ticker.awaitTermination(cancelGrace.toMillis() + 1, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        if (!clean) {
            dispatcher.shutdownNow();
        }
        try {
            queueWatch.close();
        } catch (Exception e) {
            LOG.warn("closing the queue watch failed", e);
        }
        try {
            storeWatch.close();
        } catch (Exception e) {
            LOG.warn("closing the store watch failed", e);
        }
        cleanShutdown = clean;
        terminated.countDown();
        return clean;
    }

    /** Waits until no check or claim runs on the host's scheduler; false when one still runs at the end. */
    private boolean awaitTickIdle(long endNanos) {
        try {
            if (tickLock.tryLock(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                tickLock.unlock();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitTermination(Duration d) {
        try {
            terminated.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitUntil(BooleanSupplier condition, long endNanos) {
        synchronized (activity) {
            while (!condition.getAsBoolean()) {
                long left = endNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    // Bounded wait: conditions are also re-checked in case a signal raced with the check.
                    activity.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 20)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
