package org.eto4j.core;

import java.util.Objects;

/**
 * A series of daily records of one station as primitive columns (struct of arrays), for
 * {@link Fao56#dailyBatch(Station, DailyColumns, double[], long[])}.
 *
 * <p>Every column is optional except the day of year, {@code tmax} and {@code tmin}; a missing column
 * ({@code null}) or a NaN cell means "absent", exactly as in {@link DailyWeather}. The arrays are held by
 * reference, not copied, so a caller can refill them between calls (stream a long file in chunks) without
 * allocating; {@link Builder#firstRowIndex(int)} keeps the row indices of errors absolute across chunks.
 * Columns may be longer than {@link #size()}; only the first {@code size()} cells are read.
 *
 * <p>One instance describes one station's series; for several stations call the batch method once per
 * station (each call computes the station constants once), or give per-row {@link Builder#latitudeDegrees}
 * and {@link Builder#elevationMetres} columns for records of many sites (the station then supplies only the
 * wind measurement height).
 */
public final class DailyColumns {
    final int size;
    final int firstRowIndex;
    final int[] dayOfYear;
    final double[] tmax;
    final double[] tmin;
    final double[] tmean;
    final double[] rhMax;
    final double[] rhMin;
    final double[] rhMean;
    final double[] tdew;
    final double[] ea;
    final double[] windSpeed;
    final double[] u2;
    final double[] rs;
    final double[] sunshineHours;
    final double[] latitudeDegrees;
    final double[] elevationMetres;

    private DailyColumns(Builder b) {
        this.size = b.size;
        this.firstRowIndex = b.firstRowIndex;
        this.dayOfYear = b.dayOfYear;
        this.tmax = b.tmax;
        this.tmin = b.tmin;
        this.tmean = b.tmean;
        this.rhMax = b.rhMax;
        this.rhMin = b.rhMin;
        this.rhMean = b.rhMean;
        this.tdew = b.tdew;
        this.ea = b.ea;
        this.windSpeed = b.windSpeed;
        this.u2 = b.u2;
        this.rs = b.rs;
        this.sunshineHours = b.sunshineHours;
        this.latitudeDegrees = b.latitudeDegrees;
        this.elevationMetres = b.elevationMetres;
    }

    /**
     * Starts a builder over {@code size} rows.
     *
     * @param size      the number of rows, ≥ 0
     * @param dayOfYear the day of the year J (1–366) of each row, length ≥ size
     * @return a builder
     */
    public static Builder builder(int size, int[] dayOfYear) {
        return new Builder(size, dayOfYear);
    }

    /** The number of rows. */
    public int size() {
        return size;
    }

    /** The row index reported for the first row (0 unless set). */
    public int firstRowIndex() {
        return firstRowIndex;
    }

    /** A builder; each column setter takes an array of at least {@code size} cells (NaN = absent). */
    public static final class Builder {
        private final int size;
        private final int[] dayOfYear;
        private int firstRowIndex;
        private double[] tmax;
        private double[] tmin;
        private double[] tmean;
        private double[] rhMax;
        private double[] rhMin;
        private double[] rhMean;
        private double[] tdew;
        private double[] ea;
        private double[] windSpeed;
        private double[] u2;
        private double[] rs;
        private double[] sunshineHours;
        private double[] latitudeDegrees;
        private double[] elevationMetres;

        private Builder(int size, int[] dayOfYear) {
            this.size = size;
            this.dayOfYear = Objects.requireNonNull(dayOfYear, "dayOfYear");
        }

        /**
         * Sets the row index reported for the first row, e.g. the line offset of a chunk.
         *
         * @param index the index, ≥ 0
         * @return this builder
         */
        public Builder firstRowIndex(int index) {
            this.firstRowIndex = index;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column maximum temperature (°C)
         * @return this builder
         */
        public Builder tmax(double[] column) {
            tmax = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column minimum temperature (°C)
         * @return this builder
         */
        public Builder tmin(double[] column) {
            tmin = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column measured mean temperature (°C)
         * @return this builder
         */
        public Builder tmean(double[] column) {
            tmean = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column maximum relative humidity (%)
         * @return this builder
         */
        public Builder rhMax(double[] column) {
            rhMax = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column minimum relative humidity (%)
         * @return this builder
         */
        public Builder rhMin(double[] column) {
            rhMin = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column mean relative humidity (%)
         * @return this builder
         */
        public Builder rhMean(double[] column) {
            rhMean = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column dew point (°C)
         * @return this builder
         */
        public Builder tdew(double[] column) {
            tdew = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column actual vapour pressure (kPa)
         * @return this builder
         */
        public Builder ea(double[] column) {
            ea = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column wind speed at the station's wind height (m/s)
         * @return this builder
         */
        public Builder windSpeed(double[] column) {
            windSpeed = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column wind speed at 2 m (m/s)
         * @return this builder
         */
        public Builder u2(double[] column) {
            u2 = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column solar radiation (MJ m⁻² d⁻¹)
         * @return this builder
         */
        public Builder rs(double[] column) {
            rs = column;
            return this;
        }

        /**
         * Sets a column.
         *
         * @param column sunshine duration (hours)
         * @return this builder
         */
        public Builder sunshineHours(double[] column) {
            sunshineHours = column;
            return this;
        }

        /**
         * Sets a per-row latitude, for records of many sites in one batch (a grid, a table of independent
         * station-days): row {@code i} is computed at {@code column[i]} instead of the station's latitude.
         * Consecutive rows with the same latitude reuse its constants.
         *
         * @param column latitude (decimal degrees, −90 to 90, north positive); a NaN cell is invalid
         * @return this builder
         */
        public Builder latitudeDegrees(double[] column) {
            latitudeDegrees = column;
            return this;
        }

        /**
         * Sets a per-row elevation: row {@code i} is computed at {@code column[i]} instead of the station's
         * elevation (atmospheric pressure, eq. 7; γ, eq. 8; Rso, eq. 37). Consecutive rows with the same
         * elevation reuse its constants.
         *
         * @param column elevation above sea level (m, −500 to 9000); a NaN cell is invalid
         * @return this builder
         */
        public Builder elevationMetres(double[] column) {
            elevationMetres = column;
            return this;
        }

        /**
         * Checks the column lengths and builds the columns.
         *
         * @return the columns
         * @throws EtoException {@link ErrorCode#LENGTH_MISMATCH} (field = the column) when a column is shorter
         *                      than the size, {@link ErrorCode#MISSING_INPUT} when tmax or tmin is missing,
         *                      {@link ErrorCode#INVALID_OPTION} for a negative size or first row index
         */
        public DailyColumns build() {
            if (size < 0) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "size", -1, "size", size, ">= 0");
            }
            if (firstRowIndex < 0) {
                throw new EtoException(ErrorCode.INVALID_OPTION, "firstRowIndex", -1, "firstRowIndex",
                        firstRowIndex, ">= 0");
            }
            if (tmax == null) {
                throw new EtoException(ErrorCode.MISSING_INPUT, "tmax", -1, "tmax", Fao56.METHOD_DAILY);
            }
            if (tmin == null) {
                throw new EtoException(ErrorCode.MISSING_INPUT, "tmin", -1, "tmin", Fao56.METHOD_DAILY);
            }
            checkLength("day_of_year", dayOfYear.length);
            check("tmax", tmax);
            check("tmin", tmin);
            check("tmean", tmean);
            check("rh_max", rhMax);
            check("rh_min", rhMin);
            check("rh_mean", rhMean);
            check("tdew", tdew);
            check("ea", ea);
            check("uz", windSpeed);
            check("u2", u2);
            check("rs", rs);
            check("sunshine_hours", sunshineHours);
            check("latitude", latitudeDegrees);
            check("elevation", elevationMetres);
            return new DailyColumns(this);
        }

        private void check(String field, double[] column) {
            if (column != null) {
                checkLength(field, column.length);
            }
        }

        private void checkLength(String field, int length) {
            if (length < size) {
                throw new EtoException(ErrorCode.LENGTH_MISMATCH, field, -1, field, length, size);
            }
        }
    }
}
