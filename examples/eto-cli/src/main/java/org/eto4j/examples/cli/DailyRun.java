package org.eto4j.examples.cli;

import java.time.LocalDate;
import java.util.List;
import org.eto4j.core.BatchResult;
import org.eto4j.core.CsvReader;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.sources.TmeanRule;

/**
 * Daily steps: rows are parsed into fixed-size column chunks and computed with eto-core's batch API, so
 * memory stays bounded however long the file is. Dates must increase strictly (a repeated date is an error).
 * A measured mean temperature column is used or not as {@code --tmean} ({@link TmeanRule}) says.
 */
final class DailyRun {
    /** Rows per chunk: large enough to amortise the batch call, small enough to stay in cache. */
    static final int CHUNK_ROWS = 4096;

    private final Fao56 fao56;
    private final DailyEstimator estimator;
    private final boolean methodColumn;
    private final Station station;
    private final int decimals;
    private final TmeanRule tmean;
    private final String[] methods = new String[CHUNK_ROWS];
    private final String[] stamps = new String[CHUNK_ROWS];
    private final double[] eto = new double[CHUNK_ROWS];
    private final long[] flags = new long[CHUNK_ROWS];

    DailyRun(Fao56 fao56, Station station, int decimals) {
        this(fao56, null, false, station, decimals, TmeanRule.DEFAULT);
    }

    /**
     * @param estimator    a row-by-row method, or {@code null} for FAO-56's batch path
     * @param methodColumn whether the output names the method of each row
     * @param tmean        which daily mean temperature the calculator gets
     */
    DailyRun(Fao56 fao56, DailyEstimator estimator, boolean methodColumn, Station station, int decimals,
             TmeanRule tmean) {
        this.fao56 = fao56;
        this.estimator = estimator;
        this.methodColumn = methodColumn;
        this.station = station;
        this.decimals = decimals;
        this.tmean = tmean;
    }

    /**
     * Computes every row of {@code csv} into {@code sink}.
     *
     * @return the number of data rows read, at least 1
     * @throws EtoException the header's error ({@link ErrorCode#MISSING_COLUMN} for FAO-56 without {@code tmax}
     *                      or {@code tmin}), {@link ErrorCode#EMPTY_INPUT} for a header without data rows, or, in
     *                      strict mode, the first invalid row's
     */
    long run(CsvReader csv, Sink sink) {
        // FAO-56's batch path needs Tmax and Tmin on every day, so the rule is the binding of the header; the
        // row-by-row methods may run on a mean alone and apply the rule per day.
        WeatherTable table;
        if (estimator == null) {
            // FAO-56 cannot estimate either extreme: without its column every row would fail, so the file is
            // refused before any row, by the header check the web app makes, with the same coded error.
            table = tmean.bindDaily(csv.header()).requireColumns("tmax", "tmin");
        } else {
            table = WeatherTable.bind(WeatherTable.Step.DAILY, csv.header());
        }
        WeatherTable.DailyChunk chunk = table.dailyChunk(CHUNK_ROWS);
        Station site = table.site(station);
        sink.header("date", methodColumn);
        WeatherTable.TimeOrder<LocalDate> order = table.timeOrder();
        long rows = 0;
        List<String> cells;
        while ((cells = csv.next()) != null) {
            int row = csv.row();
            try {
                LocalDate date = table.date(cells, row);
                order.next(date, row);
                stamps[chunk.size()] = date.toString();
                chunk.add(date, cells, row);
            } catch (EtoException e) {
                sink.invalid(e);
                stamps[chunk.size()] = table.timeText(cells);
                chunk.addUnreadable(row);
            }
            rows++;
            if (chunk.isFull()) {
                flush(site, chunk, sink);
            }
        }
        if (chunk.size() > 0) {
            flush(site, chunk, sink);
        }
        if (rows == 0) {
            // A header alone is no calculation: refused as a blank file is (and as the web app refuses it).
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        return rows;
    }

    private void flush(Station site, WeatherTable.DailyChunk chunk, Sink sink) {
        if (estimator != null) {
            flushRowByRow(site, chunk, sink);
        } else {
            flushBatch(site, chunk, sink);
        }
        chunk.clear();
    }

    private void flushBatch(Station site, WeatherTable.DailyChunk chunk, Sink sink) {
        int n = chunk.size();
        int firstRow = chunk.firstRowIndex();
        BatchResult result = fao56.dailyBatch(site, chunk.columns(), eto, flags);
        // Rows that could not even be parsed were reported already; their batch error is a consequence.
        for (EtoException e : result.errors()) {
            int i = e.row().orElse(firstRow) - firstRow;
            if (chunk.isReadable(i)) {
                sink.invalid(e);
            }
        }
        for (int i = 0; i < n; i++) {
            if (chunk.isReadable(i)) {
                sink.row(stamps[i], eto[i], flags[i], decimals, methodCell(org.eto4j.core.MethodChooser.FAO56));
            } else {
                sink.row(stamps[i], Double.NaN, EstimateFlag.INVALID_ROW.bit(), decimals, methodCell(""));
            }
        }
    }

    private String methodCell(String method) {
        return methodColumn ? method : null;
    }

    /** Methods without a batch API: one {@link DailyWeather} per row, errors attributed to the file's row. */
    private void flushRowByRow(Station site, WeatherTable.DailyChunk chunk, Sink sink) {
        int n = chunk.size();
        for (int i = 0; i < n; i++) {
            eto[i] = Double.NaN;
            flags[i] = EstimateFlag.INVALID_ROW.bit();
            methods[i] = "";
            if (!chunk.isReadable(i)) {
                continue;
            }
            try {
                DailyEstimator.Estimate e = estimator.estimate(site, tmean.apply(chunk.weather(i)));
                eto[i] = e.eto();
                flags[i] = e.flags();
                methods[i] = e.method();
            } catch (EtoException e) {
                sink.invalid(e.atRow(chunk.firstRowIndex() + i));
            }
        }
        for (int i = 0; i < n; i++) {
            sink.row(stamps[i], eto[i], flags[i], decimals, methodCell(methods[i]));
        }
    }
}
