package org.eto4j.progress.postgres;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskSnapshot;

/**
 * Decides which progress events of running tasks are written at once and which wait: a change of stage, of its
 * arguments or of its total, a step of {@code step} (a fraction of the total), the completion of a stage, or
 * {@code interval} since the last write goes through; anything else is held, the newest replacing older ones,
 * until {@link #flush} writes it once the interval has passed. A database row per progress tick would cost a
 * write and a NOTIFY per tick on every node; this keeps a task's writes to a few per second.
 *
 * <p>Thread-safe. Time comes from the {@code ticker} (nanoseconds, as {@link System#nanoTime()}).
 */
final class ProgressThrottle {
    private final Duration interval;
    private final double step;
    private final LongSupplier ticker;
    private final Map<TaskId, Mark> marks = new ConcurrentHashMap<>();
    private final Map<TaskId, Pending> pending = new ConcurrentHashMap<>();

    /** The last written progress of a task. */
    private record Mark(TaskProgress progress, long writtenNanos) {
    }

    /** A progress event not yet written (throttled); the newest replaces older ones. */
    record Pending(TaskSnapshot task, TaskEvent event) {
    }

    ProgressThrottle(Duration interval, double step, LongSupplier ticker) {
        this.interval = interval;
        this.step = step;
        this.ticker = ticker;
    }

    /**
     * Whether to hold the event back instead of writing it now. An event that is not held replaces (drops)
     * the one held for its task, since it is newer.
     *
     * @return {@code true} when the event was kept for {@link #flush}; {@code false}: write it now
     */
    boolean hold(TaskSnapshot task, TaskEvent event) {
        TaskId id = task.id();
        if (event instanceof TaskEvent.Progress p && !task.isTerminal()) {
            Mark m = marks.get(id);
            if (m != null && !significant(m, p.progress())) {
                pending.put(id, new Pending(task, event));
                return true;
            }
        }
        pending.remove(id);
        return false;
    }

    private boolean significant(Mark m, TaskProgress p) {
        TaskProgress last = m.progress();
        if (!p.stage().equals(last.stage()) || !p.args().equals(last.args()) || p.total() != last.total()) {
            return true;
        }
        if (p.total() > 0 && Math.abs(p.done() - last.done()) >= step * p.total()) {
            return true;
        }
        if (p.total() > 0 && p.done() >= p.total() && last.done() < last.total()) {
            return true; // the stage completed
        }
        return ticker.getAsLong() - m.writtenNanos() >= interval.toNanos();
    }

    /** Records that the task's snapshot was written now (the base of later decisions). */
    void written(TaskSnapshot task) {
        marks.put(task.id(), new Mark(task.progress(), ticker.getAsLong()));
    }

    /** Forgets a task that ended: nothing of it is held or compared any more. */
    void forget(TaskId id) {
        marks.remove(id);
        pending.remove(id);
    }

    /**
     * Hands each held event whose task was last written at least the interval ago to {@code writer}, unless a
     * newer event replaced it meanwhile.
     */
    void flush(BiConsumer<TaskSnapshot, TaskEvent> writer) {
        for (Map.Entry<TaskId, Pending> e : pending.entrySet()) {
            Mark m = marks.get(e.getKey());
            if (m == null || ticker.getAsLong() - m.writtenNanos() >= interval.toNanos()) {
                if (pending.remove(e.getKey(), e.getValue())) {
                    writer.accept(e.getValue().task(), e.getValue().event());
                }
            }
        }
    }

    /** The number of tasks with a held event. */
    int held() {
        return pending.size();
    }
}
