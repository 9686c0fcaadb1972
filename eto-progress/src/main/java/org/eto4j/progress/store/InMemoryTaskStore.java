package org.eto4j.progress.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;

/**
 * The default {@link TaskStore}: tasks in this JVM's memory, with a retention policy that never drops a result it
 * promised to keep.
 *
 * <p><b>Retention.</b>
 * <ul>
 *   <li>Queued and running tasks are never removed (only by {@link #remove}).</li>
 *   <li>A finished task is <em>promised</em>: it stays at least {@link Builder#minimumRetention minimumRetention}
 *       after it finished, and after that until it has been {@link #markRead read}, whatever the load.</li>
 *   <li>Every finished task expires {@link Builder#retainFinished retainFinished} after it finished, read or
 *       not (the longest a result is kept; an unread result is given up then).</li>
 *   <li>Capacity: each task has a weight ({@link Builder#weigher weigher}): while it is queued or running, the
 *       weight {@link Weigher#reserve reserved} for it; once finished, the weight of what it really holds
 *       ({@link Weigher#weigh}). When the total exceeds {@link Builder#maximumWeight maximumWeight}, finished
 *       tasks that are no longer promised (read, and past the minimum retention) are removed, <b>oldest first
 *       by the later of their finish time and their last read</b> (never by frequency). A promised task is
 *       never removed to make room: the store may then stay above its capacity, and a host keeps new work out
 *       with {@link #canAccept(long)} until promises end.</li>
 * </ul>
 * When a task ends its progress events are dropped from its tail (the snapshot holds the final progress), so a
 * finished task keeps only its snapshot, its state changes and its terminal event.
 *
 * <p>All work runs on the calling threads under one lock (no background threads); time comes from the
 * {@link Builder#ticker ticker}. Expiry is checked on every read of a task and swept over all finished tasks at
 * most once a second (and on {@link #cleanUp()}).
 */
public final class InMemoryTaskStore implements TaskStore {
    /**
     * How long a finished task stays at most by default (read or not): long enough to fetch a result after a reconnect.
     */
    public static final Duration DEFAULT_RETAIN_FINISHED = Duration.ofHours(1);
    /** How long a finished task stays at least by default, and then until it is read: time to download a result. */
    public static final Duration DEFAULT_MINIMUM_RETENTION = Duration.ofMinutes(15);
    /** Capacity by default, in weight units; with the default weigher (1 per task), 10,000 tasks of ~0.9 KB, ~9 MB. */
    public static final long DEFAULT_MAXIMUM_WEIGHT = 10_000;
    /**
     * Former name of {@link #DEFAULT_MAXIMUM_WEIGHT}.
     *
     * @deprecated use {@link #DEFAULT_MAXIMUM_WEIGHT}
     */
    @Deprecated
    public static final long DEFAULT_MAXIMUM_FINISHED = DEFAULT_MAXIMUM_WEIGHT;
    /**
     * How many progress events of a running task are kept for replay by default; older ones are superseded by the
     * snapshot.
     */
    public static final int DEFAULT_PROGRESS_EVENTS_KEPT = 8;
    /** Longest interval between two sweeps for expired tasks during other operations. */
    private static final long SWEEP_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    /**
     * The weight of a task towards the store's {@link Builder#maximumWeight capacity}, in units of the host's
     * choice (tasks, result rows, bytes). Called under the store's lock: keep it cheap and side-effect free.
     */
    public interface Weigher {
        /** Every task weighs 1, queued, running or finished: the capacity is a number of tasks. */
        Weigher UNIT = new Weigher() {
            @Override
            public long weigh(TaskSnapshot finished) {
                return 1;
            }

            @Override
            public long reserve(TaskSnapshot queued, Object parameters) {
                return 1;
            }
        };

        /**
         * What a finished task really holds (e.g. its result's rows or bytes).
         *
         * @param finished the task's terminal snapshot, with its outcome
         * @return a weight {@code >= 0}
         */
        long weigh(TaskSnapshot finished);

        /**
         * The weight set aside for a task from its creation until it finishes, usually an upper bound of what
         * {@link #weigh} will say (so that admission checks count work in flight). The default is 0.
         *
         * @param queued     the new task's snapshot
         * @param parameters its parameters, or {@code null}
         * @return a weight {@code >= 0}
         */
        default long reserve(TaskSnapshot queued, Object parameters) {
            return 0;
        }
    }

    private final Ticker ticker;
    private final int progressEventsKept;
    private final long maximumWeight;
    private final long minimumNanos;
    private final long retainNanos;
    private final Weigher weigher;
    /** Every task held. Guarded by {@code this}. */
    private final Map<TaskId, Entry> tasks = new HashMap<>();
    /** Finished tasks, oldest first by the later of finish time and last read. Guarded by {@code this}. */
    private final LinkedHashMap<TaskId, Entry> finished = new LinkedHashMap<>();
    private long weight;
    private long lastSweep;

    private InMemoryTaskStore(Builder b) {
        this.ticker = b.ticker;
        this.progressEventsKept = b.progressEventsKept;
        this.maximumWeight = b.maximumWeight;
        this.retainNanos = b.retainFinished.toNanos();
        this.minimumNanos = Math.min(b.minimumRetention.toNanos(), retainNanos);
        this.weigher = b.weigher;
        this.lastSweep = ticker.read();
    }

    /** A store with the default settings. */
    public static InMemoryTaskStore create() {
        return builder().build();
    }

    /** A builder with the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized void create(TaskSnapshot task, TaskOptions options, Object parameters) {
        Objects.requireNonNull(task, "task");
        long now = ticker.read();
        sweepIfDue(now);
        if (live(tasks.get(task.id()), now) != null) {
            throw new ProgressException(ProgressErrorCode.DUPLICATE_TASK, task.id().value());
        }
        Entry e = new Entry(task, new TaskEvent[0]);
        if (task.isTerminal()) {
            finish(e, now);
        } else {
            e.weight = Math.max(0, weigher.reserve(task, parameters));
        }
        tasks.put(task.id(), e);
        weight += e.weight;
        if (task.isTerminal()) {
            finished.put(task.id(), e);
            evictToCapacity(now, 0);
        }
    }

    @Override
    public synchronized void append(TaskSnapshot task, TaskEvent event) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(event, "event");
        long now = ticker.read();
        Entry old = live(tasks.get(task.id()), now);
        if (old != null && old.task.seq() >= event.seq()) {
            return; // a stale or repeated write never moves a task back
        }
        TaskSnapshot next = old != null && old.task.cancelRequested() ? task.withCancelRequested() : task;
        TaskEvent[] tail = appendTail(old == null ? new TaskEvent[0] : old.tail, event, next.isTerminal());
        if (old == null) {
            // Unknown here (e.g. written for a task created elsewhere): held from now on like a new one.
            Entry e = new Entry(next, tail);
            tasks.put(next.id(), e);
            if (next.isTerminal()) {
                finish(e, now);
                weight += e.weight;
                finished.put(next.id(), e);
                evictToCapacity(now, 0);
            }
            return;
        }
        boolean ends = next.isTerminal() && !old.task.isTerminal();
        old.task = next;
        old.tail = tail;
        if (ends) {
            weight -= old.weight;
            finish(old, now);
            weight += old.weight;
            finished.put(next.id(), old);
            evictToCapacity(now, 0);
        }
    }

    /** Marks an entry finished now: its real weight, its promise's start. Caller adds it to {@link #finished}. */
    private void finish(Entry e, long now) {
        e.finishedAt = now;
        e.weight = Math.max(0, weigher.weigh(e.task));
    }

    private TaskEvent[] appendTail(TaskEvent[] tail, TaskEvent event, boolean terminal) {
        List<TaskEvent> out = new ArrayList<>(tail.length + 1);
        int progressCount = 0;
        for (TaskEvent e : tail) {
            if (e instanceof TaskEvent.Progress) {
                progressCount++;
            }
        }
        boolean incomingProgress = event instanceof TaskEvent.Progress;
        int dropProgress = terminal ? Integer.MAX_VALUE
                : Math.max(0, progressCount + (incomingProgress ? 1 : 0) - progressEventsKept);
        for (TaskEvent e : tail) {
            if (e instanceof TaskEvent.Progress && dropProgress > 0) {
                dropProgress--;
                continue;
            }
            out.add(e);
        }
        if (!(terminal && incomingProgress) && !(incomingProgress && progressEventsKept == 0)) {
            out.add(event);
        }
        return out.toArray(new TaskEvent[0]);
    }

    @Override
    public synchronized Optional<TaskSnapshot> find(TaskId id) {
        Entry e = live(tasks.get(id), ticker.read());
        return e == null ? Optional.empty() : Optional.of(e.task);
    }

    @Override
    public synchronized List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
        Entry e = live(tasks.get(id), ticker.read());
        if (e == null) {
            return List.of();
        }
        List<TaskEvent> out = new ArrayList<>();
        for (TaskEvent ev : e.tail) {
            if (ev.seq() > afterSeq) {
                out.add(ev);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<TaskSnapshot> requestCancel(TaskId id) {
        Entry e = live(tasks.get(id), ticker.read());
        if (e == null) {
            return Optional.empty();
        }
        if (!e.task.isTerminal() && !e.task.cancelRequested()) {
            e.task = e.task.withCancelRequested();
        }
        return Optional.of(e.task);
    }

    @Override
    public synchronized void remove(TaskId id) {
        Entry e = tasks.remove(id);
        if (e != null) {
            finished.remove(id);
            weight -= e.weight;
        }
    }

    /**
     * Records that a finished task's result was delivered (e.g. downloaded in full). The task's promise ends once
     * its minimum retention has passed too; until it is evicted it moves to the young end of the eviction order.
     * Does nothing for an unknown or unfinished task.
     *
     * @param id the task id
     * @return {@code true} when the task is finished and held
     */
    public synchronized boolean markRead(TaskId id) {
        long now = ticker.read();
        Entry e = live(tasks.get(id), now);
        if (e == null || !e.task.isTerminal()) {
            return false;
        }
        e.read = true;
        finished.remove(id);
        finished.put(id, e);
        return true;
    }

    /**
     * Whether work of this weight fits now: the weight held (promised results and reservations of queued and
     * running tasks) plus {@code weight} is within {@link Builder#maximumWeight maximumWeight}, once every
     * finished task that is no longer promised were removed. When it fits, such tasks are removed as far as
     * needed (oldest first); when it does not, nothing is removed. A host calls this before it submits, and
     * refuses the work ("full, retry later") on {@code false}. The check reserves nothing: a host that submits
     * from several threads makes check and submission one step (e.g. under a lock of its own), or concurrent
     * submissions may together exceed the capacity by their weight, which the store then holds rather than
     * drop a promise.
     *
     * @param weight the weight the new task will reserve ({@link Weigher#reserve})
     * @return {@code true} when the work fits
     */
    public synchronized boolean canAccept(long weight) {
        long now = ticker.read();
        sweepIfDue(now);
        if (this.weight + weight <= maximumWeight) {
            return true;
        }
        long freeable = 0;
        for (Entry e : finished.values()) {
            if (evictable(e, now)) {
                freeable += e.weight;
            }
        }
        if (this.weight - freeable + weight > maximumWeight) {
            return false;
        }
        evictToCapacity(now, weight);
        return true;
    }

    /** The total weight held now: finished tasks' weights plus the reservations of queued and running ones. */
    public synchronized long weight() {
        return weight;
    }

    /** The capacity, {@link Builder#maximumWeight maximumWeight}. */
    public long maximumWeight() {
        return maximumWeight;
    }

    /** The number of tasks held now, after expired ones were removed. */
    public synchronized long size() {
        sweep(ticker.read());
        return tasks.size();
    }

    /** Removes expired tasks now, and evicts to the capacity as far as promises allow. */
    public synchronized void cleanUp() {
        long now = ticker.read();
        sweep(now);
        evictToCapacity(now, 0);
    }

    /** The entry, or null when there is none or it expired (then it is removed). Caller holds the lock. */
    private Entry live(Entry e, long now) {
        if (e != null && expired(e, now)) {
            remove(e.task.id());
            return null;
        }
        return e;
    }

    private boolean expired(Entry e, long now) {
        return e.finishedAt != Long.MIN_VALUE && now - e.finishedAt >= retainNanos;
    }

    /** Not promised any longer: expired, or read and past the minimum retention. */
    private boolean evictable(Entry e, long now) {
        return expired(e, now) || (e.read && now - e.finishedAt >= minimumNanos);
    }

    private void sweepIfDue(long now) {
        if (now - lastSweep >= SWEEP_INTERVAL_NANOS) {
            sweep(now);
        }
    }

    private void sweep(long now) {
        lastSweep = now;
        for (Iterator<Entry> it = finished.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (expired(e, now)) {
                it.remove();
                tasks.remove(e.task.id());
                weight -= e.weight;
            }
        }
    }

    /** Removes tasks that are no longer promised, oldest first, until {@code extra} more fits or none is left. */
    private void evictToCapacity(long now, long extra) {
        if (weight + extra <= maximumWeight) {
            return;
        }
        for (Iterator<Entry> it = finished.values().iterator(); it.hasNext() && weight + extra > maximumWeight; ) {
            Entry e = it.next();
            if (evictable(e, now)) {
                it.remove();
                tasks.remove(e.task.id());
                weight -= e.weight;
            }
        }
    }

    /** One task: its snapshot, the tail of its retained events and its retention bookkeeping. Guarded by the store. */
    private static final class Entry {
        TaskSnapshot task;
        TaskEvent[] tail;
        long weight;
        long finishedAt = Long.MIN_VALUE;
        boolean read;

        Entry(TaskSnapshot task, TaskEvent[] tail) {
            this.task = task;
            this.tail = tail;
        }
    }

    /** Settings of an {@link InMemoryTaskStore}; validated in {@link #build()}. */
    public static final class Builder {
        private Duration retainFinished = DEFAULT_RETAIN_FINISHED;
        private Duration minimumRetention = DEFAULT_MINIMUM_RETENTION;
        private boolean minimumRetentionSet;
        private long maximumWeight = DEFAULT_MAXIMUM_WEIGHT;
        private Weigher weigher = Weigher.UNIT;
        private int progressEventsKept = DEFAULT_PROGRESS_EVENTS_KEPT;
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        /**
         * How long a finished task stays at most after it ended, read or not.
         *
         * @param retainFinished a positive duration (default {@link #DEFAULT_RETAIN_FINISHED})
         * @return this builder
         */
        public Builder retainFinished(Duration retainFinished) {
            this.retainFinished = Objects.requireNonNull(retainFinished, "retainFinished");
            return this;
        }

        /**
         * How long a finished task stays at least after it ended; after that it stays until it is
         * {@link InMemoryTaskStore#markRead read} (up to {@link #retainFinished retainFinished}). When not set,
         * the default is capped at {@code retainFinished}.
         *
         * @param minimumRetention {@code 0 .. retainFinished} (default {@link #DEFAULT_MINIMUM_RETENTION})
         * @return this builder
         */
        public Builder minimumRetention(Duration minimumRetention) {
            this.minimumRetention = Objects.requireNonNull(minimumRetention, "minimumRetention");
            this.minimumRetentionSet = true;
            return this;
        }

        /**
         * The capacity, in the {@link #weigher weigher}'s units.
         *
         * @param maximumWeight {@code >= 0} (default {@link #DEFAULT_MAXIMUM_WEIGHT})
         * @return this builder
         */
        public Builder maximumWeight(long maximumWeight) {
            this.maximumWeight = maximumWeight;
            return this;
        }

        /**
         * How much each task weighs towards {@link #maximumWeight maximumWeight}.
         *
         * @param weigher the weigher (default {@link Weigher#UNIT}: 1 per task)
         * @return this builder
         */
        public Builder weigher(Weigher weigher) {
            this.weigher = Objects.requireNonNull(weigher, "weigher");
            return this;
        }

        /**
         * The capacity as a number of tasks: {@link Weigher#UNIT} and {@link #maximumWeight maximumWeight}.
         *
         * @param maximumFinished {@code >= 0} (default {@link #DEFAULT_MAXIMUM_WEIGHT})
         * @return this builder
         */
        public Builder maximumFinished(long maximumFinished) {
            this.weigher = Weigher.UNIT;
            this.maximumWeight = maximumFinished;
            return this;
        }

        /**
         * How many progress events of a running task are kept for replay.
         *
         * @param progressEventsKept {@code 0..1024} (default {@link #DEFAULT_PROGRESS_EVENTS_KEPT})
         * @return this builder
         */
        public Builder progressEventsKept(int progressEventsKept) {
            this.progressEventsKept = progressEventsKept;
            return this;
        }

        /**
         * The time source of retention (tests pass a fake one).
         *
         * @param ticker nanosecond ticker (default {@link Ticker#systemTicker()})
         * @return this builder
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Validates the settings and builds the store.
         *
         * @return the store
         * @throws ProgressException with {@link ProgressErrorCode#INVALID_OPTION} naming a bad option
         */
        public InMemoryTaskStore build() {
            if (retainFinished.isNegative() || retainFinished.isZero()) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "retainFinished", retainFinished, "> 0");
            }
            if (minimumRetention.isNegative()
                    || (minimumRetentionSet && minimumRetention.compareTo(retainFinished) > 0)) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "minimumRetention", minimumRetention,
                        "0.." + retainFinished);
            }
            if (maximumWeight < 0) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "maximumWeight", maximumWeight, ">= 0");
            }
            if (progressEventsKept < 0 || progressEventsKept > 1024) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "progressEventsKept",
                        progressEventsKept, "0..1024");
            }
            return new InMemoryTaskStore(this);
        }
    }
}
