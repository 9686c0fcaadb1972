package org.eto4j.examples.webapp;

import java.util.function.BiConsumer;

import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskResult;
import org.eto4j.sources.EtoTask;
import org.eto4j.sources.SourceId;

/**
 * Runs eto-sources' {@link EtoTask} unchanged (its stages and progress are what the page shows) and leaves
 * its rows for the result endpoint; the task's own result becomes the same summary an upload's has.
 * A source's failure stays the task's failure (code, message key, arguments), which the page renders.
 */
final class LocationTask implements Task {
    private final Task eto;
    private final SourceId source;
    private final BiConsumer<org.eto4j.progress.TaskId, Outcome> outcomes;

    LocationTask(Task eto, SourceId source, BiConsumer<org.eto4j.progress.TaskId, Outcome> outcomes) {
        this.eto = eto;
        this.source = source;
        this.outcomes = outcomes;
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskResult result = eto.run(context);
        Outcome.Computed computed = LocationResult.computed(((TaskResult.Value) result).value());
        outcomes.accept(context.taskId(), new Outcome.Located(computed, source));
        return TaskResult.of(CalculationTask.summaryValue(computed.summary()));
    }
}
