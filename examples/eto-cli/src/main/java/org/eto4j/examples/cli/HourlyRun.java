package org.eto4j.examples.cli;

import java.util.List;

import org.eto4j.core.AsceEwri;
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

    HourlyRun(Fao56 fao56, Station station, int decimals) {
        this(fao56, null, station, decimals);
    }

    /** With {@code asce} non-null the ASCE-EWRI standardized hourly ET is computed instead of FAO-56's. */
    HourlyRun(Fao56 fao56, AsceEwri asce, Station station, int decimals) {
        this.fao56 = fao56;
        this.asce = asce;
        this.station = station;
        this.decimals = decimals;
    }

    long run(CsvReader csv, Sink sink) {
        WeatherTable table = WeatherTable.bind(WeatherTable.Step.HOURLY, csv.header());
        Station site = table.site(station);
        Fao56.HourlySeries series = asce == null ? fao56.hourlySeries(site) : null;
        AsceEwri.HourlySeries asceSeries = asce == null ? null : asce.hourlySeries(site);
        sink.header("datetime");
        long rows = 0;
        List<String> cells;
        while ((cells = csv.next()) != null) {
            int row = csv.row();
            rows++;
            HourlyWeather hour;
            try {
                hour = table.hourlyRow(cells, row);
            } catch (EtoException e) {
                sink.invalid(e);
                sink.row(table.timeText(cells), Double.NaN, EstimateFlag.INVALID_ROW.bit(), decimals);
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
            sink.row(hour.time().toString(), r.eto(), EstimateFlag.toMask(r.flags()), decimals);
        }
        return rows;
    }
}
