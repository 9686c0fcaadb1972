package org.eto4j.sources;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskCancelledException;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.eto.EtoCalculationResult;
import org.eto4j.progress.eto.EtoCalculationTask;

/**
 * Daily ETo for a point and a period from one or more sources, as an eto-progress task:
 * {@code download} (progress per chunk, over all sources) → {@code quality_control} (per source: checks,
 * gap filling, elevation) → {@code compute} (per day) → {@code summarize}. Cancellable between chunks, while
 * waiting for an answer (within about 100 ms), and between days.
 *
 * <p>Each source's days are computed by {@link EtoCalculationTask}, eto4j's one ETo task, under the facade's
 * calculator and in lenient validation; its own stages fold into this task's {@code compute} stage. The numbers
 * are those of {@link PointEto#daily}.
 *
 * <pre>{@code
 * TaskEngine engine = TaskEngine.builder().taskType(EtoTask.TYPE, EtoTask.factory(pointEto)).build();
 * TaskId id = engine.submit(EtoTask.TYPE, Map.of("latitude", -22.7, "longitude", -47.6,
 *         "start", "2024-01-01", "end", "2024-12-31", "sources", List.of("nasa-power", "open-meteo-archive")),
 *         TaskOptions.defaults());
 * }</pre>
 *
 * <p>The result is a JSON-able map: {@code latitude}, {@code longitude}, {@code start}, {@code end} and
 * {@code sources}, a list with one map per source holding {@code source}, {@code attribution},
 * {@code elevationMetres}, {@code elevationOrigin}, {@code zone}, {@code summary} and {@code rows} (one map
 * per day with {@code date}, {@code eto} and the input columns of {@link Variable#column()}, {@code null}
 * where absent, and {@code flags} as {@code |}-joined tokens) — or {@code error} ({@code code},
 * {@code messageKey}, {@code args}) for a source that failed while others succeeded. When every source fails,
 * the task fails with the first source's error (retryable when it is).
 */
public final class EtoTask implements Task {
    /** The task type under which {@link #factory} is meant to be registered. */
    public static final String TYPE = "eto.sources.daily";

    private final PointEto eto;
    private final WeatherRequest request;
    private final List<SourceId> sources;
    private final Optional<Elevation> elevation;

    /**
     * Creates the task.
     *
     * @param eto       the facade (sources, cache, calculator)
     * @param request   point and period
     * @param sources   one or more sources, in the order of the result
     * @param elevation the point's elevation when known; else the facade's policy decides
     */
    public EtoTask(PointEto eto, WeatherRequest request, List<SourceId> sources, Optional<Elevation> elevation) {
        this.eto = Objects.requireNonNull(eto, "eto");
        this.request = Objects.requireNonNull(request, "request");
        this.sources = List.copyOf(sources);
        this.elevation = Objects.requireNonNull(elevation, "elevation");
        if (this.sources.isEmpty()) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "sources", "[]");
        }
    }

    /**
     * A factory for {@link org.eto4j.progress.TaskEngine.Builder#taskType}, reading JSON-able parameters:
     * {@code latitude}, {@code longitude} (numbers, degrees), {@code start}, {@code end} ({@code YYYY-MM-DD}),
     * {@code sources} (list of tokens) or {@code source} (one token), and optionally {@code zone} (a time
     * zone id) and {@code elevation} (metres).
     *
     * @param eto the facade the tasks use
     * @return the factory; it throws {@link SourceException} ({@link SourceErrorCode#INVALID_REQUEST}, naming
     *         the parameter) for bad parameters
     */
    public static TaskFactory factory(PointEto eto) {
        Objects.requireNonNull(eto, "eto");
        return parameters -> fromParameters(eto, parameters);
    }

    static EtoTask fromParameters(PointEto eto, Object parameters) {
        if (!(parameters instanceof Map<?, ?> map)) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "parameters", String.valueOf(parameters));
        }
        GeoPoint point = new GeoPoint(number(map, "latitude"), number(map, "longitude"));
        WeatherRequest request = new WeatherRequest(point, date(map, "start"), date(map, "end"), Optional.empty());
        if (map.get("zone") != null) {
            try {
                request = request.withZone(ZoneId.of(String.valueOf(map.get("zone"))));
            } catch (java.time.DateTimeException e) {
                throw new SourceException(SourceErrorCode.INVALID_REQUEST, "zone", String.valueOf(map.get("zone")));
            }
        }
        List<SourceId> ids = new ArrayList<>();
        Object list = map.containsKey("sources") ? map.get("sources") : map.get("source");
        if (list instanceof String one) {
            list = List.of(one);
        }
        if (!(list instanceof List<?> tokens) || tokens.isEmpty()) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "sources", String.valueOf(list));
        }
        for (Object token : tokens) {
            ids.add(SourceId.fromToken(String.valueOf(token)).orElseThrow(
                    () -> new SourceException(SourceErrorCode.INVALID_REQUEST, "sources", String.valueOf(token))));
        }
        Optional<Elevation> elevation = map.get("elevation") == null ? Optional.empty()
                : Optional.of(new Elevation(number(map, "elevation"), Elevation.Origin.GIVEN));
        return new EtoTask(eto, request, ids, elevation);
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

    @Override
    public TaskResult run(TaskContext context) {
        FetchObserver observer = new FetchObserver() {
            @Override
            public void chunkDone(SourceId source, int chunksDone, int chunksTotal) {
                context.advance(1);
            }

            @Override
            public boolean cancelled() {
                return context.isCancellationRequested();
            }
        };
        List<String> tokens = sources.stream().map(SourceId::token).toList();
        context.stage(Stage.DOWNLOAD, String.join(",", tokens));
        long chunks = 0;
        for (SourceId id : sources) {
            chunks += eto.sources().source(id).chunks(request);
        }
        context.total(chunks);
        Map<SourceId, Object> outcome = new LinkedHashMap<>();
        SourceException firstError = null;
        for (SourceId id : sources) {
            try {
                outcome.put(id, eto.download(id, request, observer));
            } catch (SourceException e) {
                firstError = rethrowCancellation(e, firstError);
                outcome.put(id, e);
            }
        }

        context.stage(Stage.QUALITY_CONTROL, String.join(",", tokens));
        context.total(sources.size());
        for (SourceId id : sources) {
            context.throwIfCancellationRequested();
            if (outcome.get(id) instanceof HttpSource.Raw raw) {
                try {
                    DailySeries weather = eto.qualityControl(id, raw);
                    Elevation resolved = elevation.orElseGet(() -> eto.resolveElevation(weather));
                    outcome.put(id, new Object[] {weather, resolved});
                } catch (SourceException e) {
                    firstError = rethrowCancellation(e, firstError);
                    outcome.put(id, e);
                }
            }
            context.advance(1);
        }

        context.stage(Stage.COMPUTE, String.join(",", tokens));
        long days = outcome.values().stream().filter(o -> o instanceof Object[]).count() * request.days();
        context.total(days);
        ComputeStageContext perDay = new ComputeStageContext(context);
        for (SourceId id : sources) {
            if (outcome.get(id) instanceof Object[] ready) {
                outcome.put(id, compute((DailySeries) ready[0], (Elevation) ready[1], perDay));
            }
        }

        context.stage(Stage.SUMMARIZE, String.join(",", tokens));
        context.total(1);
        if (outcome.values().stream().noneMatch(o -> o instanceof PointEtoSeries)) {
            throw failure(Objects.requireNonNull(firstError));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("latitude", request.point().latitudeDegrees());
        result.put("longitude", request.point().longitudeDegrees());
        result.put("start", request.start().toString());
        result.put("end", request.end().toString());
        List<Object> perSource = new ArrayList<>();
        for (SourceId id : sources) {
            Object o = outcome.get(id);
            perSource.add(o instanceof PointEtoSeries s ? toMap(s) : errorMap(id, (SourceException) o));
        }
        result.put("sources", perSource);
        context.advance(1);
        return TaskResult.of(result);
    }

    /**
     * One source's days through eto-progress's calculation task, the one ETo task of eto4j: lenient, so that a
     * day whose inputs are too few gets NaN and its error while the others go on, as {@link PointEto} does.
     */
    PointEtoSeries compute(DailySeries weather, Elevation resolved, TaskContext perDay) {
        Station station = eto.station(weather, resolved);
        EtoCalculationResult r = EtoCalculationTask.daily(station, weather.size(), d -> eto.weather(weather, d))
                .calculator(eto.calculator())
                .validation(ValidationMode.LENIENT)
                .build()
                .compute(perDay);
        return eto.series(weather, station, resolved, results(r));
    }

    /**
     * eto-core's result of each day from the calculation's rows: ETo and flags as computed, the daily method, and
     * for an invalid day its error at its row. Intermediates are not kept (the task's result never shows them).
     */
    static List<EtoResult> results(EtoCalculationResult r) {
        EtoException[] errors = new EtoException[r.rows().size()];
        for (EtoCalculationResult.RowError e : r.errors()) {
            errors[e.row()] = new EtoException(errorCode(e.code()), e.field(), e.row(), e.args().toArray());
        }
        List<EtoResult> out = new ArrayList<>(r.rows().size());
        for (int d = 0; d < errors.length; d++) {
            EtoCalculationResult.Row row = r.rows().get(d);
            out.add(new EtoResult(row.etoMm(), Fao56.METHOD_DAILY, EstimateFlag.fromMask(row.flagMask()),
                    Optional.empty(), Optional.ofNullable(errors[d])));
        }
        return out;
    }

    private static ErrorCode errorCode(String code) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        // The calculation reports eto-core's own codes only.
        throw new IllegalStateException(code);
    }

    private static SourceException rethrowCancellation(SourceException e, SourceException first) {
        if (e.code() == SourceErrorCode.CANCELLED) {
            throw new TaskCancelledException();
        }
        return first == null ? e : first;
    }

    private static TaskFailure failure(SourceException e) {
        Object[] args = jsonArgs(e);
        return e.retryable() ? TaskFailure.retryable(e.code().code(), e.messageKey(), args)
                : TaskFailure.permanent(e.code().code(), e.messageKey(), args);
    }

    private static Object[] jsonArgs(SourceException e) {
        return e.args().stream().map(a -> a instanceof Number || a instanceof Boolean ? a : String.valueOf(a))
                .toArray();
    }

    private static Map<String, Object> errorMap(SourceId id, SourceException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", id.token());
        m.put("error", Map.of("code", e.code().code(), "messageKey", e.messageKey(), "args", List.of(jsonArgs(e))));
        return m;
    }

    /** The JSON-able form of one source's series (see the type's documentation). */
    static Map<String, Object> toMap(PointEtoSeries s) {
        Map<String, Object> m = new LinkedHashMap<>();
        DailySeries w = s.weather();
        m.put("source", w.source().token());
        m.put("attribution", w.source().attribution());
        m.put("elevationMetres", s.elevation().metres());
        m.put("elevationOrigin", s.elevation().origin().name().toLowerCase(java.util.Locale.ROOT));
        m.put("zone", w.zone().getId());
        EtoSummary sum = s.summary();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("days", sum.days());
        summary.put("computedDays", sum.computedDays());
        summary.put("totalEtoMillimetres", sum.totalEtoMillimetres());
        summary.put("meanEtoMillimetres", orNull(sum.meanEtoMillimetres()));
        summary.put("maxEtoMillimetres", orNull(sum.maxEtoMillimetres()));
        summary.put("meanDifferenceFromSourceEtoMillimetres", orNull(sum.meanDifferenceFromSourceEto()));
        Map<String, Object> estimates = new LinkedHashMap<>();
        sum.estimateCounts().forEach((k, v) -> estimates.put(k.token(), v));
        summary.put("estimates", estimates);
        Map<String, Object> inputs = new LinkedHashMap<>();
        sum.inputFlagCounts().forEach((k, v) -> inputs.put(k.token(), v));
        summary.put("inputFlags", inputs);
        m.put("summary", summary);
        List<Object> rows = new ArrayList<>(s.days().size());
        for (int d = 0; d < s.days().size(); d++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", w.date(d).toString());
            row.put("eto", orNull(s.days().get(d).etoMillimetres()));
            for (Variable v : Variable.values()) {
                if (w.variables().contains(v)) {
                    row.put(v.column(), orNull(w.value(d, v)));
                }
            }
            row.put("flags", String.join("|", s.flagTokens(d)));
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }

    private static Object orNull(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }
}
