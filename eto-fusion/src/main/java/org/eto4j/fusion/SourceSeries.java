package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import org.eto4j.core.VapourPressure;
import org.eto4j.core.Wind;

/**
 * One source's daily FAO-56 inputs over a run of days (NASA POWER, Open-Meteo, a station…), as primitive columns.
 * Absent values are {@code NaN}. Immutable: the builder copies the arrays it is given.
 *
 * <pre>{@code
 * SourceSeries power = SourceSeries.builder("nasa_power", dates)
 *         .tmax(tmax).tmin(tmin).rhMean(rh).u2(ws2m).rs(rs)
 *         .build();
 * SourceSeries era5 = SourceSeries.builder("open_meteo", dates)
 *         .tmax(tmax).tmin(tmin).rhMean(rh).windSpeed(ws10m, 10).rs(rs)   // FAO-56 eq. 47 to 2 m
 *         .build();
 * }</pre>
 */
public final class SourceSeries {
    private final String source;
    private final LocalDate[] dates;
    private final EnumMap<Variable, double[]> columns;

    private SourceSeries(Builder b) {
        this.source = b.source;
        this.dates = b.dates;
        // The builder's arrays are its own copies and are only ever replaced, never written: a new map suffices.
        this.columns = new EnumMap<>(b.columns);
    }

    /**
     * Starts a series.
     *
     * @param source the source's name, as the calibration knows it (e.g. {@code nasa_power})
     * @param dates  the days, strictly increasing (gaps between days are allowed)
     * @return a builder
     * @throws FusionException {@link FusionErrorCode#DATES_NOT_INCREASING} when a day repeats or goes back
     */
    public static Builder builder(String source, List<LocalDate> dates) {
        return new Builder(source, dates);
    }

    /**
     * The source's name.
     *
     * @return the name
     */
    public String source() {
        return source;
    }

    /**
     * The number of days.
     *
     * @return the size
     */
    public int size() {
        return dates.length;
    }

    /**
     * The days.
     *
     * @return an immutable list
     */
    public List<LocalDate> dates() {
        return List.of(dates);
    }

    /**
     * The day of a row.
     *
     * @param row zero-based row
     * @return the day
     */
    public LocalDate date(int row) {
        return dates[row];
    }

    /**
     * Whether the series has the variable (on at least one day: a column given).
     *
     * @param variable the variable
     * @return true when a column was given
     */
    public boolean has(Variable variable) {
        return columns.containsKey(variable);
    }

    /**
     * A variable on a day.
     *
     * @param variable the variable
     * @param row      zero-based row
     * @return the value in the variable's unit, {@code NaN} when absent
     */
    public double value(Variable variable, int row) {
        double[] c = columns.get(variable);
        return c == null ? Double.NaN : c[row];
    }

    /**
     * A copy of a variable's column.
     *
     * @param variable the variable
     * @return the values, all {@code NaN} when the column was not given
     */
    public double[] values(Variable variable) {
        double[] c = columns.get(variable);
        if (c == null) {
            double[] nan = new double[dates.length];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return c.clone();
    }

    // package-private zero-copy access for the estimators
    double[] column(Variable variable) {
        return columns.get(variable);
    }

    LocalDate[] dateArray() {
        return dates;
    }

    /**
     * Whether all five inputs are present on a day.
     *
     * @param row zero-based row
     * @return true when every variable is finite
     */
    public boolean complete(int row) {
        for (Variable v : Variable.values()) {
            double[] c = columns.get(v);
            if (c == null || !Double.isFinite(c[row])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SourceSeries[" + source + ", " + dates.length + " days, " + columns.keySet() + "]";
    }

    /** Builds a {@link SourceSeries}. Not thread-safe; {@link #build()} copies everything. */
    public static final class Builder {
        private final String source;
        private final LocalDate[] dates;
        private final EnumMap<Variable, double[]> columns = new EnumMap<>(Variable.class);
        private double[] tdew;

        private Builder(String source, List<LocalDate> dates) {
            this.source = Objects.requireNonNull(source, "source");
            if (source.isBlank()) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "source", source, "a non-blank name");
            }
            this.dates = dates.toArray(new LocalDate[0]);
            for (int i = 1; i < this.dates.length; i++) {
                if (!this.dates[i].isAfter(this.dates[i - 1])) {
                    throw new FusionException(FusionErrorCode.DATES_NOT_INCREASING, source, i, this.dates[i],
                            this.dates[i - 1]);
                }
            }
        }

        private Builder put(Variable v, String name, double[] column) {
            if (column.length != dates.length) {
                throw new FusionException(FusionErrorCode.LENGTH_MISMATCH, source, name, column.length,
                        dates.length);
            }
            columns.put(v, clean(column));
            return this;
        }

        /**
         * Daily maximum temperature.
         *
         * @param celsius °C, one per day, {@code NaN} when absent
         * @return this builder
         */
        public Builder tmax(double[] celsius) {
            return put(Variable.TMAX, "tmax", celsius);
        }

        /**
         * Daily minimum temperature.
         *
         * @param celsius °C, one per day, {@code NaN} when absent
         * @return this builder
         */
        public Builder tmin(double[] celsius) {
            return put(Variable.TMIN, "tmin", celsius);
        }

        /**
         * Daily mean relative humidity.
         *
         * @param percent %, one per day, {@code NaN} when absent
         * @return this builder
         */
        public Builder rhMean(double[] percent) {
            return put(Variable.RH_MEAN, "rh_mean", percent);
        }

        /**
         * Dew-point temperature, used when no mean relative humidity is given: converted to the RHmean that gives
         * the same actual vapour pressure through FAO-56 eq. 19, RHmean = 100 · e°(Tdew) / es (eq. 14, 11, 12).
         *
         * @param celsius °C, one per day, {@code NaN} when absent
         * @return this builder
         */
        public Builder tdew(double[] celsius) {
            if (celsius.length != dates.length) {
                throw new FusionException(FusionErrorCode.LENGTH_MISMATCH, source, "tdew", celsius.length,
                        dates.length);
            }
            this.tdew = clean(celsius);
            return this;
        }

        /**
         * Wind speed measured at 2 m.
         *
         * @param metresPerSecond m s⁻¹, one per day, {@code NaN} when absent
         * @return this builder
         */
        public Builder u2(double[] metresPerSecond) {
            return put(Variable.U2, "u2", metresPerSecond);
        }

        /**
         * Wind speed measured at another height, converted to 2 m with FAO-56 eq. 47 (eto-core's
         * {@link Wind#toTwoMetres(double, double)}).
         *
         * @param metresPerSecond m s⁻¹ at {@code heightMetres}, one per day, {@code NaN} when absent
         * @param heightMetres    the measurement height, 0.5–100 m
         * @return this builder
         */
        public Builder windSpeed(double[] metresPerSecond, double heightMetres) {
            if (!(heightMetres >= 0.5 && heightMetres <= 100)) {
                throw new FusionException(FusionErrorCode.INVALID_OPTION, "windHeightMetres", heightMetres,
                        "0.5–100");
            }
            double[] u2 = new double[metresPerSecond.length];
            for (int i = 0; i < u2.length; i++) {
                u2[i] = Double.isFinite(metresPerSecond[i])
                        ? Wind.toTwoMetres(metresPerSecond[i], heightMetres) : Double.NaN;
            }
            return put(Variable.U2, "uz", u2);
        }

        /**
         * Incoming solar radiation.
         *
         * @param megajoulesPerSquareMetreDay MJ m⁻² d⁻¹, one per day, {@code NaN} when absent
         * @return this builder
         */
        public Builder rs(double[] megajoulesPerSquareMetreDay) {
            return put(Variable.RS, "rs", megajoulesPerSquareMetreDay);
        }

        /**
         * Builds the series.
         *
         * @return the series
         */
        public SourceSeries build() {
            if (tdew != null && !columns.containsKey(Variable.RH_MEAN)) {
                double[] tx = columns.get(Variable.TMAX);
                double[] tn = columns.get(Variable.TMIN);
                double[] rh = new double[dates.length];
                for (int i = 0; i < rh.length; i++) {
                    rh[i] = tx == null || tn == null ? Double.NaN
                            : 100 * VapourPressure.actualFromDewPoint(tdew[i])
                            / VapourPressure.meanSaturation(tx[i], tn[i]);
                }
                columns.put(Variable.RH_MEAN, rh);
            }
            return new SourceSeries(this);
        }

        // Infinite values and NASA POWER's -999 fill value are absent, as eto-core's tables read them.
        private static double[] clean(double[] column) {
            double[] c = column.clone();
            for (int i = 0; i < c.length; i++) {
                if (!Double.isFinite(c[i]) || c[i] == -999.0) {
                    c[i] = Double.NaN;
                }
            }
            return c;
        }
    }
}
