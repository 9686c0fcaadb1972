package org.eto4j.examples.webapp;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.eto.EtoCalculationResult;
import org.eto4j.progress.eto.EtoCalculationTask;

/**
 * One FAO-56 calculation (daily or monthly step) as an eto-progress task: {@link EtoCalculationTask}, eto4j's one
 * ETo task, over the uploaded table's rows, with its four stages reporting progress by records: {@code validate}
 * (cells parsed, time stamps in order), {@code quality_control} (eto-core's checks of every record, FAO-56 run
 * once per record in lenient mode, whose results for valid records are the ones kept), {@code compute} (the
 * result rows, made only once every record passed, straight into {@link ResultRows}) and {@code summarize}
 * (aggregates).
 *
 * <p>The task's result is the {@link Outcome} (summary, station, rows), kept by the task store. An input error
 * stops the task with eto-core's code, key and arguments and the error's field and row in its {@link TaskError}
 * ({@link #invalidInput(TaskError)} reads them back), so that the result endpoint of any node can answer
 * {@code 422} with them. The optional demo throttle pauses before each record, so progress can be watched on
 * small files; it never changes what is computed.
 */
final class CalculationTask implements Task {
    /**
     * Rows between two progress reports and cancellation checks (without the demo throttle): about a millisecond
     * of work, far below the engine's publishing interval (250 ms), so the progress seen is the same while the
     * per-row atomic add and volatile read of reporting every row are gone.
     */
    static final int PROGRESS_CHUNK = 1024;

    private final CalculationInput input;
    private final long delayNanosPerRow;

    CalculationTask(CalculationInput input, long delayMicrosPerRow) {
        this.input = input;
        this.delayNanosPerRow = delayMicrosPerRow * 1000L;
    }

    /**
     * The factory of the task type {@link ApiServlet#TASK_TYPE}: the task from its parameters
     * ({@link CalculationInput#toParameters()}).
     *
     * @param delayMicrosPerRow the demo throttle of this node
     * @return the factory
     */
    static TaskFactory factory(long delayMicrosPerRow) {
        return parameters -> new CalculationTask(CalculationInput.fromParameters(parameters), delayMicrosPerRow);
    }

    @Override
    public TaskResult run(TaskContext ctx) {
        List<List<String>> rows = input.rows();
        int n = rows.size();
        WeatherTable table = input.columns();
        Station site = input.site();
        boolean monthly = input.step().equals("monthly");
        // The rows go straight into the columns the store keeps (ResultRows); the shared task's own result rows
        // are only read for their summary.
        ResultRows.Builder out = monthly ? ResultRows.monthly(n) : ResultRows.daily(n);
        EtoCalculationTask.Builder calculation = monthly
                ? EtoCalculationTask.monthly(site, n, row -> table.monthlyRow(rows.get(row), row))
                        .rowSink((row, month, eto, flags) -> out.add((YearMonth) month, eto, flags))
                : EtoCalculationTask.daily(site, n, row -> input.tmean().apply(table.dailyRow(rows.get(row), row)))
                        .rowSink((row, date, eto, flags) -> out.add((LocalDate) date, eto, flags));
        if (delayNanosPerRow > 0) {
            calculation.beforeEachRecord(this::pause).progressEvery(1);
        } else {
            calculation.progressEvery(PROGRESS_CHUNK);
        }
        // Validation STRICT and Fao56.defaults(), the builder's defaults: the first invalid record fails the task.
        EtoCalculationResult.Summary s = calculation.build().compute(ctx).summary();
        Outcome.Summary summary = new Outcome.Summary(s.periods(), s.days(), s.totalMm(), s.meanMm(), s.maxMm(),
                s.minMm(), s.from(), s.to());
        return TaskResult.of(Outcome.of(input.name(), site, input.method(), input.step(), out.build(), summary));
    }

    /** The documented demo throttle (off by default): slows the work down, never invents progress. */
    private void pause() {
        LockSupport.parkNanos(delayNanosPerRow);
    }

    /** The summary as the JSON-able value the task's {@code completed} event carries. */
    static Map<String, Object> summaryValue(Outcome.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("periods", s.periods());
        m.put("days", s.days());
        m.put("total", s.total());
        m.put("mean", s.mean());
        m.put("max", s.max());
        m.put("min", s.min());
        m.put("from", s.from());
        m.put("to", s.to());
        return m;
    }

    /**
     * The input error a failed calculation ended with, from its task error (on any node, after any restart).
     *
     * @param error the task's error, as {@link EtoCalculationTask#failure} made it
     * @return the API's {@code 422} answer with the code, key, arguments, field and row
     */
    static ApiException invalidInput(TaskError error) {
        return new ApiException(422, error.code(), error.messageKey(), error.args(), error.field(), error.row());
    }
}
