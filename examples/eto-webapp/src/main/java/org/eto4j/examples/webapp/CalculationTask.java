package org.eto4j.examples.webapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.core.WeatherTable;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskResult;

/**
 * One FAO-56 calculation (daily or monthly step) as an eto-progress task, reporting progress by records in
 * four stages: {@code validate} (cells parsed, time stamps in order), {@code quality_control} (eto-core's
 * checks of every record, before any result is produced), {@code compute}
 * ({@link Fao56#daily(Station, DailyWeather)}, or {@link Fao56#monthly(Station, MonthlyWeather, double, double)}
 * with the neighbouring months' mean temperatures, per record) and {@code summarize} (aggregates).
 *
 * <p>The task's result is the {@link Outcome} (summary, station, rows), kept by the task store. An input error
 * stops the task with eto-core's code, key and arguments and the error's field and row in its {@link TaskError}
 * ({@link #invalidInput(TaskError)} reads them back), so that the result endpoint of any node can answer
 * {@code 422} with them. The optional demo throttle pauses after each record, so progress can be watched on
 * small files; it never changes what is computed.
 */
final class CalculationTask implements Task {
    private static final Fao56 STRICT = Fao56.defaults();
    private static final Fao56 LENIENT = Fao56.newBuilder().validation(ValidationMode.LENIENT).build();

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

        ctx.stage(Stage.VALIDATE, n);
        ctx.total(n);
        List<DailyWeather> days = new ArrayList<>(monthly ? 0 : n);
        List<MonthlyWeather> months = new ArrayList<>(monthly ? n : 0);
        WeatherTable.TimeOrder<String> order = table.timeOrder();
        for (int row = 0; row < n; row++) {
            step(ctx);
            List<String> cells = rows.get(row);
            try {
                String period;
                if (monthly) {
                    MonthlyWeather m = table.monthlyRow(cells, row);
                    months.add(m);
                    period = m.month().toString();
                } else {
                    DailyWeather d = input.tmean().apply(table.dailyRow(cells, row));
                    days.add(d);
                    period = d.date().toString();
                }
                // ISO 8601 texts of one kind sort as their dates do.
                order.next(period, row);
            } catch (EtoException e) {
                throw fail(ctx, e);
            }
            ctx.advance(1);
        }

        ctx.stage(Stage.QUALITY_CONTROL, n);
        ctx.total(n);
        for (int row = 0; row < n; row++) {
            step(ctx);
            EtoResult checked = monthly
                    ? LENIENT.monthly(site, months.get(row), neighbourMean(months, row, -1), neighbourMean(months, row, 1))
                    : LENIENT.daily(site, days.get(row));
            if (checked.error().isPresent()) {
                throw fail(ctx, checked.error().get().atRow(row));
            }
            ctx.advance(1);
        }

        ctx.stage(Stage.COMPUTE, n);
        ctx.total(n);
        List<Outcome.Row> out = new ArrayList<>(n);
        for (int row = 0; row < n; row++) {
            step(ctx);
            try {
                if (monthly) {
                    MonthlyWeather m = months.get(row);
                    EtoResult r = STRICT.monthly(site, m, neighbourMean(months, row, -1), neighbourMean(months, row, 1));
                    out.add(new Outcome.Row(m.month().toString(), m.month().lengthOfMonth(), r.eto(),
                            EstimateFlag.toMask(r.flags())));
                } else {
                    DailyWeather d = days.get(row);
                    EtoResult r = STRICT.daily(site, d);
                    out.add(new Outcome.Row(d.date().toString(), 1, r.eto(), EstimateFlag.toMask(r.flags())));
                }
            } catch (EtoException e) {
                throw fail(ctx, e.atRow(row));
            }
            ctx.advance(1);
        }

        ctx.stage(Stage.SUMMARIZE, n);
        ctx.total(n);
        double total = 0;
        int coveredDays = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Outcome.Row r : out) {
            step(ctx);
            total += r.eto() * r.days();
            coveredDays += r.days();
            max = Math.max(max, r.eto());
            min = Math.min(min, r.eto());
            ctx.advance(1);
        }
        Outcome.Summary summary = new Outcome.Summary(n, coveredDays, total, total / coveredDays, max, min,
                out.get(0).period(), out.get(n - 1).period());
        return TaskResult.of(Outcome.of(input.name(), site, input.method(), input.step(), out, summary));
    }

    /**
     * The mean temperature of the calendar month before ({@code direction} −1) or after (+1) row {@code row},
     * when that month is the neighbouring row: Tmean, else (Tmax + Tmin)/2 (FAO-56 eq. 43/44 need it); NaN
     * when the series has no such month.
     */
    static double neighbourMean(List<MonthlyWeather> months, int row, int direction) {
        int i = row + direction;
        if (i < 0 || i >= months.size()
                || !months.get(i).month().equals(months.get(row).month().plusMonths(direction))) {
            return Double.NaN;
        }
        MonthlyWeather m = months.get(i);
        double t = Double.isNaN(m.tmean()) ? (m.tmax() + m.tmin()) / 2.0 : m.tmean();
        return Double.isInfinite(t) ? Double.NaN : t;
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

    private void step(TaskContext ctx) {
        ctx.throwIfCancellationRequested();
        if (delayNanosPerRow > 0) {
            // The documented demo throttle (off by default): slows the work down, never invents progress.
            LockSupport.parkNanos(delayNanosPerRow);
        }
    }

    /** The task's failure for an input error: eto-core's code, key and arguments, and the field and row. */
    private static TaskFailure fail(TaskContext ctx, EtoException e) {
        List<Object> args = new ArrayList<>();
        e.args().forEach(a -> args.add(a == null ? "" : a));
        return new TaskFailure(new TaskError(e.code().code(), e.messageKey(), args, false, e.field().orElse(null),
                e.row().orElse(-1)), null);
    }

    /**
     * The input error a failed calculation ended with, from its task error (on any node, after any restart).
     *
     * @param error the task's error, as {@link #fail} made it
     * @return the API's {@code 422} answer with the code, key, arguments, field and row
     */
    static ApiException invalidInput(TaskError error) {
        return new ApiException(422, error.code(), error.messageKey(), error.args(), error.field(), error.row());
    }
}
