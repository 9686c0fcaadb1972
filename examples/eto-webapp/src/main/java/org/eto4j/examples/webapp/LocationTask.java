package org.eto4j.examples.webapp;

import java.util.List;
import java.util.Map;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskResult;
import org.eto4j.sources.EtoTask;
import org.eto4j.sources.FusedPointEto;
import org.eto4j.sources.SourceId;
import org.eto4j.sources.WeatherSources;

/**
 * Runs eto-sources' {@link EtoTask} unchanged (its stages and progress are what the page shows) and turns its
 * result into the same {@link Outcome} an upload has, with the weather source and its attribution.
 * A source's failure stays the task's failure (code, message key, arguments), which the page renders. The
 * fused estimate ({@code sources: ["fused"]}) is {@link FusedLocationTask}, under the same task type.
 */
final class LocationTask implements Task {
    private final Task eto;
    private final SourceId source;

    LocationTask(Task eto, SourceId source) {
        this.eto = eto;
        this.source = source;
    }

    /**
     * The factory of the task type {@link EtoTask#TYPE} in this app: eto-sources' task from the same
     * parameters ({@code latitude, longitude, start, end, sources: [one token], elevation?}), wrapped.
     *
     * @param eto eto-sources' factory
     * @return the factory
     */
    static TaskFactory factory(TaskFactory eto) {
        return factory(eto, null, null);
    }

    /**
     * As {@link #factory(TaskFactory)}, and {@code sources: ["fused"]} makes the fused estimate's task
     * ({@link FusedLocationTask}).
     *
     * @param eto     eto-sources' factory
     * @param fused   the fused estimate, or {@code null} when the app offers none
     * @param sources the sources the fused estimate reads (for the download's chunk count)
     * @return the factory
     */
    static TaskFactory factory(TaskFactory eto, FusedPointEto fused, WeatherSources sources) {
        return parameters -> {
            Object token = ((List<?>) ((Map<?, ?>) parameters).get("sources")).get(0);
            if (fused != null && FusedLocationTask.TOKEN.equals(token)) {
                return FusedLocationTask.create(fused, sources, parameters);
            }
            SourceId source = SourceId.fromToken(String.valueOf(token)).orElseThrow(
                    () -> new IllegalArgumentException("unknown source " + token));
            return new LocationTask(eto.create(parameters), source);
        };
    }

    @Override
    public TaskResult run(TaskContext context) throws Exception {
        TaskResult result = eto.run(context);
        Outcome outcome = LocationResult.computed(((TaskResult.Value) result).value())
                .withSource(source.token(), source.attribution());
        return TaskResult.of(outcome);
    }
}
