package org.eto4j.examples.webapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eto4j.core.EstimateFlag;
import org.eto4j.i18n.CsvDialect;
import org.eto4j.progress.TaskId;

/** Writes a calculation's outcome as the result endpoint's JSON or CSV. */
final class ResultWriter {
    /** Decimals of ETo in CSV: 0.0001 mm, far below any measurement's precision. */
    static final int CSV_DECIMALS = CsvDialect.DEFAULT_DECIMALS;

    private ResultWriter() {
    }

    static Map<String, Object> json(TaskId id, Outcome c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", id.value());
        m.put("name", c.name());
        Map<String, Object> station = new LinkedHashMap<>();
        station.put("latitude", c.station().latitude());
        station.put("longitude", c.station().longitude());
        station.put("elevation", c.station().elevation());
        station.put("windHeight", c.station().windHeight());
        m.put("station", station);
        m.put("method", c.method());
        m.put("step", c.step());
        m.put("unit", "mm/day");
        m.put("summary", CalculationTask.summaryValue(c.summary()));
        List<Map<String, Object>> rows = new ArrayList<>(c.rows().size());
        String time = timeColumn(c);
        for (Outcome.Row r : c.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(time, r.period());
            row.put("eto", r.eto());
            row.put("flags", EstimateFlag.fromMask(r.flags()).stream().map(EstimateFlag::token).toList());
            rows.add(row);
        }
        m.put("rows", rows);
        if (c.source() != null) {
            m.put("source", c.source());
            m.put("attribution", c.attribution());
        }
        return m;
    }

    /** {@code month} for monthly results, {@code date} for daily ones. */
    static String timeColumn(Outcome c) {
        return c.step().equals("monthly") ? "month" : "date";
    }

    /**
     * CSV in the locale's dialect: {@code date} (or {@code month}), {@code eto_mm_day, flags} (plus {@code station} when a name was
     * given), flags as tokens joined by {@code |}; text cells are neutralised against spreadsheet formulas.
     */
    static String csv(Outcome c, Locale locale) {
        CsvDialect csv = CsvDialect.forLocale(locale);
        boolean named = !c.name().isEmpty();
        StringBuilder out = new StringBuilder(c.rows().size() * 48);
        out.append(csv.preamble());
        String time = timeColumn(c);
        out.append(named ? csv.line("station", time, "eto_mm_day", "flags") : csv.line(time, "eto_mm_day", "flags"));
        String name = csv.text(c.name());
        for (Outcome.Row r : c.rows()) {
            String flags = csv.text(String.join("|",
                    EstimateFlag.fromMask(r.flags()).stream().map(EstimateFlag::token).toList()));
            String date = csv.text(r.period());
            String eto = csv.number(r.eto(), CSV_DECIMALS);
            out.append(named ? csv.line(name, date, eto, flags) : csv.line(date, eto, flags));
        }
        return out.toString();
    }
}
