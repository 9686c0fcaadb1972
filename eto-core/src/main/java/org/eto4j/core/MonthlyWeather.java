package org.eto4j.core;

import java.time.YearMonth;
import java.util.Objects;

/**
 * The mean daily weather of one month (FAO-56 ch. 4, monthly calculation step;
 * all values are means of daily values). Every value but the month is optional: an absent value is {@code NaN} (test
 * with {@link Double#isNaN(double)}); the calculator then applies the FAO-56 missing-data procedure and flags it.
 * Values are not validated here but by the calculator, which knows the row index and the validation mode.
 *
 * <p>Humidity is taken from the first present of: {@code ea}, {@code tdew} (eq. 14), {@code rhMax} and
 * {@code rhMin} (eq. 17), {@code rhMax} (eq. 18), {@code rhMean} (eq. 19), else Tmin (eq. 48). Radiation: from
 * {@code rs}, else {@code sunshineHours} (eq. 35), else the temperature range (eq. 50). Wind: {@code u2}, else
 * {@code windSpeed} at the station's wind height (eq. 47), else 2 m/s.
 *
 * @param month         the month
 * @param tmax          maximum air temperature at 2 m (°C), required
 * @param tmin          minimum air temperature at 2 m (°C), required
 * @param tmean         measured monthly mean temperature (°C), used for Δ, 900/(T+273) and the soil heat flux of
 *                      this and the neighbouring months (eq. 43/44); else (Tmax+Tmin)/2
 * @param rhMax         maximum relative humidity (%)
 * @param rhMin         minimum relative humidity (%)
 * @param rhMean        mean relative humidity (%)
 * @param tdew          dew point temperature (°C)
 * @param ea            actual vapour pressure (kPa)
 * @param windSpeed     mean wind speed at the station's wind height (m/s)
 * @param u2            mean wind speed at 2 m (m/s); wins over {@code windSpeed}
 * @param rs            incoming solar radiation (MJ m⁻² d⁻¹, monthly mean)
 * @param sunshineHours actual duration of sunshine n (hours)
 */
public record MonthlyWeather(YearMonth month, double tmax, double tmin, double tmean, double rhMax, double rhMin,
                           double rhMean, double tdew, double ea, double windSpeed, double u2, double rs,
                           double sunshineHours) {

    /** Requires the month. */
    public MonthlyWeather {
        Objects.requireNonNull(month, "month");
    }

    /**
     * Starts a builder with every value absent.
     *
     * @param month the month
     * @return a builder
     */
    public static Builder builder(YearMonth month) {
        return new Builder(month);
    }

    /**
     * A mutable builder of {@link MonthlyWeather}; each setter takes the value in the unit documented on the record.
     */
    public static final class Builder extends WeatherValuesBuilder<Builder> {
        private final YearMonth month;

        private Builder(YearMonth month) {
            this.month = Objects.requireNonNull(month, "month");
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
        public MonthlyWeather build() {
            return new MonthlyWeather(month, tmax, tmin, tmean, rhMax, rhMin, rhMean, tdew, ea, windSpeed, u2, rs,
                    sunshineHours);
        }
    }
}
