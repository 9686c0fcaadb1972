package org.eto4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.eto4j.core.CsvReader;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.WeatherTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and validating a daily CSV into batch columns (µs per file of {@code records} rows; divide by it for
 * ns/row), the pipeline's first stage, side by side:
 * <ul>
 *   <li>{@code previous}: the way the command-line tool read files before eto-core had a reader (kept here as
 *       it was): {@code BufferedReader.readLine}, a list of strings per row, {@code LocalDate.parse}, and
 *       {@code Double.parseDouble} on each cell;</li>
 *   <li>{@code readerStrings}: eto-core's {@link CsvReader#next()} (a list of strings per row) and
 *       {@link WeatherTable#date} + {@link WeatherTable.DailyChunk#add(LocalDate, List, int)}, which read the
 *       cells by hand (plain decimals and ISO dates, exactly);</li>
 *   <li>{@code readerInPlace}: {@link CsvReader#nextRecord()} + {@link WeatherTable.DailyChunk#add(CsvReader)}:
 *       no string, list or {@code LocalDate} per row;</li>
 *   <li>{@code dailyRowPrevious} and {@code dailyRowNow}: rows already split into strings (as the web app's task
 *       holds them) to {@code DailyWeather}, the old cell parsing against {@link WeatherTable#dailyRow}.</li>
 * </ul>
 * {@link #main} measures the same paths in thread CPU time, for a machine shared with other work.
 * The file is NASA POWER's daily layout (date and six numbers with two decimals, as the Balsas sample), made
 * from a fixed seed and held in memory, so the figures are the parser's, not the disk's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CsvReadBenchmark {

    /** Data rows of the file. */
    @Param("100000")
    public int records;

    private static final int CHUNK_ROWS = 4096;

    private String text;
    private WeatherTable table;

    /** Makes the file. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(Workloads.SEED);
        StringBuilder b = new StringBuilder(records * 48);
        b.append("date,T2M_MAX,T2M_MIN,T2M,RH2M,WS2M,ALLSKY_SFC_SW_DWN\n");
        LocalDate day = LocalDate.of(1991, 1, 1);
        for (int i = 0; i < records; i++) {
            double tmin = r.nextDouble(15, 25);
            double tmax = tmin + r.nextDouble(4, 15);
            b.append(day.plusDays(i)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,%.2f,%.2f", tmax, tmin, (tmax + tmin) / 2,
                            r.nextDouble(30, 95), r.nextDouble(0.5, 5), r.nextDouble(5, 28)))
                    .append('\n');
        }
        text = b.toString();
        table = WeatherTable.bind(WeatherTable.Step.DAILY, CsvReader.of(new StringReader(text)).header());
        rows = new ArrayList<>(records);
        try (CsvReader csv = CsvReader.of(new StringReader(text))) {
            List<String> cells;
            while ((cells = csv.next()) != null) {
                rows.add(cells);
            }
        }
    }

    /** The file's rows as cell strings, as the web app's task holds them before it reads each row. */
    private List<List<String>> rows;

    /**
     * A row of strings to a {@link org.eto4j.core.DailyWeather} as before: {@code LocalDate.parse} and
     * {@code Double.parseDouble} on each cell (the web app's validation step).
     */
    @Benchmark
    public double dailyRowPrevious() {
        double sum = 0;
        int[] slot = {1, 2, 3, 4, 5, 6};
        for (int row = 0; row < rows.size(); row++) {
            List<String> cells = rows.get(row);
            LocalDate date = LocalDate.parse(cells.get(0));
            double[] v = new double[12];
            java.util.Arrays.fill(v, Double.NaN);
            for (int c = 0; c < slot.length; c++) {
                v[c] = previousNumber(cells.get(slot[c]), "x", row);
            }
            sum += new org.eto4j.core.DailyWeather(date, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                    v[10], v[11]).tmax();
        }
        return sum;
    }

    /** The same through {@link WeatherTable#dailyRow}, which now reads plain cells by hand. */
    @Benchmark
    public double dailyRowNow() {
        double sum = 0;
        for (int row = 0; row < rows.size(); row++) {
            sum += table.dailyRow(rows.get(row), row).tmax();
        }
        return sum;
    }

    /** The previous path, rebuilt as it was; returns a checksum so nothing is optimised away. */
    @Benchmark
    public double previous() {
        PreviousCsv csv = new PreviousCsv(new StringReader(text));
        List<String> header = csv.header();
        int width = header.size();
        int[] slot = new int[7];
        String[] names = {"date", "t2m_max", "t2m_min", "t2m", "rh2m", "ws2m", "allsky_sfc_sw_dwn"};
        for (int k = 0; k < names.length; k++) {
            for (int c = 0; c < width; c++) {
                if (header.get(c).trim().toLowerCase(Locale.ROOT).equals(names[k])) {
                    slot[k] = c;
                }
            }
        }
        int[] doy = new int[CHUNK_ROWS];
        double[][] values = new double[12][CHUNK_ROWS];
        int size = 0;
        double sum = 0;
        List<String> cells;
        int row = -1;
        while ((cells = csv.next()) != null) {
            row++;
            if (cells.size() != width) {
                throw new EtoException(ErrorCode.WRONG_CELL_COUNT, null, row, cells.size(), width);
            }
            LocalDate date;
            try {
                date = LocalDate.parse(cells.get(slot[0]));
            } catch (DateTimeParseException e) {
                throw new EtoException(ErrorCode.MALFORMED_DATE, "date", row);
            }
            // The twelve weather slots of a daily table, six of them present here, as the table read them.
            for (int c = 0; c < 12; c++) {
                values[c][size] = c < 6 ? previousNumber(cells.get(slot[c + 1]), names[c + 1], row) : Double.NaN;
            }
            doy[size] = date.getDayOfYear();
            if (++size == CHUNK_ROWS) {
                sum += values[0][size - 1] + doy[size - 1];
                size = 0;
            }
        }
        return sum + size;
    }

    /** eto-core's reader, a list of strings per row. */
    @Benchmark
    public double readerStrings() {
        WeatherTable.DailyChunk chunk = table.dailyChunk(CHUNK_ROWS);
        double sum = 0;
        try (CsvReader csv = CsvReader.of(new StringReader(text))) {
            csv.header();
            List<String> cells;
            while ((cells = csv.next()) != null) {
                int row = csv.row();
                chunk.add(table.date(cells, row), cells, row);
                if (chunk.isFull()) {
                    sum += chunk.weather(CHUNK_ROWS - 1).tmax();
                    chunk.clear();
                }
            }
        }
        return sum + chunk.size();
    }

    /** eto-core's reader, cells read where they lie. */
    @Benchmark
    public double readerInPlace() {
        WeatherTable.DailyChunk chunk = table.dailyChunk(CHUNK_ROWS);
        double sum = 0;
        try (CsvReader csv = CsvReader.of(new StringReader(text))) {
            csv.header();
            while (csv.nextRecord()) {
                chunk.add(csv);
                if (chunk.isFull()) {
                    sum += chunk.weather(CHUNK_ROWS - 1).tmax();
                    chunk.clear();
                }
            }
        }
        return sum + chunk.size();
    }

    /**
     * CPU time per row of each path (thread CPU time, which other processes on a shared machine hardly
     * disturb, unlike JMH's wall clock): {@code rounds} rounds of the three paths interleaved after a warm-up,
     * median and range printed.
     *
     * @param args {@code [records [rounds]]}, default 100000 and 40
     */
    public static void main(String[] args) {
        CsvReadBenchmark b = new CsvReadBenchmark();
        b.records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        b.setUp();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        String[] names = {"previous", "readerStrings", "readerInPlace", "dailyRowPrevious", "dailyRowNow"};
        java.util.function.DoubleSupplier[] paths = {b::previous, b::readerStrings, b::readerInPlace,
            b::dailyRowPrevious, b::dailyRowNow};
        double sink = 0;
        for (int w = 0; w < 15; w++) {
            for (java.util.function.DoubleSupplier p : paths) {
                sink += p.getAsDouble();
            }
        }
        double[][] nsPerRow = new double[paths.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < paths.length; k++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                sink += paths[k].getAsDouble();
                nsPerRow[k][r] = (cpu.getCurrentThreadCpuTime() - t0) / (double) b.records;
            }
        }
        for (int k = 0; k < paths.length; k++) {
            double[] v = nsPerRow[k].clone();
            java.util.Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-16s CPU ns/row: median %.0f, p10 %.0f, p90 %.0f, min %.0f, max %.0f"
                    + " (%.2e rows/s per core)%n", names[k], v[rounds / 2], v[rounds / 10], v[rounds * 9 / 10],
                    v[0], v[rounds - 1], 1e9 / v[rounds / 2]);
        }
        System.out.println(sink == 42 ? "" : "rows per file: " + b.records + ", rounds: " + rounds);
    }

    /** The number rule as WeatherTable applied it before its cells were read by hand. */
    static double previousNumber(String text, String column, int row) {
        if (text.isEmpty() || text.length() <= 4 && (text.equalsIgnoreCase("na") || text.equalsIgnoreCase("nan")
                || text.equalsIgnoreCase("null"))) {
            return Double.NaN;
        }
        String decimal = text.indexOf(',') >= 0 && text.indexOf('.') < 0 ? text.replace(',', '.') : text;
        double value;
        try {
            value = Double.parseDouble(decimal);
        } catch (NumberFormatException e) {
            throw new EtoException(ErrorCode.MALFORMED_NUMBER, column, row, column, text);
        }
        if (!Double.isFinite(value)) {
            throw new EtoException(ErrorCode.MALFORMED_NUMBER, column, row, column, text);
        }
        return value == WeatherTable.NASA_POWER_FILL_VALUE ? Double.NaN : value;
    }

    /** The command-line tool's reader before eto-core had one: line by line, a list of strings per record. */
    static final class PreviousCsv {
        private final BufferedReader in;
        private char separator = ',';

        PreviousCsv(java.io.Reader reader) {
            this.in = new BufferedReader(reader, 1 << 16);
        }

        List<String> header() {
            String line = nextNonBlankLine();
            if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            separator = line.indexOf(';') >= 0 && line.indexOf(',') < 0 ? ';' : ',';
            return split(line);
        }

        List<String> next() {
            String line = nextNonBlankLine();
            return line == null ? null : split(line);
        }

        private String nextNonBlankLine() {
            try {
                String line;
                do {
                    line = in.readLine();
                } while (line != null && line.isBlank());
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == separator) {
                    cells.add(cell.toString().trim());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString().trim());
            return cells;
        }
    }
}
