package org.eto4j.i18n;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Locale-aware formatting of what eto4j shows: ETo and other numbers, dates, units, durations, and the
 * locale's {@link CsvDialect}. Obtain one with {@link Messages#formats(Locale)}.
 *
 * <table>
 *   <caption>What each supported locale writes</caption>
 *   <tr><th></th><th>en</th><th>pt-BR</th></tr>
 *   <tr><td>{@link #eto(double)}</td><td>{@code 1,234.57}</td><td>{@code 1.234,57}</td></tr>
 *   <tr><td>{@link #date(LocalDate)}</td><td>{@code 2024-03-31} (ISO 8601)</td><td>{@code 31/03/2024}</td></tr>
 *   <tr><td>{@link #quantity(double, int, Unit)}</td><td>{@code 4.57 mm/day}</td><td>{@code 4,57 mm/dia}</td></tr>
 *   <tr><td>{@link #remaining(Duration)}</td><td>{@code About 2 min left}</td>
 *       <td>{@code Cerca de 2 min restantes}</td></tr>
 *   <tr><td>{@link #csv()}</td><td>{@code ,} and {@code .}</td><td>{@code ;} and {@code ,}</td></tr>
 * </table>
 *
 * <p>Numbers are rounded half up from the shortest decimal form of the double (so 2.675 shows as 2.68, as a
 * person reading "2.675" expects) and never show a negative zero. NaN and infinities show as
 * {@link #NOT_AVAILABLE}. Separators are fixed per locale rather than taken from the JDK's locale data, so the
 * output is the same on every JDK. Instances are immutable and thread-safe.
 */
public final class Formats {

    /**
     * ETo decimals shown by default: FAO-56's worked examples print ETo to one or two decimals, and 0.01 mm
     * is below what any station resolves.
     */
    public static final int DEFAULT_ETO_DECIMALS = 2;

    /** The most decimals a number may be shown with: beyond this a double carries no more information. */
    public static final int MAX_DECIMALS = 15;

    /** What a missing or non-finite number shows as: an em dash. */
    public static final String NOT_AVAILABLE = "—";

    private final Messages messages;
    private final Locale locale;
    private final char decimalSeparator;
    private final char groupingSeparator;
    private final String datePattern;
    private final String dateTimePattern;
    private final String monthPattern;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter month;
    private final int etoDecimals;

    private Formats(Messages messages, Locale locale, int etoDecimals) {
        this.messages = messages;
        this.locale = locale;
        this.etoDecimals = etoDecimals;
        boolean pt = "pt".equals(locale.getLanguage());
        this.decimalSeparator = pt ? ',' : '.';
        this.groupingSeparator = pt ? '.' : ',';
        this.datePattern = pt ? "dd/MM/uuuu" : "uuuu-MM-dd";
        this.dateTimePattern = pt ? "dd/MM/uuuu HH:mm" : "uuuu-MM-dd HH:mm";
        this.monthPattern = pt ? "MM/uuuu" : "uuuu-MM";
        this.date = DateTimeFormatter.ofPattern(datePattern, Locale.ROOT);
        this.dateTime = DateTimeFormatter.ofPattern(dateTimePattern, Locale.ROOT);
        this.month = DateTimeFormatter.ofPattern(monthPattern, Locale.ROOT);
    }

    static Formats create(Messages messages, Locale supportedLocale) {
        return new Formats(messages, supportedLocale, DEFAULT_ETO_DECIMALS);
    }

    /**
     * The supported locale these formats are for.
     *
     * @return {@link Messages#ENGLISH} or {@link Messages#BRAZILIAN_PORTUGUESE}
     */
    public Locale locale() {
        return locale;
    }

    /**
     * How many decimals {@link #eto(double)} shows.
     *
     * @return the decimals; {@value #DEFAULT_ETO_DECIMALS} unless changed
     */
    public int etoDecimals() {
        return etoDecimals;
    }

    /**
     * These formats with another number of ETo decimals.
     *
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @return a copy
     */
    public Formats withEtoDecimals(int decimals) {
        checkDecimals(decimals);
        return new Formats(messages, locale, decimals);
    }

    /**
     * An ETo value with {@link #etoDecimals()} decimals.
     *
     * @param etoMillimetres ETo in mm (per day, hour or month)
     * @return e.g. {@code 4.57} or {@code 4,57}; {@link #NOT_AVAILABLE} for NaN
     */
    public String eto(double etoMillimetres) {
        return number(etoMillimetres, etoDecimals);
    }

    /**
     * A number with exactly {@code decimals} decimals and the locale's grouping of thousands.
     *
     * @param value    the value
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @return e.g. {@code 1,234.5} or {@code 1.234,5}; {@link #NOT_AVAILABLE} for NaN or infinities
     */
    public String number(double value, int decimals) {
        checkDecimals(decimals);
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        BigDecimal r = CsvDialect.round(value, decimals);
        String plain = r.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder s = new StringBuilder(plain.length() + whole.length() / 3 + 1);
        if (r.signum() < 0) {
            s.append('-');
        }
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                s.append(groupingSeparator);
            }
            s.append(whole.charAt(i));
        }
        if (dot >= 0) {
            s.append(decimalSeparator).append(plain, dot + 1, plain.length());
        }
        return s.toString();
    }

    /**
     * A number followed by its unit.
     *
     * @param value    the value
     * @param decimals from 0 to {@value #MAX_DECIMALS}
     * @param unit     the unit
     * @return e.g. {@code 4,57 mm/dia}; {@link #NOT_AVAILABLE} alone for NaN
     */
    public String quantity(double value, int decimals, Unit unit) {
        Objects.requireNonNull(unit, "unit");
        String n = number(value, decimals);
        return n.equals(NOT_AVAILABLE) ? n : n + ' ' + unit(unit);
    }

    /**
     * The written form of a unit.
     *
     * @param unit the unit
     * @return e.g. {@code mm/dia} or {@code MJ m⁻² dia⁻¹}
     */
    public String unit(Unit unit) {
        return messages.format(locale, Objects.requireNonNull(unit, "unit").messageKey());
    }

    /**
     * A date: ISO 8601 in English, {@code dd/MM/yyyy} in Brazilian Portuguese.
     *
     * @param value the date
     * @return the text
     */
    public String date(LocalDate value) {
        return date.format(Objects.requireNonNull(value, "value"));
    }

    /**
     * A date and time to the minute: {@code 2024-03-31 14:00} or {@code 31/03/2024 14:00}.
     *
     * @param value the date and time
     * @return the text
     */
    public String dateTime(LocalDateTime value) {
        return dateTime.format(Objects.requireNonNull(value, "value"));
    }

    /**
     * A month: {@code 2024-03} or {@code 03/2024}.
     *
     * @param value the month
     * @return the text
     */
    public String month(YearMonth value) {
        return month.format(Objects.requireNonNull(value, "value"));
    }

    /**
     * The pattern of {@link #date(LocalDate)}, in {@link DateTimeFormatter} syntax.
     *
     * @return {@code uuuu-MM-dd} or {@code dd/MM/uuuu}
     */
    public String datePattern() {
        return datePattern;
    }

    /**
     * The pattern of {@link #dateTime(LocalDateTime)}, in {@link DateTimeFormatter} syntax.
     *
     * @return the pattern
     */
    public String dateTimePattern() {
        return dateTimePattern;
    }

    /**
     * The pattern of {@link #month(YearMonth)}, in {@link DateTimeFormatter} syntax.
     *
     * @return the pattern
     */
    public String monthPattern() {
        return monthPattern;
    }

    /**
     * The decimal separator of {@link #number}.
     *
     * @return {@code .} or {@code ,}
     */
    public char decimalSeparator() {
        return decimalSeparator;
    }

    /**
     * The thousands separator of {@link #number}.
     *
     * @return {@code ,} or {@code .}
     */
    public char groupingSeparator() {
        return groupingSeparator;
    }

    /**
     * The time left of a running task, rounded for a person: under 5 s "Almost done"; under a minute "Less
     * than a minute left"; then whole minutes ("About 2 min left"), and from an hour on hours and minutes.
     *
     * @param remaining the estimated time left; negative counts as zero
     * @return the text
     */
    public String remaining(Duration remaining) {
        long seconds = Math.max(0, Objects.requireNonNull(remaining, "remaining").getSeconds());
        if (seconds < 5) {
            return messages.format(locale, "duration.remaining.finishing");
        }
        if (seconds < 60) {
            return messages.format(locale, "duration.remaining.under_minute");
        }
        long minutes = (seconds + 30) / 60;
        if (minutes < 60) {
            return messages.format(locale, "duration.remaining.minutes", minutes);
        }
        return messages.format(locale, "duration.remaining.hours", minutes / 60, minutes % 60);
    }

    /**
     * The text shown while no estimate of the time left exists yet.
     *
     * @return e.g. "Estimating the time left…"
     */
    public String remainingUnknown() {
        return messages.format(locale, "duration.remaining.unknown");
    }

    /**
     * A time taken, truncated to whole seconds: {@code 12 s}, {@code 3 min 5 s}, {@code 1 h 4 min}.
     *
     * @param elapsed the duration; negative counts as zero
     * @return the text
     */
    public String elapsed(Duration elapsed) {
        long seconds = Math.max(0, Objects.requireNonNull(elapsed, "elapsed").getSeconds());
        if (seconds < 60) {
            return messages.format(locale, "duration.elapsed.seconds", seconds);
        }
        if (seconds < 3600) {
            return messages.format(locale, "duration.elapsed.minutes", seconds / 60, seconds % 60);
        }
        return messages.format(locale, "duration.elapsed.hours", seconds / 3600, (seconds % 3600) / 60);
    }

    /**
     * The CSV dialect that this locale's spreadsheet programs open correctly.
     *
     * @return the dialect
     */
    public CsvDialect csv() {
        return CsvDialect.forLocale(locale);
    }

    private static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be between 0 and " + MAX_DECIMALS + ", was " + decimals);
        }
    }

    @Override
    public String toString() {
        return "Formats[" + locale.toLanguageTag() + ", etoDecimals=" + etoDecimals + "]";
    }
}
