package org.eto4j.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes daily series as CSV in the eto4j CLI's input format: a header of lower-case column names
 * ({@link Variable#column()}), one row per day, {@code date} as {@code YYYY-MM-DD}, numbers with a dot and
 * at most {@value #DECIMALS} decimals, an empty cell for a missing value, and a {@code flags} column of
 * {@code |}-joined {@code column:flag} tokens.
 */
public final class DailyCsv {
    /** The columns eto-core's daily step reads (the CLI's {@code daily} input), in this order. */
    public static final List<Variable> CLI_INPUT = List.of(Variable.TMAX, Variable.TMIN, Variable.RH_MAX,
            Variable.RH_MIN, Variable.RH_MEAN, Variable.TDEW, Variable.WIND_SPEED_2M, Variable.SOLAR_RADIATION);
    /** Decimals written: more than any source's precision (POWER and Open-Meteo print two). */
    public static final int DECIMALS = 4;

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
        try {
            out.append("date");
            for (Variable v : columns) {
                out.append(',').append(v.column());
            }
            if (flags) {
                out.append(",flags");
            }
            out.append('\n');
            for (int d = 0; d < series.size(); d++) {
                out.append(series.date(d).toString());
                StringBuilder tokens = new StringBuilder();
                for (Variable v : columns) {
                    out.append(',');
                    double x = series.valueOrNaN(d, v);
                    if (!Double.isNaN(x)) {
                        out.append(number(x));
                    }
                    for (ValueFlag f : series.flags(d, v)) {
                        if (f != ValueFlag.AGGREGATED_FROM_HOURLY) {
                            tokens.append(tokens.length() == 0 ? "" : "|").append(v.column()).append(':')
                                    .append(f.token());
                        }
                    }
                }
                if (flags) {
                    out.append(',').append(tokens);
                }
                out.append('\n');
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
        try {
            out.append("date,eto,flags\n");
            for (int d = 0; d < series.days().size(); d++) {
                EtoDay day = series.days().get(d);
                out.append(day.date().toString()).append(',');
                if (day.etoMillimetres().isPresent()) {
                    out.append(number(day.etoMillimetres().getAsDouble()));
                }
                out.append(',').append(String.join("|", series.flagTokens(d))).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String number(double x) {
        return BigDecimal.valueOf(x).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
