package org.eto4j.core;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The weather of one hour (FAO-56 ch. 4, hourly time step, eq. 53). Every value but the time stamp is
 * optional: an absent value is {@code NaN}.
 *
 * <p>The time stamp is a local date-time with its UTC offset; by default it marks the <em>start</em> of the
 * period ({@link TimeStampConvention}). The offset fixes the standard meridian of FAO-56 eq. 31
 * (Lz = −15° × offset hours in FAO-56's degrees west): {@code 1998-10-01T14:00-01:00} is 14:00–15:00 at
 * Lz = 15°W, as in FAO-56 example 19.
 *
 * <p>Humidity: {@code ea}, else {@code tdew} (eq. 14), else {@code rh} (eq. 54); one is required. Wind:
 * {@code u2}, else {@code windSpeed} at the station's wind height (eq. 47), else 2 m/s (flagged). Solar
 * radiation is required (0 at night).
 *
 * @param time      the time stamp with its UTC offset
 * @param t         mean air temperature of the hour at 2 m (°C), required
 * @param rh        mean relative humidity of the hour (%)
 * @param tdew      dew point (°C)
 * @param ea        actual vapour pressure (kPa)
 * @param windSpeed mean wind speed at the station's wind height (m/s)
 * @param u2        mean wind speed at 2 m (m/s)
 * @param rs        incoming solar radiation (MJ m⁻² h⁻¹), required
 */
public record HourlyWeather(OffsetDateTime time, double t, double rh, double tdew, double ea, double windSpeed,
                            double u2, double rs) {

    /** Requires the time stamp. */
    public HourlyWeather {
        Objects.requireNonNull(time, "time");
    }

    /**
     * Starts a builder with every value absent.
     *
     * @param time the time stamp with its UTC offset
     * @return a builder
     */
    public static Builder builder(OffsetDateTime time) {
        return new Builder(time);
    }

    /** A mutable builder of {@link HourlyWeather}. */
    public static final class Builder {
        private final OffsetDateTime time;
        private double t = Double.NaN;
        private double rh = Double.NaN;
        private double tdew = Double.NaN;
        private double ea = Double.NaN;
        private double windSpeed = Double.NaN;
        private double u2 = Double.NaN;
        private double rs = Double.NaN;

        private Builder(OffsetDateTime time) {
            this.time = Objects.requireNonNull(time, "time");
        }

        /**
         * Sets a value.
         *
         * @param v mean temperature (°C), or NaN for absent
         * @return this builder
         */
        public Builder t(double v) {
            t = v;
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v mean relative humidity (%), or NaN for absent
         * @return this builder
         */
        public Builder rh(double v) {
            rh = v;
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v dew point (°C), or NaN for absent
         * @return this builder
         */
        public Builder tdew(double v) {
            tdew = v;
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v actual vapour pressure (kPa), or NaN for absent
         * @return this builder
         */
        public Builder ea(double v) {
            ea = v;
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v wind speed at the station's wind height (m/s), or NaN for absent
         * @return this builder
         */
        public Builder windSpeed(double v) {
            windSpeed = v;
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v wind speed at 2 m (m/s), or NaN for absent
         * @return this builder
         */
        public Builder u2(double v) {
            u2 = v;
            return this;
        }

        /**
         * Sets a value.
         *
         * @param v solar radiation (MJ m⁻² h⁻¹), or NaN for absent
         * @return this builder
         */
        public Builder rs(double v) {
            rs = v;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the immutable value
         */
        public HourlyWeather build() {
            return new HourlyWeather(time, t, rh, tdew, ea, windSpeed, u2, rs);
        }
    }
}
