package org.eto4j.examples.cli;

import java.util.List;
import org.eto4j.core.AsceEwri;
import org.eto4j.core.CsvReader;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.HourlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;

/**
 * Hourly steps: {@code datetime} is an ISO-8601 local date-time with its UTC offset marking the start of the
 * hour; the offset gives the standard meridian. Rows stream through eto-core's stateful hourly series, which
 * carries the night-time Rs/Rso forward, so memory stays bounded.
 */
final class HourlyRun {
    private final Fao56 fao56;
    private final AsceEwri asce;
    private final Station station;
    private final int decimals;
    private final boolean auto;
    private java.time.ZoneOffset standardTime;

    HourlyRun(Fao56 fao56, Station station, int decimals) {
        this(fao56, null, false, station, decimals);
    }

    /**
     * @param asce non-null to compute the ASCE-EWRI standardized hourly ET instead of FAO-56's
     * @param auto {@code --method auto}: FAO-56's hourly Penman-Monteith if the header has the columns it
     *             requires, else the run stops naming the missing one; the output names the method per row
     */
    HourlyRun(Fao56 fao56, AsceEwri asce, boolean auto, Station station, int decimals) {
        this.fao56 = fao56;
        this.asce = asce;
        this.auto = auto;
        this.station = station;
        this.decimals = decimals;
    }

    /**
     * The columns without which no hourly method can run (FAO-56 eq. 53 and ASCE-EWRI eq. 1 alike): {@code t},
     * {@code rs} and one humidity column ({@code rh}, {@code tdew} or {@code ea}). Wind may be absent: FAO-56's
     * 2 m/s default applies, flagged. Checked on the header so that a file that can never be computed fails
     * at once rather than on every row.
     *
     * @throws EtoException {@link ErrorCode#MISSING_COLUMN}, field {@code t}, {@code rh} or {@code rs}
     */
    static void requireComputableHeader(WeatherTable columns) {
        if (!columns.has("t")) {
            throw new EtoException(ErrorCode.MISSING_COLUMN, "t", -1, "t");
        }
        if (!columns.has("rh") && !columns.has("tdew") && !columns.has("ea")) {
            throw new EtoException(ErrorCode.MISSING_COLUMN, "rh", -1, "rh|tdew|ea");
        }
        if (!columns.has("rs")) {
            throw new EtoException(ErrorCode.MISSING_COLUMN, "rs", -1, "rs");
        }
    }

    /**
     * Reads {@code datetime} as a clock time without offset on a fixed standard-time meridian (Ref-ET's data
     * files); null keeps ISO-8601 stamps with their offset.
     */
    HourlyRun withStandardTime(java.time.ZoneOffset offset) {
        this.standardTime = offset;
        return this;
    }

    /**
     * Computes every hour of {@code csv} into {@code sink}.
     *
     * @return the number of data rows read, at least 1
     * @throws EtoException the header's error, {@link ErrorCode#EMPTY_INPUT} for a header without data rows, or,
     *                      in strict mode, the first invalid row's
     */
    long run(CsvReader csv, Sink sink) {
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.HOURLY, csv.header());
        if (auto) {
            requireComputableHeader(table);
        }
        Station site = table.site(station);
        Fao56.HourlySeries series = asce == null ? fao56.hourlySeries(site) : null;
        AsceEwri.HourlySeries asceSeries = asce == null ? null : asce.hourlySeries(site);
        String method = auto ? "fao56" : null;
        sink.header("datetime", auto);
        long rows = 0;
        List<String> cells;
        while ((cells = csv.next()) != null) {
            int row = csv.row();
            rows++;
            HourlyWeather hour;
            try {
                hour = standardTime == null ? table.hourlyRow(cells, row) : table.hourlyRow(cells, row, standardTime);
            } catch (EtoException e) {
                sink.invalid(e);
                sink.row(table.timeText(cells), Double.NaN, EstimateFlag.INVALID_ROW.bit(), decimals,
                        auto ? "" : null);
                continue;
            }
            EtoResult r;
            if (series != null) {
                try {
                    r = series.next(hour);
                } catch (EtoException e) {
                    // The series counts only the hours it was fed; report the file's row.
                    throw e.atRow(row);
                }
            } else {
                try {
                    r = asceSeries.next(hour);
                } catch (EtoException e) {
                    throw e.atRow(row);
                }
            }
            r.error().ifPresent(e -> sink.invalid(e.atRow(row)));
            sink.row(hour.time().toString(), r.eto(), EstimateFlag.toMask(r.flags()), decimals,
                    auto && r.error().isEmpty() ? method : auto ? "" : null);
        }
        if (rows == 0) {
            // A header alone is no calculation: refused as a blank file is.
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        return rows;
    }
}
