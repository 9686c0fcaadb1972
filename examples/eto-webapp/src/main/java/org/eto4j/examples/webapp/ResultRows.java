package org.eto4j.examples.webapp;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A calculation's result rows as primitive columns: the read-only {@code List<Outcome.Row>} that every
 * {@link Outcome} holds, and what the memory store keeps for each finished task until it is read.
 *
 * <p>Why columns: a result row as a record with its period as a string cost about 112 bytes on the heap (the
 * record, the string and its bytes; measured with a class histogram under load), so the store's default
 * capacity of 5 million rows needed more than 512 MB and a server holding its promised results spent its time in
 * garbage collection. Here an uploaded calculation's row costs {@value #BYTES_PER_ROW} bytes: the period as an
 * {@code int} (epoch day, or months since 0000-01), ETo as a {@code double}, the estimate flags as a
 * {@code long}. The rarer parts stay general: the days a row covers only when they are not the period's own
 * (a day, or the month's length), a fused estimate's interval and flags as boxed values (at most
 * {@code --max-location-days} rows), and the period as text when it is neither an ISO date nor an ISO month.
 *
 * <p>{@link #get(int)} makes the row record on demand (JSON, the durable store); writers of large files read the
 * columns ({@link #appendPeriod}, {@link #eto}, {@link #flags}) without making a row per line.
 */
final class ResultRows extends AbstractList<Outcome.Row> implements RandomAccess {
    /** Heap bytes of one row of an uploaded calculation: an {@code int}, a {@code double} and a {@code long}. */
    static final int BYTES_PER_ROW = Integer.BYTES + Double.BYTES + Long.BYTES;

    /** How {@link #period} is coded. */
    private enum Kind {
        /** Epoch day, {@link LocalDate#toEpochDay()}. */
        DAY,
        /** Months since January of year 0: {@code year * 12 + month - 1}. */
        MONTH,
        /** Any other text, kept in {@link #periodText}. */
        TEXT
    }

    private final int size;
    private final Kind kind;
    private final int[] period;
    private final String[] periodText;
    /** {@code null} when every row covers its own period's days (1, or the month's length). */
    private final int[] days;
    private final double[] eto;
    private final long[] flags;
    /** Each {@code null} when no row has it. */
    private final Double[] etoP05;
    private final Double[] etoP95;
    private final Integer[] fusion;

    private ResultRows(int size, Kind kind, int[] period, String[] periodText, int[] days, double[] eto, long[] flags,
                       Double[] etoP05, Double[] etoP95, Integer[] fusion) {
        this.size = size;
        this.kind = kind;
        this.period = period;
        this.periodText = periodText;
        this.days = days;
        this.eto = eto;
        this.flags = flags;
        this.etoP05 = etoP05;
        this.etoP95 = etoP95;
        this.fusion = fusion;
    }

    /**
     * The rows as columns: {@code rows} itself when it is already a {@code ResultRows}, else a copy that
     * {@link #get} gives back equal, row for row.
     *
     * @param rows the rows (none {@code null})
     * @return the columns
     * @throws NullPointerException when a row or its period is {@code null}
     */
    static ResultRows of(List<Outcome.Row> rows) {
        if (rows instanceof ResultRows r) {
            return r;
        }
        int n = rows.size();
        Outcome.Row[] a = rows.toArray(new Outcome.Row[0]);
        Kind kind = n == 0 ? Kind.DAY : kindOf(a[0].period());
        int[] period = new int[n];
        for (int i = 0; i < n && kind != Kind.TEXT; i++) {
            Integer code = code(kind, a[i].period());
            if (code == null) {
                kind = Kind.TEXT;
            } else {
                period[i] = code;
            }
        }
        String[] text = null;
        if (kind == Kind.TEXT) {
            period = null;
            text = new String[n];
            for (int i = 0; i < n; i++) {
                text[i] = a[i].period();
            }
        }
        int[] days = new int[n];
        double[] eto = new double[n];
        long[] flags = new long[n];
        Double[] p05 = new Double[n];
        Double[] p95 = new Double[n];
        Integer[] fusion = new Integer[n];
        boolean ownDays = kind != Kind.TEXT;
        boolean anyP05 = false;
        boolean anyP95 = false;
        boolean anyFusion = false;
        for (int i = 0; i < n; i++) {
            Outcome.Row r = a[i];
            days[i] = r.days();
            ownDays &= kind != Kind.TEXT && r.days() == ownDays(kind, period[i]);
            eto[i] = r.eto();
            flags[i] = r.flags();
            p05[i] = r.etoP05();
            p95[i] = r.etoP95();
            fusion[i] = r.fusion();
            anyP05 |= p05[i] != null;
            anyP95 |= p95[i] != null;
            anyFusion |= fusion[i] != null;
        }
        return new ResultRows(n, kind, period, text, ownDays ? null : days, eto, flags, anyP05 ? p05 : null,
                anyP95 ? p95 : null, anyFusion ? fusion : null);
    }

    private static Kind kindOf(String period) {
        return period.length() == 7 ? Kind.MONTH : Kind.DAY;
    }

    /** The period's code under {@code kind}, or {@code null} when the text is not that kind's ISO form. */
    private static Integer code(Kind kind, String text) {
        try {
            if (kind == Kind.DAY) {
                LocalDate d = LocalDate.parse(text);
                return d.toString().equals(text) ? Math.toIntExact(d.toEpochDay()) : null;
            }
            YearMonth m = YearMonth.parse(text);
            return m.toString().equals(text) && m.getYear() >= 0 ? m.getYear() * 12 + m.getMonthValue() - 1 : null;
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static int ownDays(Kind kind, int code) {
        return kind == Kind.DAY ? 1 : YearMonth.of(code / 12, code % 12 + 1).lengthOfMonth();
    }

    /**
     * A builder of a daily calculation's rows, for the task that computes them.
     *
     * @param capacity the rows it will get
     * @return the builder
     */
    static Builder daily(int capacity) {
        return new Builder(Kind.DAY, capacity);
    }

    /**
     * A builder of a monthly calculation's rows.
     *
     * @param capacity the rows it will get
     * @return the builder
     */
    static Builder monthly(int capacity) {
        return new Builder(Kind.MONTH, capacity);
    }

    /** Appends rows without making a row record per row. Not thread-safe. */
    static final class Builder {
        private final Kind kind;
        private int size;
        private int[] period;
        private double[] eto;
        private long[] flags;

        private Builder(Kind kind, int capacity) {
            this.kind = kind;
            this.period = new int[Math.max(1, capacity)];
            this.eto = new double[period.length];
            this.flags = new long[period.length];
        }

        /**
         * Adds a day (daily builder).
         *
         * @param date  the day
         * @param value ETo (mm/day)
         * @param mask  the estimate flags' bit mask
         * @return this builder
         */
        Builder add(LocalDate date, double value, long mask) {
            return add(Math.toIntExact(date.toEpochDay()), value, mask);
        }

        /**
         * Adds a month (monthly builder).
         *
         * @param month the month (year 0 or later)
         * @param value ETo (mm/day, the mean of its days)
         * @param mask  the estimate flags' bit mask
         * @return this builder
         */
        Builder add(YearMonth month, double value, long mask) {
            return add(month.getYear() * 12 + month.getMonthValue() - 1, value, mask);
        }

        private Builder add(int code, double value, long mask) {
            if (size == period.length) {
                int grown = size * 2;
                period = Arrays.copyOf(period, grown);
                eto = Arrays.copyOf(eto, grown);
                flags = Arrays.copyOf(flags, grown);
            }
            period[size] = code;
            eto[size] = value;
            flags[size] = mask;
            size++;
            return this;
        }

        /** The rows added so far. */
        ResultRows build() {
            boolean full = size == period.length;
            return new ResultRows(size, kind, full ? period : Arrays.copyOf(period, size), null, null,
                    full ? eto : Arrays.copyOf(eto, size), full ? flags : Arrays.copyOf(flags, size), null, null, null);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Outcome.Row get(int i) {
        return new Outcome.Row(period(i), days(i), eto(i), flags(i), etoP05 == null ? null : etoP05[i],
                etoP95 == null ? null : etoP95[i], fusion == null ? null : fusion[i]);
    }

    /**
     * Row {@code i}'s period in ISO 8601 ({@code 2016-01-31} or {@code 2016-01}).
     *
     * @param i the row
     * @return the text
     */
    String period(int i) {
        return appendPeriod(new StringBuilder(10), Objects.checkIndex(i, size)).toString();
    }

    /**
     * Appends row {@code i}'s period as {@link #period} writes it, without making a string.
     *
     * @param out where to append
     * @param i   the row
     * @return {@code out}
     */
    StringBuilder appendPeriod(StringBuilder out, int i) {
        switch (kind) {
            case TEXT:
                return out.append(periodText[i]);
            case MONTH: {
                int code = period[i];
                return month(four(out, code / 12), code % 12 + 1);
            }
            default: {
                LocalDate d = LocalDate.ofEpochDay(period[i]);
                if (d.getYear() < 0 || d.getYear() > 9999) {
                    return out.append(d);   // LocalDate's own form for years outside four digits
                }
                month(four(out, d.getYear()), d.getMonthValue()).append('-');
                return two(out, d.getDayOfMonth());
            }
        }
    }

    private static StringBuilder four(StringBuilder out, int year) {
        if (year > 9999) {
            return out.append('+').append(year);   // YearMonth's form
        }
        return two(two(out, year / 100), year % 100);
    }

    private static StringBuilder month(StringBuilder out, int month) {
        return two(out.append('-'), month);
    }

    private static StringBuilder two(StringBuilder out, int v) {
        return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * The days row {@code i} covers.
     *
     * @param i the row
     * @return 1 for a day, the month's length for a month, or the value the row was made with
     */
    int days(int i) {
        Objects.checkIndex(i, size);
        return days != null ? days[i] : ownDays(kind, period[i]);
    }

    /**
     * Row {@code i}'s ETo.
     *
     * @param i the row
     * @return ETo (mm/day)
     */
    double eto(int i) {
        return eto[Objects.checkIndex(i, size)];
    }

    /**
     * Row {@code i}'s estimate flags.
     *
     * @param i the row
     * @return the bit mask
     */
    long flags(int i) {
        return flags[Objects.checkIndex(i, size)];
    }

    /** Whether no row has a fused estimate's interval or flags: then {@link #get}'s last three are null. */
    boolean plain() {
        return etoP05 == null && etoP95 == null && fusion == null;
    }
}
