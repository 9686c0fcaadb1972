package org.eto4j.sources;

import java.util.Objects;
import org.eto4j.progress.CancellationToken;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskId;

/**
 * The context {@link EtoTask} gives eto-progress's calculation task for one source: that task's own four stages
 * ({@code validate}, {@code quality_control}, {@code compute}, {@code summarize}) fold into the one
 * {@code compute} stage that {@link EtoTask} has entered over all its sources, so that a client sees the same
 * stages and one unit per day computed, whatever the number of sources. Cancellation reaches the calculation
 * unchanged; it is checked before each of its records.
 */
final class ComputeStageContext implements TaskContext {
    private final TaskContext outer;
    private volatile boolean computing;

    /**
     * @param outer the context of the whole task, already in its {@link Stage#COMPUTE} stage with its total set
     */
    ComputeStageContext(TaskContext outer) {
        this.outer = Objects.requireNonNull(outer, "outer");
    }

    @Override
    public TaskId taskId() {
        return outer.taskId();
    }

    @Override
    public int attempt() {
        return outer.attempt();
    }

    @Override
    public CancellationToken cancellation() {
        return outer.cancellation();
    }

    @Override
    public boolean isCancellationRequested() {
        return outer.isCancellationRequested();
    }

    @Override
    public void throwIfCancellationRequested() {
        outer.throwIfCancellationRequested();
    }

    /** Not passed on: only the inner stage is noted, so that its units count only while it computes. */
    @Override
    public void stage(String stage, Object... args) {
        computing = Stage.COMPUTE.equals(stage);
    }

    /** Not passed on: the outer stage's total covers every source's days. */
    @Override
    public void total(long total) {
    }

    /** Not passed on: the outer stage counts with {@link #advance}. */
    @Override
    public void progress(long done) {
    }

    @Override
    public void advance(long units) {
        if (computing) {
            outer.advance(units);
        }
    }
}
