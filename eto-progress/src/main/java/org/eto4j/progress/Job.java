package org.eto4j.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task held by this engine while it is queued or running: its state machine, its conflated progress and
 * its per-task subscribers. Every state change and publication happens under {@link #lock}, which is what
 * orders events per task.
 */
final class Job implements TaskContext {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    /** A stage key with its arguments; a new instance marks a new stage (identity matters for the ETA). */
    private record StageInfo(String key, List<Object> args) {
    }

    private static final StageInfo PENDING = new StageInfo(Stage.PENDING, List.of());

    final DefaultTaskEngine engine;
    final TaskId id;
    private final Task task;
    private final Duration timeout;
    private final RetryPolicy retry;
    final Object lock = new Object();

    // Written by the task's threads, read by the ticker: conflation means we only need the latest values.
    private final AtomicLong done = new AtomicLong();
    private volatile long total = TaskProgress.UNKNOWN;
    private volatile StageInfo stage = PENDING;
    private volatile boolean cancelRequested;
    private volatile int attempt = 1;

    // Guarded by lock.
    private TaskSnapshot snap;
    private final List<Subscriber> subscribers = new ArrayList<>(2);
    private boolean ended;
    private Thread runner;
    private Instant deadline;
    private Instant retryAt;
    private Instant lastEventAt;
    private Instant lastProgressAt;
    private Instant lastCancelPollAt;
    private CancelReason cancelReason = CancelReason.REQUESTED;
    private StageInfo rateStage;
    private Instant rateStart;
    private long rateStartDone;

    Job(DefaultTaskEngine engine, TaskSnapshot queued, Task task, Duration timeout, RetryPolicy retry) {
        this.engine = engine;
        this.id = queued.id();
        this.snap = queued;
        this.task = task;
        this.timeout = timeout;
        this.retry = retry;
        this.lastEventAt = queued.createdAt();
        this.attempt = queued.attempt(); // a claimed task may already have had attempts elsewhere
    }

    // ---- TaskContext (task threads) ----

    @Override
    public TaskId taskId() {
        return id;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public boolean isCancellationRequested() {
        return cancelRequested;
    }

    @Override
    public void stage(String stageKey, Object... args) {
        if (stageKey == null || stageKey.isEmpty()) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "stage",
                    String.valueOf(stageKey), "a non-empty key");
        }
        StageInfo s = new StageInfo(stageKey, TaskProgress.scalarArgs(Arrays.asList(args)));
        total = TaskProgress.UNKNOWN;
        done.set(0);
        stage = s;
    }

    @Override
    public void total(long newTotal) {
        if (newTotal < TaskProgress.UNKNOWN) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "total", newTotal, ">= 0 or -1 (unknown)");
        }
        total = newTotal;
    }

    @Override
    public void progress(long newDone) {
        if (newDone < 0) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "done", newDone, ">= 0");
        }
        done.set(newDone);
    }

    @Override
    public void advance(long units) {
        if (units < 0) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "units", units, ">= 0");
        }
        done.addAndGet(units);
    }

    // ---- engine side ----

    TaskSnapshot snapshotLocked() {
        return snap;
    }

    boolean endedLocked() {
        return ended;
    }

    void addSubscriberLocked(Subscriber s) {
        subscribers.add(s);
    }

    void removeSubscriber(Subscriber s) {
        synchronized (lock) {
            subscribers.remove(s);
        }
    }

    /** Runs one attempt on the calling worker thread. */
    void runAttempt() {
        TaskSnapshot running;
        synchronized (lock) {
            if (ended || snap.state() != TaskState.QUEUED) {
                return;
            }
            Instant now = engine.now();
            runner = Thread.currentThread();
            deadline = timeout == null ? null : now.plus(timeout);
            stage = PENDING;
            total = TaskProgress.UNKNOWN;
            done.set(0);
            rateStage = null;
            lastProgressAt = null;
            lastCancelPollAt = now;
            Optional<Instant> started = snap.startedAt().isPresent() ? snap.startedAt() : Optional.of(now);
            changeState(TaskState.RUNNING, snap.attempt(), started, now);
            engine.markActive(this);
            running = snap;
        }
        engine.observeStarted(running);
        // The whole attempt, engine bookkeeping after it included, logs with the task's keys.
        try (LogContext ignored = LogContext.attempt(id, running.type(), running.attempt())) {
            TaskResult result = null;
            Throwable failure = null;
            try {
                result = task.run(this);
            } catch (Throwable t) { // every outcome must end the state machine; the error is published by code only
                failure = t;
            }
            synchronized (lock) {
                runner = null;
                Thread.interrupted(); // interrupts only arrive under lock while runner is set
                if (!ended) {
                    afterAttempt(result, failure);
                }
            }
        }
    }

    private void afterAttempt(TaskResult result, Throwable failure) {
        Instant now = engine.now();
        flushProgress(now, true);
        TaskState from = snap.state();
        if (failure == null) {
            end(new TaskEvent.Completed(id, snap.seq() + 1, now, from, result == null ? TaskResult.none() : result));
            return;
        }
        if (from == TaskState.CANCELLING) {
            // Whatever the task threw while being cancelled is the cancellation taking effect.
            end(new TaskEvent.Cancelled(id, snap.seq() + 1, now, from, cancelReason));
            return;
        }
        TaskError error = toError(failure);
        int current = snap.attempt();
        if (error.retryable() && current < retry.maxAttempts() && engine.acceptsRetries()) {
            retryAt = now.plus(retry.backoffBefore(current + 1));
            attempt = current + 1;
            changeState(TaskState.QUEUED, current + 1, snap.startedAt(), now);
            engine.markWaitingForRetry(this);
            engine.observeRetrying(snap, error);
            return;
        }
        end(new TaskEvent.Failed(id, snap.seq() + 1, now, from, error));
    }

    private TaskError toError(Throwable failure) {
        if (failure instanceof TaskFailure tf) {
            LOG.debug("task {} failed with {}", id, tf.code(), tf);
            return tf.error();
        }
        LOG.warn("task {} failed with an unexpected exception", id, failure);
        return TaskError.of(ProgressErrorCode.TASK_FAILED, false);
    }

    /** Periodic checks of a running task: timeout, remote cancellation, progress publication, heartbeat. */
    void tick(Instant now) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            TaskState state = snap.state();
            if (state != TaskState.RUNNING && state != TaskState.CANCELLING) {
                return;
            }
            if (deadline != null && !now.isBefore(deadline)) {
                signalCancel();
                flushProgress(now, true);
                if (state == TaskState.RUNNING) {
                    end(new TaskEvent.Failed(id, snap.seq() + 1, now, state,
                            TaskError.of(ProgressErrorCode.TIMEOUT, false, timeout.toMillis())));
                } else {
                    end(new TaskEvent.Cancelled(id, snap.seq() + 1, now, state, cancelReason));
                }
                return;
            }
            if (!cancelRequested && !now.isBefore(lastCancelPollAt.plus(engine.heartbeatInterval()))) {
                lastCancelPollAt = now;
                if (engine.storeHasCancelRequest(id)) {
                    requestCancelLocked(CancelReason.REQUESTED, now);
                }
            }
            flushProgress(now, false);
            if (!now.isBefore(lastEventAt.plus(engine.heartbeatInterval()))) {
                lastEventAt = now;
                engine.deliver(this, subscribers, new TaskEvent.Heartbeat(id, snap.seq(), now));
            }
        }
    }

    /** Moves a retry whose backoff elapsed back onto the queue. */
    boolean retryDue(Instant now) {
        synchronized (lock) {
            return !ended && snap.state() == TaskState.QUEUED && retryAt != null && !now.isBefore(retryAt);
        }
    }

    CancelOutcome requestCancel(CancelReason reason) {
        synchronized (lock) {
            if (ended) {
                return CancelOutcome.ALREADY_ENDED;
            }
            return requestCancelLocked(reason, engine.now());
        }
    }

    private CancelOutcome requestCancelLocked(CancelReason reason, Instant now) {
        if (cancelRequested) {
            return CancelOutcome.ALREADY_REQUESTED;
        }
        cancelRequested = true;
        cancelReason = reason;
        switch (snap.state()) {
            case QUEUED -> {
                engine.unqueue(this);
                end(new TaskEvent.Cancelled(id, snap.seq() + 1, now, TaskState.QUEUED, reason));
                return CancelOutcome.CANCELLED;
            }
            case RUNNING -> {
                changeState(TaskState.CANCELLING, snap.attempt(), snap.startedAt(), now);
                if (runner != null) {
                    runner.interrupt();
                }
                return CancelOutcome.REQUESTED;
            }
            default -> {
                return CancelOutcome.ALREADY_REQUESTED;
            }
        }
    }

    /** Marks a still-queued task as no longer held here (shared queue at shutdown); false if it moved on. */
    boolean releaseIfQueued() {
        synchronized (lock) {
            if (ended || snap.state() != TaskState.QUEUED) {
                return false;
            }
            ended = true;
            for (Subscriber s : subscribers) {
                s.closeWith(Subscription.CloseReason.ENGINE_SHUTDOWN, false);
            }
            subscribers.clear();
            return true;
        }
    }

    /** Records a task that ignored cancellation at shutdown as cancelled; its thread is abandoned. */
    void forceCancelled() {
        synchronized (lock) {
            if (!ended) {
                Instant now = engine.now();
                cancelReason = CancelReason.SHUTDOWN;
                signalCancel();
                flushProgress(now, true);
                if (snap.state() == TaskState.RUNNING) {
                    changeState(TaskState.CANCELLING, snap.attempt(), snap.startedAt(), now);
                }
                end(new TaskEvent.Cancelled(id, snap.seq() + 1, now, snap.state(), CancelReason.SHUTDOWN));
            }
        }
    }

    private void signalCancel() {
        cancelRequested = true;
        if (runner != null) {
            runner.interrupt();
        }
    }

    // ---- publication (under lock) ----

    private void changeState(TaskState to, int newAttempt, Optional<Instant> startedAt, Instant now) {
        TaskState from = snap.state();
        from.requireMoveTo(to);
        long seq = snap.seq() + 1;
        TaskSnapshot next = new TaskSnapshot(id, snap.type(), to, newAttempt, seq, snap.createdAt(), startedAt,
                Optional.empty(), snap.progress(), cancelRequested, Optional.empty());
        publish(next, new TaskEvent.StateChanged(id, seq, now, from, to, newAttempt));
    }

    private void end(TaskEvent.Terminal event) {
        snap.state().requireMoveTo(event.state());
        TaskSnapshot next = new TaskSnapshot(id, snap.type(), event.state(), snap.attempt(), event.seq(),
                snap.createdAt(), snap.startedAt(), Optional.of(event.timestamp()), snap.progress(), cancelRequested,
                Optional.of(event));
        publish(next, event);
        ended = true;
        subscribers.clear(); // each was closed by its terminal event
        engine.ended(this);
        engine.observeEnded(next);
    }

    /** Publishes the newest progress if it changed and the interval elapsed (or {@code force}). */
    private void flushProgress(Instant now, boolean force) {
        StageInfo s = stage;
        long d = done.get();
        long t = total;
        if (s != rateStage) {
            rateStage = s;
            rateStart = now;
            rateStartDone = d;
        }
        TaskProgress last = snap.progress();
        if (d == last.done() && t == last.total() && s.key().equals(last.stage()) && s.args().equals(last.args())) {
            return;
        }
        if (!force && lastProgressAt != null && now.isBefore(lastProgressAt.plus(engine.publishInterval()))) {
            return;
        }
        long eta = TaskProgress.UNKNOWN;
        if (t != TaskProgress.UNKNOWN) {
            long elapsedMillis = Duration.between(rateStart, now).toMillis();
            if (d >= t) {
                eta = 0;
            } else if (d > rateStartDone && elapsedMillis > 0) {
                double perMilli = (double) (d - rateStartDone) / elapsedMillis;
                eta = (long) Math.ceil((t - d) / perMilli);
            }
        }
        TaskProgress p = new TaskProgress(d, t, s.key(), s.args(), eta);
        long seq = snap.seq() + 1;
        TaskSnapshot next = new TaskSnapshot(id, snap.type(), snap.state(), snap.attempt(), seq, snap.createdAt(),
                snap.startedAt(), snap.endedAt(), p, cancelRequested, snap.outcome());
        lastProgressAt = now;
        publish(next, new TaskEvent.Progress(id, seq, now, p));
    }

    private void publish(TaskSnapshot next, TaskEvent event) {
        snap = next;
        lastEventAt = event.timestamp();
        engine.store(next, event);
        engine.deliver(this, subscribers, event);
    }
}
