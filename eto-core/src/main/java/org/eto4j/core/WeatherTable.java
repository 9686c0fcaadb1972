package org.eto4j.core;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * A table header bound to eto-core's weather fields, turning rows of text cells into {@link DailyWeather},
 * {@link MonthlyWeather}, {@link HourlyWeather} or {@link DailyColumns}.
 *
 * <p>It reads no text itself: {@link CsvReader} splits a CSV file into a header and rows of cells (and
 * {@link DailyChunk#add(CsvReader)} reads a row's cells where they lie); a caller with JSON rows or a
 * spreadsheet hands over cells of its own (zero-based data-row indices, the header not counted). The rules are
 * those of the eto4j command-line tool and web app:
 * <ul>
 *   <li><b>Column names</b> are case-insensitive, trimmed, in any order: {@link Step#columns()} per step, e.g.
 *       {@code date, tmax, tmin, tmean, rh_max, rh_min, rh_mean, tdew, ea, u2, uz, rs, sunshine_hours}.
 *       NASA POWER parameter names are aliases ({@link Step#aliases()}: {@code T2M_MAX, T2M_MIN, T2M, RH2M,
 *       WS2M, ALLSKY_SFC_SW_DWN, T2MDEW}, and {@code WS10M}, wind measured at
 *       {@value #WS10M_HEIGHT_METRES} m). Other columns (precipitation, say) are ignored.</li>
 *   <li><b>Header errors</b>, in this order: a name given twice, aliases included
 *       ({@link ErrorCode#DUPLICATE_COLUMN}); a first line that names no known column and starts like data
 *       — a digit or a minus sign — ({@link ErrorCode#MISSING_HEADER}); no time column, or no column that
 *       {@link #requireColumns} asks for ({@link ErrorCode#MISSING_COLUMN}); {@code WS10M} together with
 *       {@code uz} or {@code u2} ({@link ErrorCode#DUPLICATE_COLUMN} on {@code uz}).</li>
 *   <li><b>Cells</b>: a row must have as many cells as the header ({@link ErrorCode#WRONG_CELL_COUNT}). A
 *       number cell that is empty, {@code NA}, {@code NaN}, {@code null} (any case) or NASA POWER's fill value
 *       {@value #NASA_POWER_FILL_VALUE} is absent (NaN), which eto-core then estimates with a flag or reports
 *       as {@link ErrorCode#MISSING_INPUT}; a decimal comma reads as a point when the cell has no point; any
 *       other text, or an infinite value, is {@link ErrorCode#MALFORMED_NUMBER}. Time cells are ISO 8601
 *       ({@code yyyy-MM-dd}, {@code yyyy-MM}, {@code yyyy-MM-ddTHH:mm±hh:mm}), else
 *       {@link ErrorCode#MALFORMED_DATE}. Every error carries the canonical column name as its field and the
 *       row index.</li>
 * </ul>
 *
 * <pre>{@code
 * WeatherTable table = WeatherTable.bind(WeatherTable.Step.DAILY, List.of("DATE", "T2M_MAX", "T2M_MIN", "WS10M"));
 * Station site = table.site(station);                        // wind height 10 m, from WS10M
 * DailyWeather day = table.dailyRow(List.of("2024-07-05", "21.5", "12.3", "-999"), 0);  // wind absent
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads, except {@link DailyChunk}, a reusable
 * buffer owned by one caller.
 */
public final class WeatherTable {
    /** NASA POWER's documented fill value for missing data; a cell holding it reads as absent. */
    public static final double NASA_POWER_FILL_VALUE = -999.0;

    /** The wind measurement height, in metres, that the NASA POWER {@code WS10M} column implies. */
    public static final double WS10M_HEIGHT_METRES = 10.0;

    /** The canonical name of the column holding wind measured at 10 m ({@code WS10M}). */
    private static final String WS10M = "ws10m";

    /** The time step of a table: which time column it has and which weather columns it knows. */
    public enum Step {
        /** Daily rows: {@code date} as {@code yyyy-MM-dd}. */
        DAILY("yyyy-MM-dd", List.of("date", "tmax", "tmin", "tmean", "rh_max", "rh_min", "rh_mean", "tdew", "ea",
                "uz", "u2", "rs", "sunshine_hours"),
                Map.of("t2m_max", "tmax", "t2m_min", "tmin", "t2m", "tmean", "rh2m", "rh_mean", "ws2m", "u2",
                        WS10M, WS10M, "allsky_sfc_sw_dwn", "rs", "t2mdew", "tdew")),
        /** Monthly rows: {@code month} as {@code yyyy-MM}, the other columns as daily. */
        MONTHLY("yyyy-MM", List.of("month", "tmax", "tmin", "tmean", "rh_max", "rh_min", "rh_mean", "tdew", "ea",
                "uz", "u2", "rs", "sunshine_hours"), DAILY.aliases),
        /** Hourly rows: {@code datetime} as an ISO 8601 local date-time with its offset, start of the hour. */
        HOURLY("yyyy-MM-ddTHH:mm±hh:mm", List.of("datetime", "t", "rh", "tdew", "ea", "uz", "u2", "rs"),
                Map.of("t2m", "t", "rh2m", "rh", "ws2m", "u2", WS10M, WS10M, "allsky_sfc_sw_dwn", "rs",
                        "t2mdew", "tdew"));

        /** The time cell's pattern as errors show it (an argument of {@link ErrorCode#MALFORMED_DATE}). */
        private final String timePattern;
        private final List<String> columns;
        private final Map<String, String> aliases;

        Step(String timePattern, List<String> columns, Map<String, String> aliases) {
            this.timePattern = timePattern;
            this.columns = columns;
            this.aliases = aliases;
        }

        /**
         * The canonical column names, lower case: the time column first, then the weather columns in the
         * order of the record components ({@code uz} is the wind speed at the station's height), which is
         * also the order cells are read in (the first bad cell of a row is the one reported).
         */
        public List<String> columns() {
            return columns;
        }

        /**
         * The accepted aliases (lower case) and the canonical name each stands for; {@code ws10m} stands for
         * itself, wind speed measured at {@value WeatherTable#WS10M_HEIGHT_METRES} m.
         */
        public Map<String, String> aliases() {
            return aliases;
        }

        /** The time column: {@code date}, {@code month} or {@code datetime}. */
        public String timeColumn() {
            return columns.get(0);
        }
    }

    private final Step step;
    private final int width;
    private final Map<String, Integer> index;
    /** The cell index of each of {@code step.columns()}, −1 when absent; the {@code uz} slot reads WS10M when given. */
    private final int[] cell;
    /** The column name errors report for each slot: as {@code step.columns()}, {@code ws10m} for WS10M's wind. */
    private final String[] field;

    private WeatherTable(Step step, int width, Map<String, Integer> index) {
        this.step = step;
        this.width = width;
        this.index = index;
        this.cell = new int[step.columns.size()];
        this.field = new String[cell.length];
        for (int i = 0; i < cell.length; i++) {
            String name = step.columns.get(i);
            field[i] = name.equals("uz") && index.containsKey(WS10M) ? WS10M : name;
            cell[i] = index.getOrDefault(field[i], -1);
        }
    }

    /**
     * Binds a header.
     *
     * @param step   the time step, which names the time column and the known columns
     * @param header the header's cells, in file order
     * @return the binding
     * @throws EtoException {@link ErrorCode#DUPLICATE_COLUMN}, {@link ErrorCode#MISSING_HEADER} or
     *                      {@link ErrorCode#MISSING_COLUMN} (the time column), as listed on the class
     */
    public static WeatherTable bind(Step step, List<String> header) {
        Objects.requireNonNull(step, "step");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            String canonical = step.columns.contains(name) ? name : step.aliases.get(name);
            if (canonical == null) {
                continue;
            }
            if (index.putIfAbsent(canonical, i) != null) {
                throw new EtoException(ErrorCode.DUPLICATE_COLUMN, canonical, -1, canonical);
            }
        }
        if (index.isEmpty() && looksLikeData(header)) {
            throw new EtoException(ErrorCode.MISSING_HEADER, null, -1);
        }
        WeatherTable table = new WeatherTable(step, header.size(), Map.copyOf(index));
        table.requireColumns(step.timeColumn());
        if (table.has(WS10M) && (table.has("uz") || table.has("u2"))) {
            throw new EtoException(ErrorCode.DUPLICATE_COLUMN, "uz", -1, "uz");
        }
        return table;
    }

    /** A first line whose first cell starts like a date or a number is data, not a header. */
    private static boolean looksLikeData(List<String> header) {
        String first = header.isEmpty() ? "" : header.get(0).trim();
        return !first.isEmpty() && (Character.isDigit(first.charAt(0)) || first.charAt(0) == '-');
    }

    /**
     * Fails unless the header has every one of {@code columns}, checked in the order given; for programs that
     * refuse a file without, say, {@code tmax} before reading any row.
     *
     * @param columns canonical column names
     * @return this binding
     * @throws EtoException {@link ErrorCode#MISSING_COLUMN} naming the first absent column
     */
    public WeatherTable requireColumns(String... columns) {
        for (String column : columns) {
            if (!has(column)) {
                throw new EtoException(ErrorCode.MISSING_COLUMN, column, -1, column);
            }
        }
        return this;
    }

    /** The time step this header was bound for. */
    public Step step() {
        return step;
    }

    /** The number of cells every row must have: the header's. */
    public int width() {
        return width;
    }

    /**
     * Whether the header has {@code column}.
     *
     * @param column a canonical name (lower case), or {@code ws10m}
     * @return whether it is present, under its own name or an alias
     */
    public boolean has(String column) {
        return index.containsKey(column);
    }

    /**
     * The cell index of a column.
     *
     * @param column a canonical name (lower case), or {@code ws10m}
     * @return its zero-based position in the header, or −1 when absent
     */
    public int indexOf(String column) {
        return index.getOrDefault(column, -1);
    }

    /**
     * The station as the table's wind column implies it: with a wind height of {@value #WS10M_HEIGHT_METRES} m
     * when the wind comes from {@code WS10M}, else {@code station} unchanged.
     *
     * @param station the station as configured
     * @return the station to compute this table with
     */
    public Station site(Station station) {
        return has(WS10M) ? station.withWindHeightMetres(WS10M_HEIGHT_METRES) : station;
    }

    /**
     * The time cell of a row as written, for showing a row that could not be read.
     *
     * @param cells the row's cells
     * @return the cell's text, or an empty string when the row is too short to have it
     */
    public String timeText(List<String> cells) {
        int i = cell[0];
        return i < cells.size() ? cells.get(i) : "";
    }

    /**
     * Fails unless a row has as many cells as the header.
     *
     * @param cells the row's cells
     * @param row   the zero-based row index
     * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT} with the row's and the header's cell counts
     */
    public void checkWidth(List<String> cells, int row) {
        if (cells.size() != width) {
            throw new EtoException(ErrorCode.WRONG_CELL_COUNT, null, row, cells.size(), width);
        }
    }

    /**
     * The date of a daily row, after {@link #checkWidth}; the weather cells are not read.
     *
     * @param cells the row's cells
     * @param row   the zero-based row index
     * @return the date
     * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT} or {@link ErrorCode#MALFORMED_DATE}
     */
    public LocalDate date(List<String> cells, int row) {
        return time(cells, row, Step.DAILY, WeatherTable::isoDate);
    }

    /** A {@code yyyy-MM-dd} date: hand-read when plain (the common case), else {@link LocalDate#parse}'s verdict. */
    private static LocalDate isoDate(String text) {
        long day = Cells.isoDate(text, 0, text.length());
        return day == Long.MIN_VALUE ? LocalDate.parse(text) : LocalDate.ofEpochDay(day);
    }

    /**
     * A daily row: width, date, then each number column in {@link Step#columns()} order.
     *
     * @param cells the row's cells
     * @param row   the zero-based row index, reported in errors
     * @return the day, absent cells as NaN
     * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT}, {@link ErrorCode#MALFORMED_DATE} or
     *                      {@link ErrorCode#MALFORMED_NUMBER}
     */
    public DailyWeather dailyRow(List<String> cells, int row) {
        LocalDate date = date(cells, row);
        return daily(date, slot -> number(cells, slot, row));
    }

    /**
     * A monthly row: width, month, then each number column in {@link Step#columns()} order.
     *
     * @param cells the row's cells
     * @param row   the zero-based row index, reported in errors
     * @return the month, absent cells as NaN
     * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT}, {@link ErrorCode#MALFORMED_DATE} or
     *                      {@link ErrorCode#MALFORMED_NUMBER}
     */
    public MonthlyWeather monthlyRow(List<String> cells, int row) {
        YearMonth month = time(cells, row, Step.MONTHLY, YearMonth::parse);
        IntToDoubleFunction v = slot -> number(cells, slot, row);
        return new MonthlyWeather(month, v.applyAsDouble(1), v.applyAsDouble(2), v.applyAsDouble(3),
                v.applyAsDouble(4), v.applyAsDouble(5), v.applyAsDouble(6), v.applyAsDouble(7), v.applyAsDouble(8),
                v.applyAsDouble(9), v.applyAsDouble(10), v.applyAsDouble(11), v.applyAsDouble(12));
    }

    /**
     * An hourly row: width, date-time, then each number column in {@link Step#columns()} order.
     *
     * @param cells the row's cells
     * @param row   the zero-based row index, reported in errors
     * @return the hour, absent cells as NaN
     * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT}, {@link ErrorCode#MALFORMED_DATE} or
     *                      {@link ErrorCode#MALFORMED_NUMBER}
     */
    public HourlyWeather hourlyRow(List<String> cells, int row) {
        OffsetDateTime time = time(cells, row, Step.HOURLY, OffsetDateTime::parse);
        return new HourlyWeather(time, number(cells, 1, row), number(cells, 2, row), number(cells, 3, row),
                number(cells, 4, row), number(cells, 5, row), number(cells, 6, row), number(cells, 7, row));
    }

    /**
     * An hourly row whose {@code datetime} is a clock time without offset ({@code yyyy-MM-ddTHH:mm}, {@code 24:00}
     * read as 00:00 of the next day) on a fixed standard-time meridian, as Ref-ET's data files give it; the
     * offset comes from {@code standardTime} ({@link StandardTime#offsetOfMeridian}). Otherwise as
     * {@link #hourlyRow(List, int)}.
     *
     * @param cells        the row's cells
     * @param row          the zero-based row index, reported in errors
     * @param standardTime the offset of the clock's meridian (never a daylight-saving offset)
     * @return the hour, absent cells as NaN
     * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT}, {@link ErrorCode#MALFORMED_DATE} (also for a
     *                      stamp with an offset) or {@link ErrorCode#MALFORMED_NUMBER}
     */
    public HourlyWeather hourlyRow(List<String> cells, int row, java.time.ZoneOffset standardTime) {
        java.util.Objects.requireNonNull(standardTime, "standardTime");
        OffsetDateTime time = time(cells, row, Step.HOURLY, text -> {
            String t = text.trim();
            if (t.endsWith("T24:00")) {
                return java.time.LocalDate.parse(t.substring(0, t.length() - 6)).plusDays(1).atStartOfDay()
                        .atOffset(standardTime);
            }
            return java.time.LocalDateTime.parse(t).atOffset(standardTime);
        }, "yyyy-MM-ddTHH:mm");
        return new HourlyWeather(time, number(cells, 1, row), number(cells, 2, row), number(cells, 3, row),
                number(cells, 4, row), number(cells, 5, row), number(cells, 6, row), number(cells, 7, row));
    }

    /** The time cell of a row of step {@code wanted}, after the width check. */
    private <T> T time(List<String> cells, int row, Step wanted, Function<String, T> parse) {
        return time(cells, row, wanted, parse, wanted.timePattern);
    }

    /** As {@link #time(List, int, Step, Function)}, naming {@code pattern} in the error. */
    private <T> T time(List<String> cells, int row, Step wanted, Function<String, T> parse, String pattern) {
        expect(wanted);
        checkWidth(cells, row);
        String text = cells.get(cell[0]);
        try {
            return parse.apply(text);
        } catch (DateTimeParseException e) {
            String column = step.timeColumn();
            throw new EtoException(ErrorCode.MALFORMED_DATE, column, row, column, text, pattern);
        }
    }

    /** A day from the values of slots 1–12 of {@link Step#DAILY}, read in slot order. */
    private static DailyWeather daily(LocalDate date, IntToDoubleFunction v) {
        return new DailyWeather(date, v.applyAsDouble(1), v.applyAsDouble(2), v.applyAsDouble(3),
                v.applyAsDouble(4), v.applyAsDouble(5), v.applyAsDouble(6), v.applyAsDouble(7), v.applyAsDouble(8),
                v.applyAsDouble(9), v.applyAsDouble(10), v.applyAsDouble(11), v.applyAsDouble(12));
    }

    /**
     * A check that the time stamps of successive rows increase strictly, for callers that read rows one by one.
     *
     * @param <T> the time stamp's type: {@link LocalDate}, {@link YearMonth}, {@link OffsetDateTime}, or the
     *            ISO 8601 text, which sorts as its dates do
     * @return a new check, with no row seen
     */
    public <T extends Comparable<? super T>> TimeOrder<T> timeOrder() {
        return new TimeOrder<>(step.timeColumn());
    }

    /**
     * Remembers the last time stamp seen and refuses one that does not come after it. Not thread-safe.
     *
     * @param <T> the time stamp's type
     */
    public static final class TimeOrder<T extends Comparable<? super T>> {
        private final String column;
        private T previous;
        private int previousRow = -1;

        private TimeOrder(String column) {
            this.column = column;
        }

        /**
         * Accepts the next row's time stamp.
         *
         * @param stamp the row's time stamp; its {@code toString()} is the text errors show
         * @param row   the zero-based row index
         * @throws EtoException {@link ErrorCode#DUPLICATE_TIMESTAMP} (with the first occurrence's row counted
         *                      from 1) or {@link ErrorCode#TIMESTAMP_OUT_OF_ORDER}, on the time column; the
         *                      stamp is not remembered then
         */
        public void next(T stamp, int row) {
            if (previous != null) {
                int order = stamp.compareTo(previous);
                if (order == 0) {
                    throw new EtoException(ErrorCode.DUPLICATE_TIMESTAMP, column, row, column, stamp.toString(),
                            previousRow + 1);
                }
                if (order < 0) {
                    throw new EtoException(ErrorCode.TIMESTAMP_OUT_OF_ORDER, column, row, column, stamp.toString());
                }
            }
            previous = stamp;
            previousRow = row;
        }
    }

    /**
     * A reusable buffer of daily rows as primitive columns, for {@link Fao56#dailyBatch}: fill it row by row,
     * compute {@link DailyChunk#columns()}, {@link DailyChunk#clear()}, and go on, so a file of any length is
     * read in bounded memory with no allocation per row.
     *
     * @param capacity the number of rows it holds, ≥ 1
     * @return an empty chunk
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} for a capacity below 1
     */
    public DailyChunk dailyChunk(int capacity) {
        expect(Step.DAILY);
        if (capacity < 1) {
            throw new EtoException(ErrorCode.INVALID_OPTION, "capacity", -1, "capacity", capacity, ">= 1");
        }
        return new DailyChunk(capacity);
    }

    /**
     * The number in the column at {@code slot} of {@link Step#columns()}: NaN when the column is absent,
     * else {@link #parseNumber}.
     */
    private double number(List<String> cells, int slot, int row) {
        int i = cell[slot];
        if (i < 0) {
            return Double.NaN;
        }
        return parseNumber(cells.get(i), field[slot], row);
    }

    /**
     * One number cell, by the rules on the class.
     *
     * @param text   the cell
     * @param column the column name reported in errors
     * @param row    the zero-based row index reported in errors
     * @return the value, or NaN when the cell marks a missing value
     */
    static double parseNumber(String text, String column, int row) {
        return parseNumber(text, 0, text.length(), column, row);
    }

    /**
     * {@link #parseNumber(String, String, int)} over {@code chars[from, to)}: a plain decimal is read in place
     * (bit for bit as {@link Double#parseDouble} reads it); a string is made only for anything else.
     */
    static double parseNumber(CharSequence chars, int from, int to, String column, int row) {
        double fast = Cells.plainDecimal(chars, from, to);
        if (fast == fast) {      // not NaN: a plain decimal
            return fast == NASA_POWER_FILL_VALUE ? Double.NaN : fast;
        }
        return parseNumberSlowly(chars.subSequence(from, to).toString(), column, row);
    }

    /** {@link #parseNumber(CharSequence, int, int, String, int)} over a reader's buffer. */
    static double parseNumber(char[] chars, int from, int to, String column, int row) {
        double fast = Cells.plainDecimal(chars, from, to);
        if (fast == fast) {
            return fast == NASA_POWER_FILL_VALUE ? Double.NaN : fast;
        }
        return parseNumberSlowly(new String(chars, from, to - from), column, row);
    }

    /** Any cell but a plain decimal: a mark of absence, or {@link Double#parseDouble}'s verdict. */
    private static double parseNumberSlowly(String text, String column, int row) {
        if (text.isEmpty() || isMissingMarker(text)) {
            return Double.NaN;
        }
        // A decimal comma (pt-BR spreadsheets, ';'-separated files) reads as a point when unambiguous.
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
        return value == NASA_POWER_FILL_VALUE ? Double.NaN : value;
    }

    /** {@code NA}, {@code NaN} or {@code null} in any case; compared in place, as most cells are numbers. */
    private static boolean isMissingMarker(String text) {
        return text.length() <= 4
                && (text.equalsIgnoreCase("na") || text.equalsIgnoreCase("nan") || text.equalsIgnoreCase("null"));
    }

    private void expect(Step wanted) {
        if (step != wanted) {
            throw new EtoException(ErrorCode.INVALID_OPTION, "step", -1, "step", step, wanted);
        }
    }

    /**
     * Daily rows of one {@link WeatherTable} held as primitive columns, to be computed in one
     * {@link Fao56#dailyBatch} call. Rows are added with consecutive row indices; the first one added after
     * {@link #clear()} becomes {@link DailyColumns#firstRowIndex()}, so errors keep the file's row numbers.
     * Not thread-safe: one reader fills it, then hands {@link #columns()} to the calculator.
     */
    public final class DailyChunk {
        private final int[] dayOfYear;
        /** Each row's date as {@link LocalDate#toEpochDay()}: no object per row. */
        private final long[] epochDays;
        /** Whether each row was read ({@link #add}) rather than {@link #addUnreadable added as unreadable}. */
        private final boolean[] readable;
        /** One array per number column of {@link Step#DAILY}, in {@link Step#columns()} order from tmax. */
        private final double[][] values;
        private int size;
        private int firstRow;

        private DailyChunk(int capacity) {
            dayOfYear = new int[capacity];
            epochDays = new long[capacity];
            readable = new boolean[capacity];
            values = new double[Step.DAILY.columns.size() - 1][capacity];
        }

        /**
         * Adds a row whose date was read with {@link WeatherTable#date}; its number cells are parsed here.
         * When a cell is malformed nothing is added.
         *
         * @param date  the row's date
         * @param cells the row's cells
         * @param row   the row's index: the next after the last one added, unless the chunk is empty
         * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT}, {@link ErrorCode#MALFORMED_NUMBER}, or
         *                      {@link ErrorCode#INVALID_OPTION} when the chunk is full or the row does not follow
         *                      the last one
         */
        public void add(LocalDate date, List<String> cells, int row) {
            checkWidth(cells, row);
            int i = slotFor(row);
            for (int c = 0; c < values.length; c++) {
                values[c][i] = number(cells, c + 1, row);
            }
            epochDays[i] = date.toEpochDay();
            readable[i] = true;
            dayOfYear[i] = date.getDayOfYear();
            size++;
        }

        /**
         * Adds the record {@code csv} holds ({@link CsvReader#nextRecord()}), reading its cells where they lie:
         * width, date, then each number column, as {@link WeatherTable#dailyRow} reads them and with the same
         * errors, but without a string, a {@code LocalDate} or a list per row. When a cell is malformed nothing
         * is added.
         *
         * @param csv a reader holding a record of this table's file; its {@link CsvReader#row()} is the row index
         * @throws EtoException {@link ErrorCode#WRONG_CELL_COUNT}, {@link ErrorCode#MALFORMED_DATE},
         *                      {@link ErrorCode#MALFORMED_NUMBER}, or {@link ErrorCode#INVALID_OPTION} when the
         *                      chunk is full or the row does not follow the last one
         */
        public void add(CsvReader csv) {
            int row = csv.row();
            if (csv.cells != width) {
                throw new EtoException(ErrorCode.WRONG_CELL_COUNT, null, row, csv.cells, width);
            }
            char[] chars = csv.rec;
            int[] starts = csv.starts;
            int[] ends = csv.ends;
            int from = starts[cell[0]];
            int to = ends[cell[0]];
            long epochDay = Cells.isoDate(chars, from, to);
            int doy;
            if (epochDay == Long.MIN_VALUE) {
                // Not a plain valid date: the library's verdict (and its error), as for a string cell.
                String text = new String(chars, from, to - from);
                LocalDate date;
                try {
                    date = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new EtoException(ErrorCode.MALFORMED_DATE, step.timeColumn(), row, step.timeColumn(), text,
                            Step.DAILY.timePattern);
                }
                epochDay = date.toEpochDay();
                doy = date.getDayOfYear();
            } else {
                doy = Cells.dayOfYear(chars, from);
            }
            int i = slotFor(row);
            for (int c = 0; c < values.length; c++) {
                int k = cell[c + 1];
                values[c][i] = k < 0 ? Double.NaN : parseNumber(chars, starts[k], ends[k], field[c + 1], row);
            }
            epochDays[i] = epochDay;
            readable[i] = true;
            dayOfYear[i] = doy;
            size++;
        }

        /**
         * The date of the row at position {@code i} of the chunk.
         *
         * @param i the position of a readable row ({@link #isReadable})
         * @return its date
         * @throws EtoException {@link ErrorCode#INVALID_OPTION} when the row was added as unreadable
         */
        public LocalDate date(int i) {
            if (!isReadable(i)) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "row", firstRow + i, "row", firstRow + i,
                        "a readable row");
            }
            return LocalDate.ofEpochDay(epochDays[i]);
        }

        /**
         * Adds a row that could not be read: every value absent, day of year 1, so the batch reports it
         * invalid (a lenient calculator flags it and goes on) while the rows after it keep their indices.
         *
         * @param row the row's index, as for {@link #add}
         * @throws EtoException {@link ErrorCode#INVALID_OPTION} when the chunk is full or the row does not
         *                      follow the last one
         */
        public void addUnreadable(int row) {
            int i = slotFor(row);
            for (double[] column : values) {
                column[i] = Double.NaN;
            }
            readable[i] = false;
            dayOfYear[i] = 1;
            size++;
        }

        private int slotFor(int row) {
            if (size == epochDays.length) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "capacity", row, "capacity", epochDays.length,
                        "rows <= capacity");
            }
            if (size == 0) {
                firstRow = row;
            } else if (row != firstRow + size) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "row", row, "row", row, firstRow + size);
            }
            return size;
        }

        /** The number of rows added since the last {@link #clear()}. */
        public int size() {
            return size;
        }

        /** Whether another row can be added. */
        public boolean isFull() {
            return size == epochDays.length;
        }

        /** The row index of the first row held (0 when empty). */
        public int firstRowIndex() {
            return size == 0 ? 0 : firstRow;
        }

        /**
         * Whether the row at position {@code i} of the chunk was added with {@link #add} (not as unreadable).
         *
         * @param i the position, 0 ≤ i &lt; {@link #size()}
         * @return whether its values were read
         */
        public boolean isReadable(int i) {
            return readable[Objects.checkIndex(i, size)];
        }

        /**
         * The rows held, as batch columns over this chunk's arrays (valid until the chunk is refilled).
         *
         * @return the columns, with {@link DailyColumns#firstRowIndex()} the first row's index
         */
        public DailyColumns columns() {
            return DailyColumns.builder(size, dayOfYear)
                    .firstRowIndex(firstRowIndex())
                    .tmax(values[0])
                    .tmin(values[1])
                    .tmean(values[2])
                    .rhMax(values[3])
                    .rhMin(values[4])
                    .rhMean(values[5])
                    .tdew(values[6])
                    .ea(values[7])
                    .windSpeed(values[8])
                    .u2(values[9])
                    .rs(values[10])
                    .sunshineHours(values[11])
                    .build();
        }

        /**
         * The row at position {@code i} as a record, for methods without a batch API.
         *
         * @param i the position of a readable row ({@link #isReadable})
         * @return the day
         * @throws EtoException {@link ErrorCode#INVALID_OPTION} when the row was added as unreadable
         */
        public DailyWeather weather(int i) {
            if (!isReadable(i)) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "row", firstRow + i, "row", firstRow + i,
                        "a readable row");
            }
            return daily(LocalDate.ofEpochDay(epochDays[i]), slot -> values[slot - 1][i]);
        }

        /** Empties the chunk for the next rows; the arrays are kept. */
        public void clear() {
            size = 0;
        }
    }
}
