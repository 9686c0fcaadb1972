package org.eto4j.examples.cli;

import java.util.ArrayList;
import java.util.List;

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
    private final Station station;
    private final int decimals;

    MonthlyRun(Fao56 fao56, Station station, int decimals) {
        this(fao56, null, station, decimals);
    }

    /**
     * With {@code thornthwaite} non-null Thornthwaite's method is used; its heat index needs the whole series,
     * so an invalid month stops the run even in lenient mode.
     */
    MonthlyRun(Fao56 fao56, Thornthwaite thornthwaite, Station station, int decimals) {
        this.fao56 = fao56;
        this.thornthwaite = thornthwaite;
        this.station = station;
        this.decimals = decimals;
    }

    long run(CsvReader csv, Sink sink) {
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.MONTHLY, csv.header());
        Station site = table.site(station);
        sink.header("month");
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
        List<EtoResult> results;
        try {
            results = thornthwaite != null ? thornthwaite.monthly(site, months) : fao56.monthly(site, months);
        } catch (EtoException e) {
            throw e.row().isPresent() ? e.atRow(rowOfMonth.get(e.row().getAsInt())) : e;
        }
        int next = 0;
        for (String stamp : stamps) {
            if (stamp == null) {
                sink.row("", Double.NaN, EstimateFlag.INVALID_ROW.bit(), decimals);
                continue;
            }
            EtoResult r = results.get(next);
            // eto-core numbers rows by list position; the file's row index is what a person can find.
            int fileRow = rowOfMonth.get(next);
            r.error().ifPresent(e -> sink.invalid(e.atRow(fileRow)));
            sink.row(stamp, r.eto(), EstimateFlag.toMask(r.flags()), decimals);
            next++;
        }
        return stamps.size();
    }
}
