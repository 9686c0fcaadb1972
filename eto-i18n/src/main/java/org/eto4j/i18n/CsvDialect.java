package org.eto4j.i18n;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * How to write CSV that a locale's spreadsheet programs open correctly.
 *
 * <p>Spreadsheets read CSV with the operating system's list and decimal separators: in Brazil the decimal
 * separator is the comma, so the field separator must be the semicolon ({@link #BRAZILIAN_PORTUGUESE});
 * English locales use the comma and the dot ({@link #ENGLISH}). Dates are written in ISO 8601
 * ({@code 2024-03-31}), which spreadsheets in both locales read as dates and which sorts correctly.
 *
 * <pre>{@code
 * CsvDialect csv = CsvDialect.forLocale(locale);
 * out.write(csv.preamble());
 * out.write(csv.line(csv.text("date"), csv.text("eto"), csv.text("flags")));
 * out.write(csv.line(csv.date(day), csv.number(eto, CsvDialect.DEFAULT_DECIMALS), csv.text(flags)));
 * }</pre>
 *
 * <p>Cells are built with {@link #text}, {@link #number} and {@link #date}, then joined by {@link #line}.
 * {@link #text} quotes as RFC 4180 requires and, when {@link #neutraliseFormulas()} is on (the default),
 * prefixes an apostrophe to text that a spreadsheet would run as a formula (a cell starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return; OWASP "CSV injection"). Numbers written by
 * {@link #number} are never altered, so negative values stay numbers.
 *
 * <h2 id="number-rule">The number rule</h2>
 *
 * <p>Every number that eto4j writes to a CSV file (the command-line tool's output, eto-sources' {@code DailyCsv},
 * the web app's export) is written by this class under one rule, <em>fixed decimals, half up</em>:
 * <ol>
 *   <li>the double is read as its shortest decimal form, as {@link BigDecimal#valueOf(double)} reads it (so
 *       {@code 1.00005} is the decimal 1.00005, not the binary fraction just below it);</li>
 *   <li>that decimal is rounded to a fixed number of decimals with {@link RoundingMode#HALF_UP} (a tie goes
 *       away from zero: {@code 3.88025} → {@code 3.8803}, {@code -0.00005} → {@code -0.0001});</li>
 *   <li>every decimal is written, trailing zeros included ({@code 25.3} → {@code 25.3000}), with no grouping
 *       separator and no exponent, and with this dialect's decimal separator;</li>
 *   <li>a result of zero is never negative ({@code -0.00001} → {@code 0.0000});</li>
 *   <li>NaN and the infinities are a missing value: the empty cell {@link #MISSING}, which spreadsheets leave out
 *       of sums and eto-core reads back as missing.</li>
 * </ol>
 * ETo (mm day⁻¹) and the weather values eto4j writes use {@link #DEFAULT_DECIMALS} decimals. Half up is the
 * rounding people do by hand and that spreadsheets' {@code ROUND} does, so a figure checked by hand agrees
 * with the file. {@link #formatNumber(double, int)} applies the rule without a dialect (decimal point);
 * {@link #appendNumber} is the allocation-free form for writers of large files. Two files of eto4j that print
 * the same ETo therefore print the same characters, whichever entry point wrote them.
 *
 * @param separator          the field separator
 * @param decimalSeparator   the decimal separator of numbers
 * @param byteOrderMark      whether {@link #preamble()} is a UTF-8 byte order mark, which Excel needs to
 *                           read UTF-8 (accents) correctly
 * @param neutraliseFormulas whether text cells that look like formulas are neutralised
 * @param lineSeparator      the record separator; {@code "\r\n"} as RFC 4180 specifies
 */
public record CsvDialect(char separator, char decimalSeparator, boolean byteOrderMark, boolean neutraliseFormulas,
                         String lineSeparator) {

    /** The RFC 4180 record separator. */
    public static final String CRLF = "\r\n";

    /** English: {@code ,} between fields, {@code .} in numbers, byte order mark, formulas neutralised. */
    public static final CsvDialect ENGLISH = new CsvDialect(',', '.', true, true, CRLF);

    /** Brazilian Portuguese: {@code ;} between fields, {@code ,} in numbers, byte order mark, formulas neutralised. */
    public static final CsvDialect BRAZILIAN_PORTUGUESE = new CsvDialect(';', ',', true, true, CRLF);

    /**
     * The data-file dialect: {@code ,} between fields, {@code .} in numbers, {@code "\n"} line ends, no byte order
     * mark, text written as given. It is the format of the command-line tool's input and output and of
     * eto-sources' {@code DailyCsv}: files that programs (and eto-core's {@code WeatherTable}) read back, rather
     * than files opened by a person in a spreadsheet.
     */
    public static final CsvDialect PLAIN = new CsvDialect(',', '.', false, false, "\n");

    /** The most decimals {@link #number} accepts: beyond this a double carries no more information. */
    public static final int MAX_DECIMALS = 15;

    /**
     * The decimals of ETo in mm day⁻¹ (and of the weather values eto4j writes) in every CSV file: 0.0001 mm is
     * far below any instrument's resolution and keeps the last digit of a two-decimal source value exact.
     */
    public static final int DEFAULT_DECIMALS = 4;

    /** The cell of a missing value (NaN or an infinity) under the number rule: empty. */
    public static final String MISSING = "";

    /** Powers of ten for the fast path of {@link #appendNumber}; exact as doubles and as longs. */
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    /** Below this the scaled value is an exact integer-or-fraction double (2^52 ≈ 4.5e15), so floor is exact. */
    private static final double FAST_LIMIT = 1e15;

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the separators are equal, are a quote, a digit, a letter or a line
     *                                  break, or the line separator is not {@code "\n"} or {@code "\r\n"}
     */
    public CsvDialect {
        Objects.requireNonNull(lineSeparator, "lineSeparator");
        if (!isSafeSeparator(separator)) {
            throw new IllegalArgumentException("separator must not be a quote, digit, letter or line break, was '"
                    + separator + "'");
        }
        if (decimalSeparator != '.' && decimalSeparator != ',') {
            throw new IllegalArgumentException("decimalSeparator must be '.' or ',', was '" + decimalSeparator + "'");
        }
        if (separator == decimalSeparator) {
            throw new IllegalArgumentException("separator and decimalSeparator must differ, both were '"
                    + separator + "'");
        }
        if (!lineSeparator.equals("\n") && !lineSeparator.equals(CRLF)) {
            throw new IllegalArgumentException("lineSeparator must be \"\\n\" or \"\\r\\n\"");
        }
    }

    /**
     * The dialect for {@code locale}: {@link #BRAZILIAN_PORTUGUESE} for any Portuguese locale, {@link #ENGLISH}
     * otherwise (the same resolution as {@link Messages#resolve}).
     *
     * @param locale any locale
     * @return the dialect
     */
    public static CsvDialect forLocale(Locale locale) {
        return "pt".equals(Objects.requireNonNull(locale, "locale").getLanguage()) ? BRAZILIAN_PORTUGUESE : ENGLISH;
    }

    /**
     * This dialect with or without the byte order mark.
     *
     * @param on whether {@link #preamble()} is a byte order mark
     * @return a copy
     */
    public CsvDialect withByteOrderMark(boolean on) {
        return new CsvDialect(separator, decimalSeparator, on, neutraliseFormulas, lineSeparator);
    }

    /**
     * This dialect with or without formula neutralisation.
     *
     * @param on whether text cells that look like formulas are neutralised
     * @return a copy
     */
    public CsvDialect withFormulaNeutralisation(boolean on) {
        return new CsvDialect(separator, decimalSeparator, byteOrderMark, on, lineSeparator);
    }

    /**
     * The encoding: always UTF-8.
     *
     * @return UTF-8
     */
    public Charset charset() {
        return StandardCharsets.UTF_8;
    }

    /**
     * What to write before the first line: the byte order mark U+FEFF, or nothing.
     *
     * @return {@code "\uFEFF"} or {@code ""}
     */
    public String preamble() {
        return byteOrderMark ? "\uFEFF" : "";
    }

    /**
     * A text cell: neutralised if it looks like a formula, quoted if it contains the separator, a quote or
     * a line break (quotes doubled).
     *
     * @param value the text; {@code null} gives an empty cell
     * @return the cell as it goes into the file
     */
    public String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = neutraliseFormulas && startsLikeFormula(value) ? "'" + value : value;
        boolean quote = v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /**
     * A number cell under the <a href="#number-rule">number rule</a>: exactly {@code decimals} decimals, rounded
     * half up from the double's shortest decimal form, without grouping separators, with this dialect's decimal
     * separator. NaN and infinities give {@link #MISSING} (an empty cell).
     *
     * @param value    the value
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @return the cell, e.g. {@code 4,5700} in Brazilian Portuguese
     * @throws IllegalArgumentException if {@code decimals} is outside 0–{@value #MAX_DECIMALS}
     */
    public String number(double value, int decimals) {
        return appendNumber(new StringBuilder(24), value, decimals).toString();
    }

    /**
     * Appends a number cell, as {@link #number} makes it, without creating a string: for writers of large files
     * (millions of rows).
     *
     * @param out      where to append
     * @param value    the value
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @return {@code out}
     * @throws IllegalArgumentException if {@code decimals} is outside 0–{@value #MAX_DECIMALS}
     */
    public StringBuilder appendNumber(StringBuilder out, double value, int decimals) {
        checkDecimals(decimals);
        if (!Double.isFinite(value)) {
            return out.append(MISSING);
        }
        if (!appendFast(out, value, decimals, decimalSeparator)) {
            String plain = round(value, decimals).toPlainString();
            out.append(decimalSeparator == '.' ? plain : plain.replace('.', decimalSeparator));
        }
        return out;
    }

    /**
     * The <a href="#number-rule">number rule</a> with a decimal point, independent of any dialect: the text
     * of {@link #PLAIN}'s number cell.
     *
     * @param value    the value
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @return e.g. {@code 3.8803}; {@link #MISSING} for NaN or infinities
     * @throws IllegalArgumentException if {@code decimals} is outside 0–{@value #MAX_DECIMALS}
     */
    public static String formatNumber(double value, int decimals) {
        return PLAIN.number(value, decimals);
    }

    /**
     * A date cell in ISO 8601.
     *
     * @param date the date; {@code null} gives an empty cell
     * @return e.g. {@code 2024-03-31}
     */
    public String date(LocalDate date) {
        return date == null ? "" : ISO_DATE.format(date);
    }

    /**
     * Joins cells made by {@link #text}, {@link #number} or {@link #date} into one record, ending with
     * {@link #lineSeparator()}.
     *
     * @param cells the cells, already escaped
     * @return the record
     */
    public String line(String... cells) {
        return String.join(String.valueOf(separator), cells) + lineSeparator;
    }

    /** Rounds half up from the shortest decimal form of the double, and never yields a negative zero. */
    static BigDecimal round(double value, int decimals) {
        BigDecimal r = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return r.signum() == 0 ? BigDecimal.ZERO.setScale(decimals) : r;
    }

    /**
     * The number rule in long arithmetic, for the values where it provably equals {@link #round}; returns false
     * (appending nothing) for the others, which {@link #round} then writes.
     *
     * <p>Why it is exact: the shortest decimal D of {@code value} is within half an ulp of it, and
     * {@code scaled = |value|·10^d} is within half an ulp of the exact product, so |scaled − |D|·10^d| is at most
     * about 2.5 ulps of {@code scaled}. Rounding half up changes its answer only at k + ½; when {@code scaled}
     * is more than 4 ulps from there, D rounds to the same integer as {@code scaled}. Ties and near-ties (such as
     * 3.88025, whose double lies just below the tie) go to BigDecimal. It avoids BigDecimal's allocations on
     * nearly every value; a test compares both paths on millions of values, near-ties included.
     */
    static boolean appendFast(StringBuilder out, double value, int decimals, char point) {
        if (decimals >= POWERS.length) {
            return false;
        }
        long scale = POWERS[decimals];
        double scaled = Math.abs(value) * scale;
        if (!(scaled < FAST_LIMIT)) {
            return false;
        }
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) <= 4 * Math.ulp(scaled)) {
            return false;
        }
        long units = (long) floor + (fraction > 0.5 ? 1 : 0);
        if (value < 0 && units != 0) {
            out.append('-');
        }
        out.append(units / scale);
        if (decimals > 0) {
            out.append(point);
            long fractionDigits = units % scale;
            for (long p = scale / 10; p > 1 && fractionDigits < p; p /= 10) {
                out.append('0');
            }
            out.append(fractionDigits);
        }
        return true;
    }

    private static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be between 0 and " + MAX_DECIMALS + ", was " + decimals);
        }
    }

    private static boolean startsLikeFormula(String v) {
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static boolean isSafeSeparator(char c) {
        return c != '"' && c != '\'' && c != '\n' && c != '\r' && !Character.isLetterOrDigit(c);
    }
}
