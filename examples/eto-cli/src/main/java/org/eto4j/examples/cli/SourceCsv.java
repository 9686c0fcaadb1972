package org.eto4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eto4j.core.CsvReader;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.fusion.SourceSeries;

/**
 * Reads the daily CSV files of {@code fuse} and {@code calibrate}: one source's FAO-56 inputs in NASA POWER's
 * column names ({@code date, T2M_MAX, T2M_MIN, RH2M, WS2M} or {@code WS10M} (at 10 m),
 * {@code ALLSKY_SFC_SW_DWN}; others ignored), and reference ETo ({@code date,eto}).
 *
 * <p>Empty cells, {@code NA}, {@code NaN} and {@code -999} are gaps (eto-fusion leaves the source out on that day,
 * flagged); any other text that is not a number stops the run with eto-core's coded error, because a typo read
 * as a gap would change the result silently.
 */
final class SourceCsv {
    /** Columns a source file must have besides its date and one wind column. */
    static final List<String> REQUIRED = List.of("T2M_MAX", "T2M_MIN", "RH2M", "ALLSKY_SFC_SW_DWN");

    private SourceCsv() {
    }

    /** A file whose rows were read, named in error lines so that the user knows which of the inputs is wrong. */
    static final class FileException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        FileException(Path file, RuntimeException cause) {
            super(cause);
            this.file = file;
        }

        Path file() {
            return file;
        }
    }

    /**
     * Reads one source.
     *
     * @param file   the CSV file
     * @param source the source name the calibration knows it by, e.g. {@code nasa_power}
     * @throws FileException wrapping an {@link EtoException} (column, row and problem) or a
     *                       {@link org.eto4j.fusion.FusionException}
     */
    static SourceSeries read(Path file, String source) {
        Table t = table(file);
        try {
            for (String column : REQUIRED) {
                t.require(column);
            }
            SourceSeries.Builder b = SourceSeries.builder(source, t.dates)
                    .tmax(t.column("T2M_MAX")).tmin(t.column("T2M_MIN")).rhMean(t.column("RH2M"))
                    .rs(t.column("ALLSKY_SFC_SW_DWN"));
            if (t.has("WS2M")) {
                b.u2(t.column("WS2M"));
            } else if (t.has("WS10M")) {
                // FAO-56 eq. 47 inside eto-fusion, as for every 10 m wind of eto4j.
                b.windSpeed(t.column("WS10M"), 10);
            } else {
                t.require("WS2M");
            }
            return b.build();
        } catch (RuntimeException e) {
            throw new FileException(file, e);
        }
    }

    /**
     * Reads reference ETo ({@code date,eto}) on the given days: a day the file lacks is NaN (not trained on),
     * days the file has beyond them are not used.
     */
    static double[] reference(Path file, List<LocalDate> days) {
        Table t = table(file);
        try {
            t.require("eto");
            Map<LocalDate, Double> byDate = new HashMap<>();
            double[] eto = t.column("eto");
            for (int i = 0; i < t.dates.size(); i++) {
                byDate.put(t.dates.get(i), eto[i]);
            }
            double[] out = new double[days.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = byDate.getOrDefault(days.get(i), Double.NaN);
            }
            return out;
        } catch (RuntimeException e) {
            throw new FileException(file, e);
        }
    }

    private static Table table(Path file) {
        try (CsvReader csv = CsvReader.of(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return new Table(csv);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(new IOException("no such file: " + file, e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e instanceof UncheckedIOException ? e : new FileException(file, e);
        }
    }

    /** A whole file in memory: daily files of decades are a few megabytes. */
    private static final class Table {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> header;
        private final List<LocalDate> dates = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();

        Table(CsvReader csv) {
            header = csv.header();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).trim().toUpperCase(Locale.ROOT), i);
            }
            require("date");
            int dateColumn = index.get("DATE");
            List<String> cells;
            while ((cells = csv.next()) != null) {
                int row = csv.row();
                if (cells.size() != header.size()) {
                    throw new EtoException(ErrorCode.WRONG_CELL_COUNT, null, row, cells.size(), header.size());
                }
                String text = cells.get(dateColumn).trim();
                try {
                    dates.add(LocalDate.parse(text));
                } catch (DateTimeParseException e) {
                    throw new EtoException(ErrorCode.MALFORMED_DATE, "date", row, "date", text, "YYYY-MM-DD");
                }
                rows.add(cells);
            }
        }

        boolean has(String column) {
            return index.containsKey(column.toUpperCase(Locale.ROOT));
        }

        void require(String column) {
            if (!has(column)) {
                throw new EtoException(ErrorCode.MISSING_COLUMN, column, -1, column);
            }
        }

        double[] column(String column) {
            int c = index.get(column.toUpperCase(Locale.ROOT));
            double[] values = new double[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = number(rows.get(r).get(c).trim(), column, r);
            }
            return values;
        }

        private static double number(String text, String column, int row) {
            if (text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN")) {
                return Double.NaN;
            }
            try {
                double v = Double.parseDouble(text);
                if (v == -999) {
                    return Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException(text);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new EtoException(ErrorCode.MALFORMED_NUMBER, column, row, column, text);
            }
        }
    }
}
