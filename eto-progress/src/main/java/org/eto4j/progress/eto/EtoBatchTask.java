package org.eto4j.progress.eto;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eto4j.core.BatchResult;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskFactory;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskResult;

/**
 * A task that computes daily ETo (FAO-56 Penman-Monteith, eq. 6, via eto-core's
 * {@link Fao56#dailyBatch batch API}) for the series of many stations.
 *
 * <p>Progress is the number of records processed over all stations (stage {@link Stage#COMPUTE} with the
 * station count as argument); the series are computed in chunks of {@link #chunkRows()} rows, and the
 * cancellation token is polled before each chunk. Results are bit for bit those of one
 * {@code dailyBatch} call per station.
 *
 * <p>In strict validation the first invalid row fails the task with eto-core's stable code and message key
 * (e.g. {@code ETO-1003 error.tmin_above_tmax}); in lenient validation invalid rows are listed in the result.
 *
 * <pre>{@code
 * TaskEngine engine = TaskEngine.builder()
 *         .taskType(EtoBatchTask.TYPE, EtoBatchTask.factory(Fao56.defaults()))
 *         .build();
 * TaskId id = engine.submit(EtoBatchTask.TYPE, List.of(series1, series2), TaskOptions.defaults());
 * }</pre>
 *
 * @deprecated eto4j keeps one ETo task: {@link EtoCalculationTask} (stages validate → quality_control → compute →
 *             summarize, daily and monthly, a result of rows and a summary), which the example web app and
 *             eto-sources build on. Run one {@code EtoCalculationTask} per station instead; this class stays
 *             until 1.0 for existing users.
 */
@Deprecated(since = "0.1.0")
public final class EtoBatchTask implements Task {
    /** The task type under which {@link #factory(Fao56)} is registered by convention. */
    public static final String TYPE = "eto.daily_batch";
    /** Rows per chunk by default: a few milliseconds of work, so cancellation is prompt and progress smooth. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;

    private final Fao56 fao56;
    private final List<StationSeries> stations;
    private final int chunkRows;
    private final Function<EtoBatchResult, TaskResult> resultStorage;

    private EtoBatchTask(Fao56 fao56, List<StationSeries> stations, int chunkRows,
                         Function<EtoBatchResult, TaskResult> resultStorage) {
        this.fao56 = Objects.requireNonNull(fao56, "fao56");
        this.stations = List.copyOf(stations);
        if (chunkRows < 1) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "chunkRows", chunkRows, ">= 1");
        }
        this.chunkRows = chunkRows;
        this.resultStorage = Objects.requireNonNull(resultStorage, "resultStorage");
    }

    /**
     * A task over the given stations.
     *
     * @param fao56    the calculator (its conventions and validation mode apply)
     * @param stations the station series, computed in this order
     * @return the task
     */
    public static EtoBatchTask of(Fao56 fao56, List<StationSeries> stations) {
        return new EtoBatchTask(fao56, stations, DEFAULT_CHUNK_ROWS, TaskResult::of);
    }

    /**
     * A copy with another chunk size.
     *
     * @param rows rows per chunk, {@code >= 1}
     * @return the copy
     */
    public EtoBatchTask withChunkRows(int rows) {
        return new EtoBatchTask(fao56, stations, rows, resultStorage);
    }

    /**
     * A copy that hands the finished result to {@code storage}, e.g. to write it to a file or a table and
     * return a {@link TaskResult#reference reference}. By default the result is kept with the task
     * ({@link TaskResult#of}), which costs about 16 bytes per row (ETo and flags) for as long as the store
     * retains the task.
     *
     * @param storage turns the result into what the task reports
     * @return the copy
     */
    public EtoBatchTask withResultStorage(Function<EtoBatchResult, TaskResult> storage) {
        return new EtoBatchTask(fao56, stations, chunkRows, storage);
    }

    /** Rows per chunk. */
    public int chunkRows() {
        return chunkRows;
    }

    /**
     * A factory for {@link org.eto4j.progress.TaskEngine.Builder#taskType}: the parameters are a
     * {@code List<StationSeries>}.
     *
     * @param fao56 the calculator
     * @return the factory
     */
    public static TaskFactory factory(Fao56 fao56) {
        Objects.requireNonNull(fao56, "fao56");
        return parameters -> {
            if (!(parameters instanceof List<?> list) || !list.stream().allMatch(StationSeries.class::isInstance)) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "parameters",
                        parameters == null ? "null" : parameters.getClass().getName(), "a List<StationSeries>");
            }
            List<StationSeries> series = new ArrayList<>();
            for (Object o : list) {
                series.add((StationSeries) o);
            }
            return of(fao56, series);
        };
    }

    @Override
    public TaskResult run(TaskContext context) {
        long total = 0;
        for (StationSeries s : stations) {
            total += s.rows();
        }
        context.stage(Stage.COMPUTE, stations.size());
        context.total(total);
        List<EtoBatchResult.StationResult> results = new ArrayList<>(stations.size());
        long invalid = 0;
        try {
            for (StationSeries s : stations) {
                EtoBatchResult.StationResult r = compute(s, context);
                invalid += r.invalidRows();
                results.add(r);
            }
        } catch (EtoException e) {
            throw new TaskFailure(new TaskError(e.code().code(), e.messageKey(), scalars(e.args()), false,
                    e.field().orElse(null), e.row().orElse(-1)), e);
        }
        return resultStorage.apply(new EtoBatchResult(results, total, invalid));
    }

    private EtoBatchResult.StationResult compute(StationSeries s, TaskContext context) {
        int n = s.rows();
        double[] eto = new double[n];
        long[] flags = new long[n];
        List<EtoBatchResult.RowError> errors = new ArrayList<>();
        int size = Math.min(chunkRows, n);
        boolean whole = size == n; // one chunk: read the caller's arrays in place
        int[] doy = whole ? s.dayOfYear() : new int[size];
        Map<DailyColumn, double[]> in = s.columns();
        java.util.EnumMap<DailyColumn, double[]> scratch = new java.util.EnumMap<>(DailyColumn.class);
        for (Map.Entry<DailyColumn, double[]> e : in.entrySet()) {
            scratch.put(e.getKey(), whole ? e.getValue() : new double[size]);
        }
        double[] etoChunk = whole ? eto : new double[size];
        long[] flagChunk = whole ? flags : new long[size];
        for (int offset = 0; offset < n; offset += chunkRows) {
            context.throwIfCancellationRequested();
            int len = Math.min(chunkRows, n - offset);
            if (!whole) {
                System.arraycopy(s.dayOfYear(), offset, doy, 0, len);
                for (Map.Entry<DailyColumn, double[]> e : in.entrySet()) {
                    System.arraycopy(e.getValue(), offset, scratch.get(e.getKey()), 0, len);
                }
            }
            DailyColumns.Builder b = DailyColumns.builder(len, doy).firstRowIndex(offset);
            for (Map.Entry<DailyColumn, double[]> e : scratch.entrySet()) {
                set(b, e.getKey(), e.getValue());
            }
            BatchResult r = fao56.dailyBatch(s.station(), b.build(), etoChunk, flagChunk);
            if (!whole) {
                System.arraycopy(etoChunk, 0, eto, offset, len);
                System.arraycopy(flagChunk, 0, flags, offset, len);
            }
            for (EtoException e : r.errors()) {
                errors.add(new EtoBatchResult.RowError(e.row().orElse(-1), e.code().code(), e.messageKey(),
                        e.field().orElse(null), scalars(e.args())));
            }
            context.advance(len);
        }
        double sum = 0;
        int valid = 0;
        for (double v : eto) {
            if (!Double.isNaN(v)) {
                sum += v;
                valid++;
            }
        }
        return new EtoBatchResult.StationResult(s.stationId(), eto, flags, errors.size(), errors, sum,
                valid == 0 ? Double.NaN : sum / valid);
    }

    private static void set(DailyColumns.Builder b, DailyColumn column, double[] values) {
        switch (column) {
            case TMAX -> b.tmax(values);
            case TMIN -> b.tmin(values);
            case TMEAN -> b.tmean(values);
            case RH_MAX -> b.rhMax(values);
            case RH_MIN -> b.rhMin(values);
            case RH_MEAN -> b.rhMean(values);
            case TDEW -> b.tdew(values);
            case EA -> b.ea(values);
            case WIND_SPEED -> b.windSpeed(values);
            case U2 -> b.u2(values);
            case RS -> b.rs(values);
            case SUNSHINE_HOURS -> b.sunshineHours(values);
            default -> throw new IllegalStateException(column.name());
        }
    }

    /** eto-core's message arguments as JSON scalars (numbers and strings stay, anything else becomes text). */
    private static List<Object> scalars(List<Object> args) {
        List<Object> out = new ArrayList<>(args.size());
        for (Object a : args) {
            out.add(a instanceof Number || a instanceof String || a instanceof Boolean ? a : String.valueOf(a));
        }
        return out;
    }
}
