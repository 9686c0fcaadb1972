package org.eto4j.examples.webapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eto4j.core.EstimateFlag;
import org.eto4j.fusion.FusionFlag;
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
            if (r.hasInterval()) {
                row.put("etoP05", r.etoP05());
                row.put("etoP95", r.etoP95());
            }
            row.put("flags", flagTokens(r));
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
     * A row's flags as tokens: eto-core's estimate flags, then for a fused estimate eto-fusion's flags as the last
     * part of their message keys ({@code corrected}, {@code source_missing}, …, as the CLI writes them).
     */
    static List<String> flagTokens(Outcome.Row r) {
        List<String> tokens = new ArrayList<>();
        EstimateFlag.fromMask(r.flags()).forEach(f -> tokens.add(f.token()));
        if (r.fusion() != null) {
            for (FusionFlag f : FusionFlag.fromMask(r.fusion())) {
                String key = f.messageKey();
                tokens.add(key.substring(key.lastIndexOf('.') + 1));
            }
        }
        return tokens;
    }

    /** Whether every row carries a fused estimate's interval (then the CSV has its two columns). */
    static boolean hasInterval(Outcome c) {
        return !c.rows().isEmpty() && c.rows().stream().allMatch(Outcome.Row::hasInterval);
    }

    /**
     * CSV in the locale's dialect: {@code date} (or {@code month}), {@code eto_mm_day}, for a fused estimate
     * {@code eto_p05, eto_p95} (its 5–95 % interval, numbers by the same rule as ETo), then {@code flags} (plus
     * {@code station} first when a name was given), flags as tokens joined by {@code |}; text cells are
     * neutralised against spreadsheet formulas.
     */
    static String csv(Outcome c, Locale locale) {
        CsvDialect csv = CsvDialect.forLocale(locale);
        boolean named = !c.name().isEmpty();
        boolean interval = hasInterval(c);
        StringBuilder out = new StringBuilder(c.rows().size() * 48);
        out.append(csv.preamble());
        List<String> header = new ArrayList<>(List.of(timeColumn(c), "eto_mm_day"));
        if (interval) {
            header.addAll(List.of("eto_p05", "eto_p95"));
        }
        header.add("flags");
        if (named) {
            header.add(0, "station");
        }
        out.append(csv.line(header.toArray(String[]::new)));
        String name = csv.text(c.name());
        List<String> cells = new ArrayList<>(6);
        for (Outcome.Row r : c.rows()) {
            cells.clear();
            if (named) {
                cells.add(name);
            }
            cells.add(csv.text(r.period()));
            cells.add(csv.number(r.eto(), CSV_DECIMALS));
            if (interval) {
                cells.add(csv.number(r.etoP05(), CSV_DECIMALS));
                cells.add(csv.number(r.etoP95(), CSV_DECIMALS));
            }
            cells.add(csv.text(String.join("|", flagTokens(r))));
            out.append(csv.line(cells.toArray(String[]::new)));
        }
        return out.toString();
    }
}
