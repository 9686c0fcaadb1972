package org.eto4j.core;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The weather of one day. Every value but the date is optional: an absent value is {@code NaN} (test with
 * {@link Double#isNaN(double)}); the calculator then applies the FAO-56 missing-data procedure and flags it.
 * Values are not validated here but by the calculator, which knows the row index and the validation mode.
 *
 * <p>Humidity is taken from the first present of: {@code ea}, {@code tdew} (eq. 14), {@code rhMax} and
 * {@code rhMin} (eq. 17), {@code rhMax} (eq. 18), {@code rhMean} (eq. 19), else Tmin (eq. 48). Radiation: from
 * {@code rs}, else {@code sunshineHours} (eq. 35), else the temperature range (eq. 50). Wind: {@code u2}, else
 * {@code windSpeed} at the station's wind height (eq. 47), else 2 m/s.
 *
 * @param date          the day
 * @param tmax          maximum air temperature at 2 m (°C), required
 * @param tmin          minimum air temperature at 2 m (°C), required
 * @param tmean         measured daily mean temperature (°C), used for Δ and 900/(T+273); else (Tmax+Tmin)/2
 * @param rhMax         maximum relative humidity (%)
 * @param rhMin         minimum relative humidity (%)
 * @param rhMean        mean relative humidity (%)
 * @param tdew          dew point temperature (°C)
 * @param ea            actual vapour pressure (kPa)
 * @param windSpeed     mean wind speed at the station's wind height (m/s)
 * @param u2            mean wind speed at 2 m (m/s); wins over {@code windSpeed}
 * @param rs            incoming solar radiation (MJ m⁻² d⁻¹)
 * @param sunshineHours actual duration of sunshine n (hours)
 */
public record DailyWeather(LocalDate date, double tmax, double tmin, double tmean, double rhMax, double rhMin,
                           double rhMean, double tdew, double ea, double windSpeed, double u2, double rs,
                           double sunshineHours) {

    /** Requires the date. */
    public DailyWeather {
        Objects.requireNonNull(date, "date");
    }

    /**
     * Starts a builder with every value absent.
     *
     * @param date the day
     * @return a builder
     */
    public static Builder builder(LocalDate date) {
        return new Builder(date);
    }

    /** A mutable builder of {@link DailyWeather}; each setter takes the value in the unit documented on the record. */
    public static final class Builder extends WeatherValuesBuilder<Builder> {
        private final LocalDate date;

        private Builder(LocalDate date) {
            this.date = Objects.requireNonNull(date, "date");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the immutable value
         */
        public DailyWeather build() {
            return new DailyWeather(date, tmax, tmin, tmean, rhMax, rhMin, rhMean, tdew, ea, windSpeed, u2, rs,
                    sunshineHours);
        }
    }
}
