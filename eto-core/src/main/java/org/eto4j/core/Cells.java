package org.eto4j.core;

/**
 * The fast readers of {@link WeatherTable}'s number and date cells, straight from characters: no string, no
 * {@code LocalDate}, no boxing for the cells almost every file holds, and the exact library parser for the
 * rest, so that every cell reads to the value, bit for bit, and the error that {@link Double#parseDouble} and
 * {@link java.time.LocalDate#parse} give. Reading a daily row this way costs a fifth of parsing its strings.
 */
final class Cells {
    /** 10^0 … 10^22: every one exact in a double, so {@code m / 10^k} is one correctly rounded division. */
    private static final double[] POWERS_OF_TEN = new double[23];
    /** Below 2^53 every integer is exact in a double. */
    private static final long EXACT_MANTISSA_LIMIT = 1L << 53;
    /** Days before the first of each month in a common year, 1-based months. */
    private static final int[] DAYS_BEFORE_MONTH = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    /** Days from 0000-03-01 (proleptic) to 1970-01-01, as {@link java.time.LocalDate#toEpochDay()} counts. */
    private static final int DAYS_0000_TO_1970 = 719_528;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Cells() {
    }

    /**
     * A plain decimal ({@code [+-]digits[.digits]}, one comma standing for the point as
     * {@link WeatherTable}'s decimal-comma rule has it) whose digits, leading zeros aside, form an integer below
     * 2^53 with at most 22 of them after the point: its value, exactly as {@link Double#parseDouble} reads it
     * (Clinger's fast path: both the integer and the power of ten are exact, and one IEEE division rounds
     * correctly). Anything else (an exponent, too many digits, a letter, two points) returns NaN, which no
     * plain decimal is, telling the caller to use the library parser.
     */
    static double plainDecimal(CharSequence s, int from, int to) {
        if (from == to) {
            return Double.NaN;
        }
        int i = from;
        char c = s.charAt(i);
        boolean negative = c == '-';
        if (negative || c == '+') {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;       // digits after the point; -1 before the point
        for (; i < to; i++) {
            c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
                if (mantissa >= EXACT_MANTISSA_LIMIT) {
                    return Double.NaN;
                }
            } else if ((c == '.' || c == ',') && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || fraction > 22) {
            return Double.NaN;
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : (double) mantissa;
        return negative ? -value : value;
    }

    /**
     * {@link #plainDecimal(CharSequence, int, int)} over a reader's buffer: the same steps on a {@code char[]},
     * which the JIT compiles to plain loads (a third of the time through {@code CharSequence}); a test runs
     * both on the same cells.
     */
    static double plainDecimal(char[] s, int from, int to) {
        if (from == to) {
            return Double.NaN;
        }
        int i = from;
        char c = s[i];
        boolean negative = c == '-';
        if (negative || c == '+') {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
            c = s[i];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
                if (mantissa >= EXACT_MANTISSA_LIMIT) {
                    return Double.NaN;
                }
            } else if ((c == '.' || c == ',') && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || fraction > 22) {
            return Double.NaN;
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : (double) mantissa;
        return negative ? -value : value;
    }

    /**
     * The epoch day of a {@code yyyy-MM-dd} date of years 0000–9999 that exists in the ISO calendar, as
     * {@link java.time.LocalDate#parse} reads it (strictly: no 30 February); {@link Long#MIN_VALUE} for any
     * other text, which the caller then hands to {@code LocalDate.parse} for its verdict.
     */
    static long isoDate(CharSequence s, int from, int to) {
        if (to - from != 10 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        return epochDay(year, month, day);
    }

    /** {@link #isoDate(CharSequence, int, int)} over a reader's buffer, the same steps on a {@code char[]}. */
    static long isoDate(char[] s, int from, int to) {
        if (to - from != 10 || s[from + 4] != '-' || s[from + 7] != '-') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return Long.MIN_VALUE;
        }
        return epochDay(year, month, day);
    }

    /** {@link #dayOfYear(CharSequence, int)} over a reader's buffer. */
    static int dayOfYear(char[] s, int from) {
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        return DAYS_BEFORE_MONTH[month] + digits(s, from + 8, 2) + (month > 2 && isLeap(year) ? 1 : 0);
    }

    private static int digits(char[] s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** The day of the year (1–366) of a date {@link #isoDate} accepted. */
    static int dayOfYear(CharSequence s, int from) {
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        return DAYS_BEFORE_MONTH[month] + digits(s, from + 8, 2) + (month > 2 && isLeap(year) ? 1 : 0);
    }

    /** {@code n} decimal digits at {@code at} as an int, or −1 when one is not a digit. */
    private static int digits(CharSequence s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The epoch day of a valid date of a non-negative year: {@code LocalDate.toEpochDay}'s arithmetic. */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!isLeap(year)) {
                total--;
            }
        }
        return total - DAYS_0000_TO_1970;
    }
}
