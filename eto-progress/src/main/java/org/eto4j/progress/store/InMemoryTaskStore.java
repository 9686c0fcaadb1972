package org.eto4j.progress.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;

/**
 * The default {@link TaskStore}: tasks in a Caffeine cache, in this JVM only.
 *
 * <p>Queued and running tasks are never evicted (their weight is zero and they never expire). A finished
 * task expires {@link Builder#retainFinished(Duration) retainFinished} after it ended, and when more than
 * {@link Builder#maximumFinished(long) maximumFinished} finished tasks are held the least recently used go
 * first. When a task ends its progress events are dropped from its tail (the snapshot holds the final
 * progress), so a finished task keeps only its snapshot, its state changes and its terminal event.
 *
 * <p>Eviction runs on the calling thread (no background threads), driven by the cache's {@link Ticker}.
 */
public final class InMemoryTaskStore implements TaskStore {
    /** How long a finished task stays readable by default: long enough for a client to fetch a result after a reconnect. */
    public static final Duration DEFAULT_RETAIN_FINISHED = Duration.ofHours(1);
    /** How many finished tasks are kept at most by default; at the measured ~0.9 KB each, about 9 MB. */
    public static final long DEFAULT_MAXIMUM_FINISHED = 10_000;
    /** How many progress events of a running task are kept for replay by default; older ones are superseded by the snapshot. */
    public static final int DEFAULT_PROGRESS_EVENTS_KEPT = 8;

    private final Cache<TaskId, Entry> cache;
    private final int progressEventsKept;

    private InMemoryTaskStore(Builder b) {
        this.progressEventsKept = b.progressEventsKept;
        long retainNanos = b.retainFinished.toNanos();
        this.cache = Caffeine.newBuilder()
                .executor(Runnable::run)
                .ticker(b.ticker)
                .maximumWeight(b.maximumFinished)
                .weigher((TaskId id, Entry e) -> e.task.isTerminal() ? 1 : 0)
                .expireAfter(new Expiry<TaskId, Entry>() {
                    @Override
                    public long expireAfterCreate(TaskId key, Entry value, long currentTime) {
                        return value.task.isTerminal() ? retainNanos : Long.MAX_VALUE;
                    }

                    @Override
                    public long expireAfterUpdate(TaskId key, Entry value, long currentTime, long currentDuration) {
                        if (!value.task.isTerminal()) {
                            return Long.MAX_VALUE;
                        }
                        return currentDuration == Long.MAX_VALUE || currentDuration > retainNanos ? retainNanos : currentDuration;
                    }

                    @Override
                    public long expireAfterRead(TaskId key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
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
    public void create(TaskSnapshot task, TaskOptions options, Object parameters) {
        Objects.requireNonNull(task, "task");
        Entry previous = cache.asMap().putIfAbsent(task.id(), new Entry(task, new TaskEvent[0]));
        if (previous != null) {
            throw new ProgressException(ProgressErrorCode.DUPLICATE_TASK, task.id().value());
        }
    }

    @Override
    public void append(TaskSnapshot task, TaskEvent event) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(event, "event");
        cache.asMap().compute(task.id(), (id, old) -> {
            if (old != null && old.task.seq() >= event.seq()) {
                return old; // a stale or repeated write never moves a task back
            }
            TaskSnapshot next = old != null && old.task.cancelRequested() ? task.withCancelRequested() : task;
            return new Entry(next, appendTail(old == null ? new TaskEvent[0] : old.tail, event, next.isTerminal()));
        });
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
    public Optional<TaskSnapshot> find(TaskId id) {
        Entry e = cache.getIfPresent(id);
        return e == null ? Optional.empty() : Optional.of(e.task);
    }

    @Override
    public List<TaskEvent> eventsAfter(TaskId id, long afterSeq) {
        Entry e = cache.getIfPresent(id);
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
    public Optional<TaskSnapshot> requestCancel(TaskId id) {
        Entry e = cache.asMap().computeIfPresent(id, (k, old) -> old.task.isTerminal() || old.task.cancelRequested()
                ? old : new Entry(old.task.withCancelRequested(), old.tail));
        return e == null ? Optional.empty() : Optional.of(e.task);
    }

    @Override
    public void remove(TaskId id) {
        cache.invalidate(id);
    }

    /** The number of tasks held now, after pending evictions ran. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Runs pending expiry and eviction now (they otherwise run during other operations). */
    public void cleanUp() {
        cache.cleanUp();
    }

    /** One task: its snapshot and the tail of its retained events, both immutable. */
    private static final class Entry {
        final TaskSnapshot task;
        final TaskEvent[] tail;

        Entry(TaskSnapshot task, TaskEvent[] tail) {
            this.task = task;
            this.tail = tail;
        }
    }

    /** Settings of an {@link InMemoryTaskStore}; validated in {@link #build()}. */
    public static final class Builder {
        private Duration retainFinished = DEFAULT_RETAIN_FINISHED;
        private long maximumFinished = DEFAULT_MAXIMUM_FINISHED;
        private int progressEventsKept = DEFAULT_PROGRESS_EVENTS_KEPT;
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        /**
         * How long a finished task stays after it ended.
         *
         * @param retainFinished a positive duration (default {@link #DEFAULT_RETAIN_FINISHED})
         * @return this builder
         */
        public Builder retainFinished(Duration retainFinished) {
            this.retainFinished = Objects.requireNonNull(retainFinished, "retainFinished");
            return this;
        }

        /**
         * How many finished tasks are kept at most.
         *
         * @param maximumFinished {@code >= 0} (default {@link #DEFAULT_MAXIMUM_FINISHED})
         * @return this builder
         */
        public Builder maximumFinished(long maximumFinished) {
            this.maximumFinished = maximumFinished;
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
         * The time source for expiry (tests pass a fake one).
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
            if (maximumFinished < 0) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "maximumFinished", maximumFinished, ">= 0");
            }
            if (progressEventsKept < 0 || progressEventsKept > 1024) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "progressEventsKept", progressEventsKept, "0..1024");
            }
            return new InMemoryTaskStore(this);
        }
    }
}
