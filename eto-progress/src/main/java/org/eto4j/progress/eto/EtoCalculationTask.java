package org.eto4j.progress.eto;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskResult;

/**
 * One FAO-56 Penman-Monteith calculation of a station's records (daily, eq. 6 with G = 0; or monthly, eq. 6 with
 * G of eq. 43/44 from the neighbouring months) as a task, reporting progress by records in four stages:
 * <ol>
 *   <li>{@link Stage#VALIDATE}: each record is read (its {@link RowReader} may parse text and throw eto-core's
 *       coded errors) and its time stamp (date or month, compared as such) must come strictly after the
 *       previous one;</li>
 *   <li>{@link Stage#QUALITY_CONTROL}: eto-core's checks of every record, before any result is handed on. They
 *       run as part of FAO-56 itself ({@link Fao56#daily(Station, DailyWeather)} or
 *       {@link Fao56#monthly(Station, MonthlyWeather, double, double)}, leniently), so FAO-56 runs here, once per
 *       record: a valid record's ETo is the same in either validation mode (the mode only decides whether an
 *       invalid one throws), so the checked results are the ones kept;</li>
 *   <li>{@link Stage#COMPUTE}: the result rows, in row order, made only once every record passed (strict) or
 *       was listed (lenient); a {@link Builder#rowSink row sink} sees them here;</li>
 *   <li>{@link Stage#SUMMARIZE}: the aggregates of {@link EtoCalculationResult.Summary}.</li>
 * </ol>
 * Each stage's argument and {@link TaskContext#total total} is the number of records. Progress is reported and
 * cancellation checked every {@link Builder#progressEvery} records (every record by default), and each stage
 * ends with its count complete.
 *
 * <p>{@link ValidationMode#STRICT} (the default): the first invalid record fails the task with eto-core's code,
 * message key and arguments and the error's field and row in its {@link TaskError} ({@code null} arguments
 * become {@code ""}, other non-scalars their text), so that any node can answer with them.
 * {@link ValidationMode#LENIENT}: an invalid record gets NaN and its error in
 * {@link EtoCalculationResult#errors()}; the others go on, and the summary covers the valid ones.
 *
 * <pre>{@code
 * EtoCalculationTask task = EtoCalculationTask.daily(station, days)      // List<DailyWeather>
 *         .validation(ValidationMode.LENIENT)
 *         .build();
 * TaskId id = engine.submit(task, TaskOptions.defaults());
 * }</pre>
 *
 * <p>A larger task (one that first downloads its records, say) runs the same stages inside its own
 * {@link Task#run} with {@link #compute(TaskContext)}, which returns the typed result.
 */
public final class EtoCalculationTask implements Task {
    /**
     * Records between two progress reports and cancellation checks by default: every record, so that a short
     * series (a download of a few days, say) shows each one and stops within a record of being cancelled. For
     * large inputs {@link Builder#progressEvery} of about a thousand records (about a millisecond of FAO-56 work,
     * far below an engine's publishing interval of 250 ms) shows the same progress without a shared counter
     * update and a cancellation read per record.
     */
    public static final int DEFAULT_PROGRESS_EVERY = 1;

    /** The flags of an invalid record's row. */
    private static final long INVALID_ROW_MASK = EstimateFlag.toMask(Set.of(EstimateFlag.INVALID_ROW));

    /** Records read from any source: the record at a zero-based index, or eto-core's coded error. */
    @FunctionalInterface
    public interface RowReader<T> {
        /**
         * Reads one record.
         *
         * @param row the zero-based row index
         * @return the record
         * @throws EtoException when the record cannot be read (its row is set to {@code row} when absent)
         */
        T read(int row);
    }

    /**
     * Receives each record's result in the {@link Stage#COMPUTE compute} stage, in row order, for a caller that
     * keeps results in a form of its own (primitive columns, a file) without reading them back from
     * {@link EtoCalculationResult#rows()}. In strict validation it is called only once every record passed; a
     * cancelled or failed task may have handed it a prefix of the rows.
     */
    @FunctionalInterface
    public interface RowSink {
        /**
         * One record's result.
         *
         * @param row      the zero-based row index
         * @param period   the record's time stamp: its {@link LocalDate} (daily) or {@link YearMonth} (monthly)
         * @param etoMm    ETo (mm d⁻¹; for a month, the month's mean daily value); NaN for an invalid record
         * @param flagMask the estimate flags as a bit mask ({@link EstimateFlag#fromMask(long)}), only
         *                 {@link EstimateFlag#INVALID_ROW} for an invalid record
         */
        void accept(int row, Temporal period, double etoMm, long flagMask);
    }

    private final Station station;
    private final boolean monthly;
    private final int rows;
    private final RowReader<?> reader;
    private final Fao56 lenient;
    private final ValidationMode validation;
    /** {@code null} when there is none, so the loops do not call an empty one per record. */
    private final Runnable beforeEachRecord;
    private final RowSink rowSink;
    /** Records per progress report and cancellation check. */
    private final int progressEvery;
    private final Function<EtoCalculationResult, TaskResult> resultStorage;

    private EtoCalculationTask(Builder b) {
        this.station = b.station;
        this.monthly = b.monthly;
        this.rows = b.rows;
        this.reader = b.reader;
        this.lenient = b.calculator.toBuilder().validation(ValidationMode.LENIENT).build();
        this.validation = b.validation;
        this.beforeEachRecord = b.beforeEachRecord;
        this.rowSink = b.rowSink;
        this.progressEvery = b.progressEvery;
        this.resultStorage = b.resultStorage;
    }

    /**
     * A daily calculation over the given days.
     *
     * @param station the station
     * @param days    the days, in increasing date order
     * @return a builder
     */
    public static Builder daily(Station station, List<DailyWeather> days) {
        List<DailyWeather> copy = List.copyOf(days);
        return new Builder(station, false, copy.size(), copy::get);
    }

    /**
     * A daily calculation over records read in the validate stage (e.g. parsed from a file's cells).
     *
     * @param station the station
     * @param rows    the number of records
     * @param reader  reads each record
     * @return a builder
     */
    public static Builder daily(Station station, int rows, RowReader<DailyWeather> reader) {
        return new Builder(station, false, rows, reader);
    }

    /**
     * A monthly calculation over the given months.
     *
     * @param station the station
     * @param months  the months, in increasing order
     * @return a builder
     */
    public static Builder monthly(Station station, List<MonthlyWeather> months) {
        List<MonthlyWeather> copy = List.copyOf(months);
        return new Builder(station, true, copy.size(), copy::get);
    }

    /**
     * A monthly calculation over records read in the validate stage.
     *
     * @param station the station
     * @param rows    the number of records
     * @param reader  reads each record
     * @return a builder
     */
    public static Builder monthly(Station station, int rows, RowReader<MonthlyWeather> reader) {
        return new Builder(station, true, rows, reader);
    }

    /** {@code daily} or {@code monthly}. */
    public String step() {
        return monthly ? "monthly" : "daily";
    }

    @Override
    public TaskResult run(TaskContext context) {
        return resultStorage.apply(compute(context));
    }

    /**
     * Runs the four stages and returns the result (what {@link #run} hands to the result storage).
     *
     * @param ctx the task's context: its progress, stages and cancellation
     * @return the result
     * @throws TaskFailure in strict validation, on the first invalid record
     */
    public EtoCalculationResult compute(TaskContext ctx) {
        int n = rows;
        ctx.stage(Stage.VALIDATE, n);
        ctx.total(n);
        List<DailyWeather> days = new ArrayList<>(monthly ? 0 : n);
        List<MonthlyWeather> months = new ArrayList<>(monthly ? n : 0);
        // The time stamps as numbers (epoch day, or months since year 0), compared as the dates are, and kept as
        // the result's period column.
        long[] period = new long[n];
        String timeColumn = monthly ? "month" : "date";
        int reported = 0;
        for (int row = 0; row < n; row++) {
            reported = beforeRecord(ctx, row, reported);
            Temporal stamp;
            try {
                Object record = reader.read(row);
                if (monthly) {
                    MonthlyWeather m = (MonthlyWeather) Objects.requireNonNull(record, "record");
                    months.add(m);
                    stamp = m.month();
                    period[row] = m.month().getLong(ChronoField.PROLEPTIC_MONTH);
                } else {
                    DailyWeather d = (DailyWeather) Objects.requireNonNull(record, "record");
                    days.add(d);
                    stamp = d.date();
                    period[row] = d.date().toEpochDay();
                }
            } catch (EtoException e) {
                throw failure(e.row().isPresent() ? e : e.atRow(row));
            }
            // Strictly increasing time stamps hold in both modes: an order error is a broken file, not a bad
            // record. A repeated stamp's first occurrence is the previous row, row - 1, numbered from 1: row.
            if (row > 0 && period[row] <= period[row - 1]) {
                throw failure(period[row] == period[row - 1]
                        ? new EtoException(ErrorCode.DUPLICATE_TIMESTAMP, timeColumn, row, timeColumn,
                                stamp.toString(), row)
                        : new EtoException(ErrorCode.TIMESTAMP_OUT_OF_ORDER, timeColumn, row, timeColumn,
                                stamp.toString()));
            }
        }
        ctx.advance(n - reported);

        ctx.stage(Stage.QUALITY_CONTROL, n);
        ctx.total(n);
        double[] eto = new double[n];
        long[] flags = new long[n];
        boolean[] invalid = null;
        List<EtoCalculationResult.RowError> errors = new ArrayList<>();
        reported = 0;
        for (int row = 0; row < n; row++) {
            reported = beforeRecord(ctx, row, reported);
            EtoResult checked = monthly
                    ? lenient.monthly(station, months.get(row), neighbourMean(months, row, -1),
                            neighbourMean(months, row, 1))
                    : lenient.daily(station, days.get(row));
            if (checked.error().isPresent()) {
                EtoException e = checked.error().get().atRow(row);
                if (validation == ValidationMode.STRICT) {
                    throw failure(e);
                }
                if (invalid == null) {
                    invalid = new boolean[n];
                }
                invalid[row] = true;
                eto[row] = Double.NaN;
                flags[row] = INVALID_ROW_MASK;
                errors.add(new EtoCalculationResult.RowError(row, e.code().code(), e.messageKey(),
                        e.field().orElse(null), scalars(e.args())));
            } else {
                eto[row] = checked.eto();
                flags[row] = EstimateFlag.toMask(checked.flags());
            }
        }
        ctx.advance(n - reported);

        ctx.stage(Stage.COMPUTE, n);
        ctx.total(n);
        RowColumns out = new RowColumns(monthly, period, eto, flags);
        reported = 0;
        for (int row = 0; row < n; row++) {
            reported = beforeRecord(ctx, row, reported);
            if (rowSink != null) {
                rowSink.accept(row, monthly ? months.get(row).month() : days.get(row).date(), eto[row], flags[row]);
            }
        }
        ctx.advance(n - reported);

        ctx.stage(Stage.SUMMARIZE, n);
        ctx.total(n);
        double total = 0;
        int coveredDays = 0;
        int valid = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        int first = -1;
        int last = -1;
        reported = 0;
        for (int row = 0; row < n; row++) {
            reported = beforeRecord(ctx, row, reported);
            if (invalid == null || !invalid[row]) {
                int covered = monthly ? months.get(row).month().lengthOfMonth() : 1;
                total += eto[row] * covered;
                coveredDays += covered;
                max = Math.max(max, eto[row]);
                min = Math.min(min, eto[row]);
                valid++;
                first = first < 0 ? row : first;
                last = row;
            }
        }
        ctx.advance(n - reported);
        EtoCalculationResult.Summary summary = valid == 0
                ? new EtoCalculationResult.Summary(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, null, null)
                : new EtoCalculationResult.Summary(valid, coveredDays, total, total / coveredDays, max, min,
                        out.period(first), out.period(last));
        return new EtoCalculationResult(step(), out, summary, errors);
    }

    /**
     * Before record {@code row} of a stage: every {@link #progressEvery} records reports the records done since
     * the last report ({@code reported}) and honours a cancellation; then runs the {@link #beforeEachRecord}
     * hook. The stage's loop reports the rest ({@code n - reported}) when it ends.
     *
     * @return the records reported so far in this stage
     */
    private int beforeRecord(TaskContext ctx, int row, int reported) {
        if (row - reported >= progressEvery) {
            ctx.advance(row - reported);
            reported = row;
        }
        if (row == reported) {
            ctx.throwIfCancellationRequested();
        }
        if (beforeEachRecord != null) {
            beforeEachRecord.run();
        }
        return reported;
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

    /**
     * The task failure for an eto-core error: its code, message key and arguments, and its field and row, not
     * retryable (the same input fails again).
     *
     * @param e the error
     * @return the failure to throw from a task
     */
    public static TaskFailure failure(EtoException e) {
        return new TaskFailure(new TaskError(e.code().code(), e.messageKey(), scalars(e.args()), false,
                e.field().orElse(null), e.row().orElse(-1)), null);
    }

    /** eto-core's message arguments as JSON scalars: {@code null} becomes {@code ""}, non-scalars their text. */
    static List<Object> scalars(List<Object> args) {
        List<Object> out = new ArrayList<>(args.size());
        for (Object a : args) {
            boolean scalar = a instanceof Number || a instanceof String || a instanceof Boolean;
            out.add(a == null ? "" : scalar ? a : String.valueOf(a));
        }
        return out;
    }

    /**
     * Options of an {@link EtoCalculationTask}; validated in {@link #build()}.
     */
    public static final class Builder {
        private final Station station;
        private final boolean monthly;
        private final int rows;
        private final RowReader<?> reader;
        private Fao56 calculator = Fao56.defaults();
        private ValidationMode validation = ValidationMode.STRICT;
        private Runnable beforeEachRecord;
        private RowSink rowSink;
        private int progressEvery = DEFAULT_PROGRESS_EVERY;
        private Function<EtoCalculationResult, TaskResult> resultStorage = TaskResult::of;

        private Builder(Station station, boolean monthly, int rows, RowReader<?> reader) {
            this.station = Objects.requireNonNull(station, "station");
            this.monthly = monthly;
            this.rows = rows;
            this.reader = Objects.requireNonNull(reader, "reader");
        }

        /**
         * The calculator whose conventions apply (its own validation mode is replaced by {@link #validation}).
         *
         * @param calculator the calculator (default {@link Fao56#defaults()})
         * @return this builder
         */
        public Builder calculator(Fao56 calculator) {
            this.calculator = Objects.requireNonNull(calculator, "calculator");
            return this;
        }

        /**
         * Strict (the first invalid record fails the task) or lenient (invalid records are listed in the result).
         *
         * @param mode the mode (default {@link ValidationMode#STRICT})
         * @return this builder
         */
        public Builder validation(ValidationMode mode) {
            this.validation = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Work done before each record of each stage, after the cancellation check: e.g. a demonstration
         * throttle that slows the task so that progress can be watched on small inputs. It never changes what is
         * computed. It runs before every record whatever {@link #progressEvery} says; a throttle whose progress
         * is meant to be watched keeps {@code progressEvery} at 1.
         *
         * @param hook the work (default: none)
         * @return this builder
         */
        public Builder beforeEachRecord(Runnable hook) {
            this.beforeEachRecord = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * How many records go between two progress reports ({@link TaskContext#advance}) and cancellation
         * checks. Each stage's total and its final count stay exact whatever the value; only the steps in
         * between are coarser, and a cancellation is seen within that many records. About 1,000 suits inputs of
         * many thousand records (a file upload): a report per record then costs more than the progress it shows.
         *
         * @param records the records per report, at least 1 (default
         *                {@value EtoCalculationTask#DEFAULT_PROGRESS_EVERY})
         * @return this builder
         */
        public Builder progressEvery(int records) {
            this.progressEvery = records;
            return this;
        }

        /**
         * Also hands each record's result to {@code sink} in the compute stage, in row order (see
         * {@link RowSink}), e.g. to keep results in the caller's own compact form. The result's
         * {@link EtoCalculationResult#rows() rows} are kept all the same.
         *
         * @param sink receives the results (default: none)
         * @return this builder
         */
        public Builder rowSink(RowSink sink) {
            this.rowSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Hands the finished result to {@code storage}, e.g. to keep it in a more compact form or write it
         * elsewhere and return a {@link TaskResult#reference reference}.
         *
         * @param storage turns the result into what the task reports (default {@link TaskResult#of})
         * @return this builder
         */
        public Builder resultStorage(Function<EtoCalculationResult, TaskResult> storage) {
            this.resultStorage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * The task.
         *
         * @return the task
         * @throws ProgressException {@link ProgressErrorCode#INVALID_OPTION} naming {@code rows} when there is no
         *                           record, or {@code progressEvery} when it is below 1
         */
        public EtoCalculationTask build() {
            if (rows < 1) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "rows", rows, ">= 1");
            }
            if (progressEvery < 1) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "progressEvery", progressEvery, ">= 1");
            }
            return new EtoCalculationTask(this);
        }
    }
}
