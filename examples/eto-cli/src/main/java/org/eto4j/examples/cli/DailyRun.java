package org.eto4j.examples.cli;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.eto4j.core.BatchResult;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;

/**
 * Daily steps: rows are parsed into fixed-size column chunks and computed with eto-core's batch API, so
 * memory stays bounded however long the file is. Dates must increase strictly (a repeated date is an error).
 */
final class DailyRun {
    /** Rows per chunk: large enough to amortise the batch call, small enough to stay in cache. */
    static final int CHUNK_ROWS = 4096;

    private final Fao56 fao56;
    private final DailyEstimator estimator;
    private final boolean methodColumn;
    private final Station station;
    private final int decimals;
    private final LocalDate[] dates = new LocalDate[CHUNK_ROWS];
    private final String[] methods = new String[CHUNK_ROWS];

    private final int[] dayOfYear = new int[CHUNK_ROWS];
    private final String[] stamps = new String[CHUNK_ROWS];
    private final boolean[] unreadable = new boolean[CHUNK_ROWS];
    private final double[][] values = new double[Field.values().length][CHUNK_ROWS];
    private final double[] eto = new double[CHUNK_ROWS];
    private final long[] flags = new long[CHUNK_ROWS];

    /** The input columns of the daily batch, in the order of {@link #values}. */
    private enum Field { TMAX, TMIN, TMEAN, RH_MAX, RH_MIN, RH_MEAN, TDEW, EA, UZ, U2, RS, SUNSHINE_HOURS }

    DailyRun(Fao56 fao56, Station station, int decimals) {
        this(fao56, null, false, station, decimals);
    }

    /**
     * @param estimator    a row-by-row method, or {@code null} for FAO-56's batch path
     * @param methodColumn whether the output names the method of each row
     */
    DailyRun(Fao56 fao56, DailyEstimator estimator, boolean methodColumn, Station station, int decimals) {
        this.fao56 = fao56;
        this.estimator = estimator;
        this.methodColumn = methodColumn;
        this.station = station;
        this.decimals = decimals;
    }

    long run(CsvReader csv, Sink sink) {
        Columns columns = Columns.of(csv.header(), Columns.Step.DAILY);
        Station site = columns.has("ws10m") ? station.withWindHeightMetres(Columns.WS10M_HEIGHT_METRES) : station;
        sink.header("date", methodColumn);
        LocalDate previous = null;
        int previousRow = -1;
        int filled = 0;
        int firstRow = 0;
        long rows = 0;
        List<String> cells;
        while ((cells = csv.next()) != null) {
            int row = csv.row();
            if (filled == 0) {
                firstRow = row;
            }
            unreadable[filled] = false;
            try {
                Cells.checkWidth(cells, columns, row);
                LocalDate date = Cells.date(cells, columns, row);
                if (previous != null && !date.isAfter(previous)) {
                    throw date.isEqual(previous)
                            ? new EtoException(ErrorCode.DUPLICATE_TIMESTAMP, "date", row, "date", date.toString(),
                                    previousRow + 1)
                            : new EtoException(ErrorCode.TIMESTAMP_OUT_OF_ORDER, "date", row, "date",
                                    date.toString());
                }
                previous = date;
                previousRow = row;
                stamps[filled] = date.toString();
                dates[filled] = date;
                dayOfYear[filled] = date.getDayOfYear();
                read(cells, columns, row, filled);
            } catch (EtoException e) {
                sink.invalid(e);
                unreadable[filled] = true;
                int dateCell = columns.indexOf("date");
                stamps[filled] = dateCell < cells.size() ? cells.get(dateCell) : "";
                dayOfYear[filled] = 1;
                for (double[] column : values) {
                    column[filled] = Double.NaN;
                }
            }
            filled++;
            rows++;
            if (filled == CHUNK_ROWS) {
                flush(site, filled, firstRow, sink);
                filled = 0;
            }
        }
        if (filled > 0) {
            flush(site, filled, firstRow, sink);
        }
        return rows;
    }

    private void read(List<String> cells, Columns columns, int row, int i) {
        values[Field.TMAX.ordinal()][i] = Cells.number(cells, columns, "tmax", row);
        values[Field.TMIN.ordinal()][i] = Cells.number(cells, columns, "tmin", row);
        values[Field.TMEAN.ordinal()][i] = Cells.number(cells, columns, "tmean", row);
        values[Field.RH_MAX.ordinal()][i] = Cells.number(cells, columns, "rh_max", row);
        values[Field.RH_MIN.ordinal()][i] = Cells.number(cells, columns, "rh_min", row);
        values[Field.RH_MEAN.ordinal()][i] = Cells.number(cells, columns, "rh_mean", row);
        values[Field.TDEW.ordinal()][i] = Cells.number(cells, columns, "tdew", row);
        values[Field.EA.ordinal()][i] = Cells.number(cells, columns, "ea", row);
        double uz = Cells.number(cells, columns, columns.has("ws10m") ? "ws10m" : "uz", row);
        values[Field.UZ.ordinal()][i] = uz;
        values[Field.U2.ordinal()][i] = Cells.number(cells, columns, "u2", row);
        values[Field.RS.ordinal()][i] = Cells.number(cells, columns, "rs", row);
        values[Field.SUNSHINE_HOURS.ordinal()][i] = Cells.number(cells, columns, "sunshine_hours", row);
    }

    private void flush(Station site, int n, int firstRow, Sink sink) {
        if (estimator != null) {
            flushRowByRow(site, n, firstRow, sink);
            return;
        }
        DailyColumns batch = DailyColumns.builder(n, dayOfYear)
                .firstRowIndex(firstRow)
                .tmax(values[Field.TMAX.ordinal()])
                .tmin(values[Field.TMIN.ordinal()])
                .tmean(values[Field.TMEAN.ordinal()])
                .rhMax(values[Field.RH_MAX.ordinal()])
                .rhMin(values[Field.RH_MIN.ordinal()])
                .rhMean(values[Field.RH_MEAN.ordinal()])
                .tdew(values[Field.TDEW.ordinal()])
                .ea(values[Field.EA.ordinal()])
                .windSpeed(values[Field.UZ.ordinal()])
                .u2(values[Field.U2.ordinal()])
                .rs(values[Field.RS.ordinal()])
                .sunshineHours(values[Field.SUNSHINE_HOURS.ordinal()])
                .build();
        BatchResult result = fao56.dailyBatch(site, batch, eto, flags);
        // Rows that could not even be parsed were reported already; their batch error is a consequence.
        for (EtoException e : result.errors()) {
            int i = e.row().orElse(firstRow) - firstRow;
            if (!unreadable[i]) {
                sink.invalid(e);
            }
        }
        for (int i = 0; i < n; i++) {
            if (unreadable[i]) {
                sink.row(stamps[i], Double.NaN, EstimateFlag.INVALID_ROW.bit(), decimals, methodCell(""));
            } else {
                sink.row(stamps[i], eto[i], flags[i], decimals, methodCell(org.eto4j.core.MethodChooser.FAO56));
            }
        }
        Arrays.fill(unreadable, 0, n, false);
    }

    private String methodCell(String method) {
        return methodColumn ? method : null;
    }

    /** Methods without a batch API: one {@link DailyWeather} per row, errors attributed to the file's row. */
    private void flushRowByRow(Station site, int n, int firstRow, Sink sink) {
        for (int i = 0; i < n; i++) {
            eto[i] = Double.NaN;
            flags[i] = EstimateFlag.INVALID_ROW.bit();
            methods[i] = "";
            if (unreadable[i]) {
                continue;
            }
            DailyWeather day = DailyWeather.builder(dates[i])
                    .tmax(values[Field.TMAX.ordinal()][i])
                    .tmin(values[Field.TMIN.ordinal()][i])
                    .tmean(values[Field.TMEAN.ordinal()][i])
                    .rhMax(values[Field.RH_MAX.ordinal()][i])
                    .rhMin(values[Field.RH_MIN.ordinal()][i])
                    .rhMean(values[Field.RH_MEAN.ordinal()][i])
                    .tdew(values[Field.TDEW.ordinal()][i])
                    .ea(values[Field.EA.ordinal()][i])
                    .windSpeed(values[Field.UZ.ordinal()][i])
                    .u2(values[Field.U2.ordinal()][i])
                    .rs(values[Field.RS.ordinal()][i])
                    .sunshineHours(values[Field.SUNSHINE_HOURS.ordinal()][i])
                    .build();
            try {
                DailyEstimator.Estimate e = estimator.estimate(site, day);
                eto[i] = e.eto();
                flags[i] = e.flags();
                methods[i] = e.method();
            } catch (EtoException e) {
                sink.invalid(e.atRow(firstRow + i));
            }
        }
        for (int i = 0; i < n; i++) {
            sink.row(stamps[i], eto[i], flags[i], decimals, methodCell(methods[i]));
        }
        Arrays.fill(unreadable, 0, n, false);
    }
}
