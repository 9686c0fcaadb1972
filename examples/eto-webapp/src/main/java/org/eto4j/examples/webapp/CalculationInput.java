package org.eto4j.examples.webapp;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.sources.TmeanRule;

/**
 * A calculation as submitted: the station, the method and step, and the rows as text cells in the order
 * of {@code header}. Cells are parsed in the task's {@code validate} stage, so that a long file is accepted
 * at once and its checking shows as progress.
 *
 * <p>The rows are kept compact ({@link Rows}): one string of all cells, tab-separated, one line per row, plus
 * the offset of each row; a row's cells are made when the task reads that row. At the row limit (100,000 daily
 * rows) that is about the size of the upload (4.6 MB for 3.9 MB), where a list of lists of strings held ten
 * times as much (38 MB).
 *
 * <p>It travels to the task as the JSON-able parameters of the task type {@link ApiServlet#TASK_TYPE}
 * ({@link #toParameters()}, {@link #fromParameters(Object)}), so that a durable store keeps it and whichever
 * node claims the task can run it.
 *
 * @param name    the station's name as the user typed it without control characters, or empty (shown only as
 *                text, never as HTML)
 * @param station the station
 * @param method  the method id, {@code fao56}
 * @param step    the time step, {@code daily} or {@code monthly}
 * @param header  the column names as submitted (resolved by {@link WeatherTable})
 * @param rows    the data rows' cells, a read-only {@link Rows} view
 * @param tmean   the daily mean temperature rule, the same option and default as the CLI's and eto-sources'
 */
record CalculationInput(String name, Station station, String method, String step, List<String> header,
                        List<List<String>> rows, TmeanRule tmean) {
    CalculationInput {
        header = List.copyOf(header);
        rows = Rows.of(rows);
        name = InputParser.cleanName(name);
    }

    /** The resolved header (it was checked when the input was read). */
    WeatherTable columns() {
        return InputParser.columns(header, step.equals("monthly"));
    }

    /** The station with the wind height the {@code WS10M} alias implies. */
    Station site() {
        return columns().site(station);
    }

    /**
     * The task parameters: strings, numbers (longitude {@code null} when absent) and lists only. The rows are
     * one string, {@code table}: a row per line, cells separated by tabs (cells never hold control
     * characters, see {@link Rows}), so that a durable store keeps them compactly too.
     */
    Map<String, Object> toParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("latitude", station.latitudeDegrees());
        p.put("longitude", station.hasLongitude() ? station.longitudeDegrees() : null);
        p.put("elevation", station.elevationMetres());
        p.put("windHeight", station.windHeightMetres());
        p.put("method", method);
        p.put("step", step);
        p.put("header", header);
        p.put("table", ((Rows) rows).text());
        p.put("tmean", tmean.token());
        return p;
    }

    /**
     * The input from task parameters, as {@link #toParameters()} made them or as a store read them back
     * (also the older form with {@code rows} as a list of lists of cells).
     *
     * @param parameters the parameters
     * @return the input
     */
    static CalculationInput fromParameters(Object parameters) {
        Map<?, ?> p = (Map<?, ?>) parameters;
        Object longitude = p.get("longitude");
        Station station = new Station(number(p.get("latitude")),
                longitude == null ? Double.NaN : number(longitude), number(p.get("elevation")),
                number(p.get("windHeight")));
        List<String> header = new ArrayList<>();
        for (Object h : (List<?>) p.get("header")) {
            header.add((String) h);
        }
        List<List<String>> rows;
        if (p.get("table") instanceof String table) {
            rows = Rows.ofText(table);
        } else {
            Rows.Builder b = new Rows.Builder(1024);
            for (Object r : (List<?>) p.get("rows")) {
                for (Object c : (List<?>) r) {
                    b.cell((String) c);
                }
                b.endRow();
            }
            rows = b.build();
        }
        // Tasks stored before the option existed have none: they get the default.
        TmeanRule tmean = p.get("tmean") instanceof String t ? TmeanRule.fromToken(t).orElse(TmeanRule.DEFAULT)
                : TmeanRule.DEFAULT;
        return new CalculationInput((String) p.get("name"), station, (String) p.get("method"), (String) p.get("step"),
                header, rows, tmean);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    /**
     * Rows of text cells, compact: one string with a row per line and cells separated by tabs, and the offset
     * where each row starts. Read-only; {@link #get(int)} makes the row's cells (short-lived strings).
     *
     * <p>A cell never holds a control character (U+0000–U+001F, U+007F–U+009F): {@link Builder#cell} replaces
     * each by U+FFFD, so the separators stay unambiguous. Such a cell was never a number or a date: the task
     * still refuses it at its row, with the cell shown.
     */
    static final class Rows extends AbstractList<List<String>> implements RandomAccess {
        /** What a control character in a cell becomes. */
        static final char REPLACEMENT = '\uFFFD';

        private final String text;
        /** starts[i] is where row i starts; starts[size] is text.length() + 1. */
        private final int[] starts;

        private Rows(String text, int[] starts) {
            this.text = text;
            this.starts = starts;
        }

        /** The rows as they are, when compact already, or a compact copy. */
        static Rows of(List<List<String>> rows) {
            if (rows instanceof Rows r) {
                return r;
            }
            Builder b = new Builder(rows.size() * 32);
            for (List<String> row : rows) {
                for (String c : row) {
                    b.cell(c);
                }
                b.endRow();
            }
            return b.build();
        }

        /** The rows of a {@link #text()}. */
        static Rows ofText(String text) {
            if (text.isEmpty()) {
                return new Rows("", new int[] {0});
            }
            int n = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                n++;
            }
            int[] starts = new int[n + 1];
            int row = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                starts[row++] = i + 1;
            }
            starts[n] = text.length() + 1;
            return new Rows(text, starts);
        }

        /** Every row, a line each, cells separated by tabs. */
        String text() {
            return text;
        }

        @Override
        public int size() {
            return starts.length - 1;
        }

        @Override
        public List<String> get(int index) {
            int from = starts[index];
            int to = starts[index + 1] - 1;
            // Sized first: a growing list's copies were 14 % of the app's CPU in the bulk load run.
            int count = 1;
            for (int i = text.indexOf('\t', from); i >= 0 && i < to; i = text.indexOf('\t', i + 1)) {
                count++;
            }
            String[] cells = new String[count];
            int cellStart = from;
            int c = 0;
            for (int i = text.indexOf('\t', from); i >= 0 && i < to; i = text.indexOf('\t', i + 1)) {
                cells[c++] = text.substring(cellStart, i);
                cellStart = i + 1;
            }
            cells[c] = text.substring(cellStart, to);
            return Arrays.asList(cells);
        }

        /** The rows with empty cells added at the end of each row shorter than {@code width}. */
        Rows padTo(int width) {
            Builder b = null;
            for (int r = 0; r < size(); r++) {
                int cells = 1;
                for (int i = starts[r]; i < starts[r + 1] - 1; i++) {
                    if (text.charAt(i) == '\t') {
                        cells++;
                    }
                }
                if (cells < width && b == null) {
                    b = new Builder(text.length() + size() * 4);
                    for (int k = 0; k < r; k++) {
                        b.appendLine(text, starts[k], starts[k + 1] - 1);
                    }
                }
                if (b != null) {
                    b.appendLine(text, starts[r], starts[r + 1] - 1);
                    for (int k = cells; k < width; k++) {
                        b.text.append('\t');
                    }
                }
            }
            return b == null ? this : b.build();
        }

        /** Collects rows cell by cell; a parser writes cells straight into it. */
        static final class Builder {
            final StringBuilder text;
            private int[] starts = new int[1024];
            private int size;
            private boolean rowOpen;

            Builder(int expectedChars) {
                text = new StringBuilder(Math.max(16, expectedChars));
            }

            /** Rows so far (the open one included). */
            int size() {
                return rowOpen ? size + 1 : size;
            }

            /** Adds a cell to the current row (a new row when none is open). */
            void cell(CharSequence cell) {
                cell(cell, 0, cell.length());
            }

            /** Adds {@code cell[from, to)} to the current row, control characters replaced. */
            void cell(CharSequence cell, int from, int to) {
                separate();
                for (int i = from; i < to; i++) {
                    char c = cell.charAt(i);
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                        // Rare: copied char by char, control characters replaced.
                        for (int k = from; k < to; k++) {
                            char d = cell.charAt(k);
                            text.append(d < 0x20 || (d >= 0x7F && d <= 0x9F) ? REPLACEMENT : d);
                        }
                        return;
                    }
                }
                text.append(cell, from, to);
            }

            private void separate() {
                if (rowOpen) {
                    text.append('\t');
                } else {
                    if (size + 1 >= starts.length) {
                        starts = Arrays.copyOf(starts, starts.length * 2);
                    }
                    if (size > 0) {
                        text.append('\n');
                    }
                    starts[size] = text.length();
                    rowOpen = true;
                }
            }

            /** A whole line of {@link Rows#text()} as one row (already clean). */
            void appendLine(String line, int from, int to) {
                separate();
                text.append(line, from, to);
                rowOpen = false;
                size++;
            }

            /** Ends the current row. */
            void endRow() {
                if (!rowOpen) {
                    separate();   // a row without cells is a row of one empty cell
                }
                rowOpen = false;
                size++;
            }

            Rows build() {
                if (rowOpen) {
                    endRow();
                }
                int[] s = Arrays.copyOf(starts, size + 1);
                s[size] = text.length() + 1;
                return new Rows(text.toString(), s);
            }
        }
    }
}
