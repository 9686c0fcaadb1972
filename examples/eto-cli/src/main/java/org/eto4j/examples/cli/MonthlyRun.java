package org.eto4j.examples.cli;

import java.util.ArrayList;
import java.util.List;
import org.eto4j.core.CsvReader;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.Thornthwaite;
import org.eto4j.core.WeatherTable;

/**
 * Monthly steps: one row per month ({@code month} as YYYY-MM). The soil heat flux of each month needs its
 * calendar neighbours (FAO-56 eq. 43/44), so the months are read whole — a century is 1,200 rows.
 */
final class MonthlyRun {
    private final Fao56 fao56;
    private final Thornthwaite thornthwaite;
    private final boolean auto;
    private final Station station;
    private final int decimals;

    MonthlyRun(Fao56 fao56, Station station, int decimals) {
        this(fao56, null, false, station, decimals);
    }

    /**
     * @param thornthwaite without {@code auto}: non-null to use Thornthwaite's method instead of FAO-56's (its
     *                     heat index needs the whole series, so an invalid month stops the run even in lenient
     *                     mode); with {@code auto}: the fallback, required
     * @param auto         {@code --method auto}: the method is chosen from the header ({@link #choose}) and the
     *                     output names it in a {@code method} column
     */
    MonthlyRun(Fao56 fao56, Thornthwaite thornthwaite, boolean auto, Station station, int decimals) {
        if (auto && thornthwaite == null) {
            throw new IllegalArgumentException("auto needs the Thornthwaite fallback");
        }
        this.fao56 = fao56;
        this.thornthwaite = thornthwaite;
        this.auto = auto;
        this.station = station;
        this.decimals = decimals;
    }

    /**
     * The method of {@code --method auto} for a monthly file, chosen once from the header because both monthly
     * methods read the whole series (FAO-56's soil heat flux the neighbouring months, eq. 43/44; Thornthwaite's
     * heat index every calendar month). As for daily steps (FAO-56 ch. 3, eto-core's {@code MethodChooser}),
     * Penman-Monteith with FAO-56's estimates for what is missing comes first: it needs only {@code tmax} and
     * {@code tmin}. Without them a {@code tmean} column gives Thornthwaite's method, the monthly method of eto-core
     * that needs only a mean temperature.
     *
     * @return {@code true} for FAO-56, {@code false} for Thornthwaite
     * @throws EtoException {@link ErrorCode#MISSING_COLUMN} naming the column that would let a method run:
     *                      {@code tmin} or {@code tmax} when only its partner is there, else {@code tmean}
     */
    static boolean choose(WeatherTable columns) {
        boolean tmax = columns.has("tmax");
        boolean tmin = columns.has("tmin");
        if (tmax && tmin) {
            return true;
        }
        if (columns.has("tmean")) {
            return false;
        }
        String missing = tmax ? "tmin" : tmin ? "tmax" : "tmean";
        throw new EtoException(ErrorCode.MISSING_COLUMN, missing, -1, missing);
    }

    /**
     * Computes every month of {@code csv} into {@code sink}.
     *
     * @return the number of data rows read, at least 1
     * @throws EtoException the header's error ({@link ErrorCode#MISSING_COLUMN} for FAO-56 without {@code tmax}
     *                      or {@code tmin}), {@link ErrorCode#EMPTY_INPUT} for a header without data rows, or the
     *                      first invalid row's (in strict mode, or any for Thornthwaite)
     */
    long run(CsvReader csv, Sink sink) {
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.MONTHLY, csv.header());
        Thornthwaite method = auto ? (choose(table) ? null : thornthwaite) : thornthwaite;
        if (method == null) {
            // FAO-56 estimates neither extreme: refused on the header, as daily steps and the web app do.
            table.requireColumns("tmax", "tmin");
        }
        // The names --method takes, as the daily and hourly method columns use them.
        String methodCell = !auto ? null : method == null ? "fao56" : Thornthwaite.ID;
        Station site = table.site(station);
        sink.header("month", auto);
        List<String> stamps = new ArrayList<>();
        List<MonthlyWeather> months = new ArrayList<>();
        List<Integer> rowOfMonth = new ArrayList<>();
        List<String> cells;
        while ((cells = csv.next()) != null) {
            int row = csv.row();
            try {
                months.add(table.monthlyRow(cells, row));
                rowOfMonth.add(row);
                stamps.add(months.get(months.size() - 1).month().toString());
            } catch (EtoException e) {
                sink.invalid(e);
                stamps.add(null);
            }
        }
        if (stamps.isEmpty()) {
            // A header alone is no calculation: refused as a blank file is, before any method looks at the series.
            throw new EtoException(ErrorCode.EMPTY_INPUT, null, -1);
        }
        List<EtoResult> results;
        try {
            results = method != null ? method.monthly(site, months) : fao56.monthly(site, months);
        } catch (EtoException e) {
            throw e.row().isPresent() ? e.atRow(rowOfMonth.get(e.row().getAsInt())) : e;
        }
        int next = 0;
        for (String stamp : stamps) {
            if (stamp == null) {
                sink.row("", Double.NaN, EstimateFlag.INVALID_ROW.bit(), decimals, auto ? "" : null);
                continue;
            }
            EtoResult r = results.get(next);
            // eto-core numbers rows by list position; the file's row index is what a person can find.
            int fileRow = rowOfMonth.get(next);
            r.error().ifPresent(e -> sink.invalid(e.atRow(fileRow)));
            sink.row(stamp, r.eto(), EstimateFlag.toMask(r.flags()), decimals,
                    auto && r.error().isEmpty() ? methodCell : auto ? "" : null);
            next++;
        }
        return stamps.size();
    }
}
