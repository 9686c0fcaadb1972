package org.eto4j.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.eto4j.i18n.CsvDialect;

/**
 * Writes daily series as CSV in the eto4j CLI's input format ({@link CsvDialect#PLAIN}): a header of lower-case
 * column names ({@link Variable#column()}), one row per day, {@code date} as {@code YYYY-MM-DD}, numbers under
 * eto4j's one number rule ({@link CsvDialect#number}: {@value #DECIMALS} decimals, half up, trailing zeros
 * kept), an empty cell for a missing value, and a {@code flags} column of {@code |}-joined {@code column:flag}
 * tokens. An ETo written here is character for character the ETo the command-line tool and the web app's
 * export print for the same day.
 */
public final class DailyCsv {
    /**
     * The columns eto-core's daily step reads (the CLI's {@code daily} input), in this order. {@code tmean} is
     * written so that the file carries what the source measured; whether it is used is the reader's
     * {@link TmeanRule} (by default it is not: FAO-56 standardises on (Tmax + Tmin)/2).
     */
    public static final List<Variable> CLI_INPUT = List.of(Variable.TMAX, Variable.TMIN, Variable.TMEAN,
            Variable.RH_MAX, Variable.RH_MIN, Variable.RH_MEAN, Variable.TDEW, Variable.WIND_SPEED_2M,
            Variable.SOLAR_RADIATION);
    /** Decimals written: eto4j's {@link CsvDialect#DEFAULT_DECIMALS}, more than any source's precision (two). */
    public static final int DECIMALS = CsvDialect.DEFAULT_DECIMALS;

    private static final CsvDialect CSV = CsvDialect.PLAIN;

    private DailyCsv() {
    }

    /**
     * Writes {@link #CLI_INPUT} plus a {@code flags} column for the days of {@code series}; variables the
     * source does not provide are left out.
     *
     * @param series the series
     * @param out    where to write
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(DailySeries series, Appendable out) {
        write(series, out, CLI_INPUT, true);
    }

    /**
     * Writes the chosen variables (those the source provides) and optionally a {@code flags} column.
     *
     * @param series    the series
     * @param out       where to write
     * @param variables the columns after {@code date}, in order
     * @param flags     whether to add the {@code flags} column
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(DailySeries series, Appendable out, List<Variable> variables, boolean flags) {
        List<Variable> columns = variables.stream().filter(series.variables()::contains).toList();
        StringBuilder line = new StringBuilder(128);
        try {
            line.append("date");
            for (Variable v : columns) {
                line.append(CSV.separator()).append(v.column());
            }
            if (flags) {
                line.append(CSV.separator()).append("flags");
            }
            out.append(line).append(CSV.lineSeparator());
            for (int d = 0; d < series.size(); d++) {
                line.setLength(0);
                line.append(CSV.date(series.date(d)));
                StringBuilder tokens = new StringBuilder();
                for (Variable v : columns) {
                    line.append(CSV.separator());
                    CSV.appendNumber(line, series.valueOrNaN(d, v), DECIMALS);
                    for (ValueFlag f : series.flags(d, v)) {
                        if (f != ValueFlag.AGGREGATED_FROM_HOURLY) {
                            tokens.append(tokens.length() == 0 ? "" : "|").append(v.column()).append(':')
                                    .append(f.token());
                        }
                    }
                }
                if (flags) {
                    line.append(CSV.separator()).append(CSV.text(tokens.toString()));
                }
                out.append(line).append(CSV.lineSeparator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code date,eto,flags} for a computed series, ETo in mm day⁻¹ with {@value #DECIMALS} decimals
     * (empty when the day could not be computed) and flags from {@link PointEtoSeries#flagTokens}.
     *
     * @param series the computed series
     * @param out    where to write
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void writeEto(PointEtoSeries series, Appendable out) {
        writeEto(series, out, DECIMALS);
    }

    /**
     * Writes {@code date,eto,flags} for a computed series with {@code decimals} decimals of ETo (the command
     * line's {@code --decimals}), under the same number rule.
     *
     * @param series   the computed series
     * @param out      where to write
     * @param decimals from 0 to {@value CsvDialect#MAX_DECIMALS}
     * @throws UncheckedIOException when {@code out} fails
     * @throws IllegalArgumentException when {@code decimals} is out of range
     */
    public static void writeEto(PointEtoSeries series, Appendable out, int decimals) {
        StringBuilder line = new StringBuilder(64);
        try {
            out.append(CSV.line("date", "eto", "flags"));
            for (int d = 0; d < series.days().size(); d++) {
                EtoDay day = series.days().get(d);
                line.setLength(0);
                line.append(CSV.date(day.date())).append(CSV.separator());
                CSV.appendNumber(line, day.etoMillimetres().orElse(Double.NaN), decimals);
                line.append(CSV.separator()).append(CSV.text(String.join("|", series.flagTokens(d))))
                        .append(CSV.lineSeparator());
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
