package org.eto4j.examples.webapp;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionErrorCode;
import org.eto4j.fusion.FusionException;
import org.eto4j.fusion.FusionFlag;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskCancelledException;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskResult;
import org.eto4j.sources.Elevation;
import org.eto4j.sources.FetchObserver;
import org.eto4j.sources.FusedPointEto;
import org.eto4j.sources.FusedPointEtoSeries;
import org.eto4j.sources.GeoPoint;
import org.eto4j.sources.SourceErrorCode;
import org.eto4j.sources.SourceException;
import org.eto4j.sources.SourceId;
import org.eto4j.sources.WeatherRequest;
import org.eto4j.sources.WeatherSources;

/**
 * The "by location" mode's fused estimate: eto-sources' {@link FusedPointEto} (NASA POWER and Open-Meteo's
 * archive under a calibration) as a task, its days becoming an {@link Outcome} whose rows carry the 5–95 %
 * interval and eto-fusion's flags. Parameters as for one source, with {@code sources: ["fused"]}.
 *
 * <p>Stages: {@code download} (per chunk, over both sources; quality control and the fusion run within the
 * same call of {@link FusedPointEto#daily}, in a fraction of the download's time), then {@code summarize}.
 * A source that fails while the other answers degrades the estimate (flagged {@code source_missing}, wider
 * interval), as {@link FusedPointEto} documents; both failing fail the task with the first failure's code.
 */
final class FusedLocationTask implements Task {
    /** The token of the fused estimate in the {@code source} of a request and in the result. */
    static final String TOKEN = "fused";
    /** The calibration the app ships with: the MATOPIBA region of Brazil. */
    static final String CALIBRATION = FusionCalibration.MATOPIBA;

    private final FusedPointEto fused;
    private final WeatherSources sources;
    private final WeatherRequest request;
    private final Optional<Elevation> elevation;

    private FusedLocationTask(FusedPointEto fused, WeatherSources sources, WeatherRequest request,
            Optional<Elevation> elevation) {
        this.fused = fused;
        this.sources = sources;
        this.request = request;
        this.elevation = elevation;
    }

    /**
     * The task for the parameters, checked: a bad point or period throws eto-sources' {@link SourceException},
     * a point outside the calibration's region eto-fusion's {@link FusionException} (both refused at submission).
     */
    static FusedLocationTask create(FusedPointEto fused, WeatherSources sources, Object parameters) {
        Map<?, ?> map = (Map<?, ?>) parameters;
        double latitude = number(map, "latitude");
        double longitude = number(map, "longitude");
        WeatherRequest request = WeatherRequest.of(new GeoPoint(latitude, longitude), date(map, "start"),
                date(map, "end"));
        FusionCalibration.Domain domain = fused.fusion().calibration().domain();
        if (!domain.contains(latitude, longitude)) {
            // Known before anything is downloaded: the same error eto-fusion gives after the download.
            throw new FusionException(FusionErrorCode.OUTSIDE_CALIBRATION_DOMAIN,
                    fused.fusion().calibration().name(), latitude, longitude, domain.toString());
        }
        Optional<Elevation> elevation = map.get("elevation") == null ? Optional.empty()
                : Optional.of(new Elevation(number(map, "elevation"), Elevation.Origin.GIVEN));
        return new FusedLocationTask(fused, sources, request, elevation);
    }

    @Override
    public TaskResult run(TaskContext context) {
        context.stage(Stage.DOWNLOAD, TOKEN);
        long chunks = 0;
        for (SourceId id : FusedPointEto.CALIBRATION_NAMES.keySet()) {
            chunks += sources.source(id).chunks(request);
        }
        context.total(chunks);
        FusedPointEtoSeries series;
        try {
            series = fused.daily(request, elevation, new FetchObserver() {
                @Override
                public void chunkDone(SourceId source, int chunksDone, int chunksTotal) {
                    context.advance(1);
                }

                @Override
                public boolean cancelled() {
                    return context.isCancellationRequested();
                }
            });
        } catch (SourceException e) {
            if (e.code() == SourceErrorCode.CANCELLED) {
                throw new TaskCancelledException();
            }
            Object[] args = jsonArgs(e.args());
            throw e.retryable() ? TaskFailure.retryable(e.code().code(), e.messageKey(), args)
                    : TaskFailure.permanent(e.code().code(), e.messageKey(), args);
        } catch (FusionException e) {
            throw TaskFailure.permanent(e.code().code(), e.messageKey(), jsonArgs(e.args()));
        }
        context.stage(Stage.SUMMARIZE, TOKEN);
        context.total(1);
        Outcome outcome = outcome(series);
        context.advance(1);
        return TaskResult.of(outcome);
    }

    /**
     * The days with an ETo as rows (a day no source could give is left out, as in a single source's result),
     * with their interval and flags; the attribution of every source that answered.
     */
    static Outcome outcome(FusedPointEtoSeries series) {
        List<Outcome.Row> rows = new ArrayList<>();
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        List<LocalDate> dates = series.dates();
        for (int d = 0; d < dates.size(); d++) {
            double eto = series.eto(d);
            if (Double.isNaN(eto)) {
                continue;
            }
            rows.add(new Outcome.Row(dates.get(d).toString(), 1, eto, 0, series.etoLower(d), series.etoUpper(d),
                    FusionFlag.toMask(series.flags(d))));
            total += eto;
            max = Math.max(max, eto);
            min = Math.min(min, eto);
        }
        int n = rows.size();
        String first = dates.isEmpty() ? "" : dates.get(0).toString();
        String last = dates.isEmpty() ? "" : dates.get(dates.size() - 1).toString();
        Outcome.Summary summary = new Outcome.Summary(n, n, total, n == 0 ? 0 : total / n, n == 0 ? 0 : max,
                n == 0 ? 0 : min, n == 0 ? first : rows.get(0).period(), n == 0 ? last : rows.get(n - 1).period());
        StringJoiner credits = new StringJoiner(" · ");
        for (SourceId id : series.weather().keySet()) {
            credits.add(id.attribution());
        }
        return Outcome.of("", series.station(), "fao56", "daily", rows, summary)
                .withSource(TOKEN, credits.toString());
    }

    private static Object[] jsonArgs(List<Object> args) {
        return args.stream().map(a -> a instanceof Number || a instanceof Boolean ? a : String.valueOf(a)).toArray();
    }

    private static double number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new SourceException(SourceErrorCode.INVALID_REQUEST, key, String.valueOf(map.get(key)));
    }

    private static LocalDate date(Map<?, ?> map, String key) {
        try {
            return LocalDate.parse(String.valueOf(map.get(key)));
        } catch (DateTimeParseException e) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, key, String.valueOf(map.get(key)));
        }
    }
}
