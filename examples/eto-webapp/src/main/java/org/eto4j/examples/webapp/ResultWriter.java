package org.eto4j.examples.webapp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
        return flagTokens(r.flags(), r.fusion());
    }

    /** {@link #flagTokens(Outcome.Row)} from the two masks ({@code fusion} {@code null} when not fused). */
    static List<String> flagTokens(long flags, Integer fusion) {
        List<String> tokens = new ArrayList<>();
        EstimateFlag.fromMask(flags).forEach(f -> tokens.add(f.token()));
        if (fusion != null) {
            for (FusionFlag f : FusionFlag.fromMask(fusion)) {
                String key = f.messageKey();
                tokens.add(key.substring(key.lastIndexOf('.') + 1));
            }
        }
        return tokens;
    }

    /** Whether every row carries a fused estimate's interval (then the CSV has its two columns). */
    static boolean hasInterval(Outcome c) {
        ResultRows rows = c.table();
        return !rows.isEmpty() && !rows.plain() && rows.stream().allMatch(Outcome.Row::hasInterval);
    }

    /**
     * CSV in the locale's dialect: {@code date} (or {@code month}), {@code eto_mm_day}, for a fused estimate
     * {@code eto_p05, eto_p95} (its 5–95 % interval, numbers by the same rule as ETo), then {@code flags} (plus
     * {@code station} first when a name was given), flags as tokens joined by {@code |}; text cells are
     * neutralised against spreadsheet formulas.
     *
     * <p>Written from the result's columns into one builder: numbers appended by {@link CsvDialect#appendNumber},
     * ISO periods appended as they are (digits and hyphens, which no dialect quotes or neutralises when it does
     * not separate with a hyphen), each distinct flag set escaped once, instead of a row record, its cells'
     * strings and a joined line per row (BENCHMARKS.md, "Where the time goes per row").
     */
    static String csv(Outcome c, Locale locale) {
        CsvDialect csv = CsvDialect.forLocale(locale);
        return csv.preamble() + records(c, csv);
    }

    /**
     * {@link #csv} as the UTF-8 bytes the result endpoint sends. The records are built without the byte order
     * mark, so that their builder stays one byte a character (Latin-1) and encodes by a copy; with U+FEFF in it
     * the whole file was held and encoded as UTF-16.
     */
    static byte[] csvBytes(Outcome c, Locale locale) {
        CsvDialect csv = CsvDialect.forLocale(locale);
        byte[] preamble = csv.preamble().getBytes(StandardCharsets.UTF_8);
        byte[] records = records(c, csv).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(preamble, preamble.length + records.length);
        System.arraycopy(records, 0, all, preamble.length, records.length);
        return all;
    }

    /** The header and the rows of {@link #csv}, without the preamble. */
    private static String records(Outcome c, CsvDialect csv) {
        ResultRows rows = c.table();
        int n = rows.size();
        boolean named = !c.name().isEmpty();
        boolean interval = hasInterval(c);
        boolean plain = rows.plain();
        StringBuilder out = new StringBuilder(64 + n * (named ? 48 + c.name().length() : 40));
        List<String> header = new ArrayList<>(List.of(timeColumn(c), "eto_mm_day"));
        if (interval) {
            header.addAll(List.of("eto_p05", "eto_p95"));
        }
        header.add("flags");
        if (named) {
            header.add(0, "station");
        }
        out.append(csv.line(header.toArray(String[]::new)));
        char sep = csv.separator();
        String name = csv.text(c.name());
        Map<Long, String> flagCells = new HashMap<>();
        StringBuilder period = new StringBuilder(16);
        for (int i = 0; i < n; i++) {
            if (named) {
                out.append(name).append(sep);
            }
            period.setLength(0);
            rows.appendPeriod(period, i);
            if (sep != '-' && isoDigits(period)) {
                out.append(period);
            } else {
                out.append(csv.text(period.toString()));
            }
            out.append(sep);
            csv.appendNumber(out, rows.eto(i), CSV_DECIMALS);
            Outcome.Row row = plain ? null : rows.get(i);
            if (interval) {
                csv.appendNumber(out.append(sep), row.etoP05(), CSV_DECIMALS);
                csv.appendNumber(out.append(sep), row.etoP95(), CSV_DECIMALS);
            }
            out.append(sep);
            if (plain) {
                out.append(flagCells.computeIfAbsent(rows.flags(i),
                        mask -> csv.text(String.join("|", flagTokens(mask, null)))));
            } else {
                out.append(csv.text(String.join("|", flagTokens(row))));
            }
            out.append(csv.lineSeparator());
        }
        return out.toString();
    }

    /** Whether the text is only digits and hyphens and starts with a digit (an ISO date or month). */
    private static boolean isoDigits(CharSequence s) {
        if (s.length() == 0 || s.charAt(0) < '0' || s.charAt(0) > '9') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch < '0' || ch > '9') && ch != '-') {
                return false;
            }
        }
        return true;
    }
}
