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
 * out.write(csv.line(csv.date(day), csv.number(eto, 4), csv.text(flags)));
 * }</pre>
 *
 * <p>Cells are built with {@link #text}, {@link #number} and {@link #date}, then joined by {@link #line}.
 * {@link #text} quotes as RFC 4180 requires and, when {@link #neutraliseFormulas()} is on (the default),
 * prefixes an apostrophe to text that a spreadsheet would run as a formula (a cell starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return; OWASP "CSV injection"). Numbers written by
 * {@link #number} are never altered, so negative values stay numbers.
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

    /** The most decimals {@link #number} accepts: beyond this a double carries no more information. */
    public static final int MAX_DECIMALS = 15;

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
     * A number cell with exactly {@code decimals} decimals, rounded half up, without grouping separators.
     * NaN and infinities give an empty cell (a missing value), which spreadsheets leave out of sums.
     *
     * @param value    the value
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @return the cell, e.g. {@code 4,5700} in Brazilian Portuguese
     */
    public String number(double value, int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be between 0 and " + MAX_DECIMALS + ", was " + decimals);
        }
        if (!Double.isFinite(value)) {
            return "";
        }
        String plain = round(value, decimals).toPlainString();
        return decimalSeparator == '.' ? plain : plain.replace('.', decimalSeparator);
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

    private static boolean startsLikeFormula(String v) {
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static boolean isSafeSeparator(char c) {
        return c != '"' && c != '\'' && c != '\n' && c != '\r' && !Character.isLetterOrDigit(c);
    }
}
