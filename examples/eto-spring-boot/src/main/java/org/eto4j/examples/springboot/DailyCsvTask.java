package org.eto4j.examples.springboot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.eto4j.core.DailyWeather;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskResult;

/**
 * Daily FAO-56 reference evapotranspiration of one station from a CSV with a header of eto-core's daily columns
 * ({@code date,tmax,tmin,rh_max,rh_min,u2,rs}, …; {@link WeatherTable.Step#DAILY}), as an eto-progress task:
 * stage {@code validate} (rows read), then {@code compute} ({@link Fao56#daily(Station, DailyWeather)} per row),
 * progress by rows. An input error fails the task with eto-core's code, message key, field and row.
 *
 * <p>The file is plain comma-separated text without quoting; the full web example (eto-webapp) reads any RFC 4180
 * file and monthly data too.
 */
final class DailyCsvTask implements Task {
    /** The task type, registered in {@link EtoApplication}. */
    static final String TYPE = "example.daily_csv";

    private static final Fao56 FAO56 = Fao56.defaults();

    private final String csv;
    private final Station station;
    private final long delayNanosPerRow;

    private DailyCsvTask(String csv, Station station, Duration delayPerRow) {
        this.csv = csv;
        this.station = station;
        this.delayNanosPerRow = delayPerRow.toNanos();
    }

    /** The task's JSON-able parameters: strings and numbers, so a durable store keeps them as they are. */
    static Map<String, Object> parameters(String csv, double latitude, double elevation) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("csv", csv);
        p.put("latitude", latitude);
        p.put("elevation", elevation);
        return p;
    }

    /** The factory of {@link #TYPE}: the task from its parameters, as given or as a store read them back. */
    static TaskFactory factory(Duration delayPerRow) {
        return parameters -> {
            Map<?, ?> p = (Map<?, ?>) parameters;
            Station station = Station.of(((Number) p.get("latitude")).doubleValue(),
                    ((Number) p.get("elevation")).doubleValue());
            return new DailyCsvTask((String) p.get("csv"), station, delayPerRow);
        };
    }

    @Override
    public TaskResult run(TaskContext ctx) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        int n = Math.max(0, lines.size() - 1);
        List<DailyWeather> days = new ArrayList<>(n);
        try {
            WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, cells(lines.isEmpty() ? "" : lines.get(0)));
            ctx.stage(Stage.VALIDATE, n);
            ctx.total(n);
            for (int row = 0; row < n; row++) {
                step(ctx);
                days.add(table.dailyRow(cells(lines.get(row + 1)), row));
                ctx.advance(1);
            }
            ctx.stage(Stage.COMPUTE, n);
            ctx.total(n);
            double[] eto = new double[n];
            for (int row = 0; row < n; row++) {
                step(ctx);
                try {
                    eto[row] = FAO56.daily(station, days.get(row)).eto();
                } catch (EtoException e) {
                    throw e.atRow(row);
                }
                ctx.advance(1);
            }
            return TaskResult.of(summary(days, eto));
        } catch (EtoException e) {
            throw failure(e);
        }
    }

    private static Map<String, Object> summary(List<DailyWeather> days, double[] eto) {
        double total = Arrays.stream(eto).sum();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("days", eto.length);
        result.put("from", days.isEmpty() ? "" : days.get(0).date().toString());
        result.put("to", days.isEmpty() ? "" : days.get(days.size() - 1).date().toString());
        result.put("totalMm", total);
        result.put("meanMm", eto.length == 0 ? 0.0 : total / eto.length);
        result.put("etoMm", Arrays.stream(eto).boxed().toList());
        return result;
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.split(",", -1)).map(String::trim).toList();
    }

    private void step(TaskContext ctx) {
        ctx.throwIfCancellationRequested();
        if (delayNanosPerRow > 0) {
            // The documented demo throttle (off by default): slows the work down, never invents progress.
            LockSupport.parkNanos(delayNanosPerRow);
        }
    }

    /** eto-core's code, key and arguments, with the field and row, as the task's error (never a sentence). */
    private static TaskFailure failure(EtoException e) {
        List<Object> args = new ArrayList<>();
        e.args().forEach(a -> args.add(a == null ? "" : a));
        return new TaskFailure(new TaskError(e.code().code(), e.messageKey(), args, false, e.field().orElse(null),
                e.row().orElse(-1)), null);
    }
}
