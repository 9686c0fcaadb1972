package org.eto4j.core;

/**
 * The setters shared by the builders of {@link DailyWeather} and {@link MonthlyWeather}, which carry the same
 * twelve optional values (a monthly value is the mean of daily values). Every value starts absent ({@code NaN}).
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class WeatherValuesBuilder<B extends WeatherValuesBuilder<B>> {
    double tmax = Double.NaN;
    double tmin = Double.NaN;
    double tmean = Double.NaN;
    double rhMax = Double.NaN;
    double rhMin = Double.NaN;
    double rhMean = Double.NaN;
    double tdew = Double.NaN;
    double ea = Double.NaN;
    double windSpeed = Double.NaN;
    double u2 = Double.NaN;
    double rs = Double.NaN;
    double sunshineHours = Double.NaN;

    WeatherValuesBuilder() {
    }

    /** This builder as its concrete type. */
    abstract B self();

    /**
     * Sets a value.
     *
     * @param v maximum temperature (°C), or NaN for absent
     * @return this builder
     */
    public B tmax(double v) {
        tmax = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v minimum temperature (°C), or NaN for absent
     * @return this builder
     */
    public B tmin(double v) {
        tmin = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v measured mean temperature (°C), or NaN for absent
     * @return this builder
     */
    public B tmean(double v) {
        tmean = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v maximum relative humidity (%), or NaN for absent
     * @return this builder
     */
    public B rhMax(double v) {
        rhMax = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v minimum relative humidity (%), or NaN for absent
     * @return this builder
     */
    public B rhMin(double v) {
        rhMin = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v mean relative humidity (%), or NaN for absent
     * @return this builder
     */
    public B rhMean(double v) {
        rhMean = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v dew point (°C), or NaN for absent
     * @return this builder
     */
    public B tdew(double v) {
        tdew = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v actual vapour pressure (kPa), or NaN for absent
     * @return this builder
     */
    public B ea(double v) {
        ea = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v wind speed at the station's wind height (m/s), or NaN for absent
     * @return this builder
     */
    public B windSpeed(double v) {
        windSpeed = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v wind speed at 2 m (m/s), or NaN for absent
     * @return this builder
     */
    public B u2(double v) {
        u2 = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v solar radiation (MJ m⁻² d⁻¹; for a month, the mean of its days), or NaN for absent
     * @return this builder
     */
    public B rs(double v) {
        rs = v;
        return self();
    }

    /**
     * Sets a value.
     *
     * @param v sunshine duration (hours per day; for a month, the mean of its days), or NaN for absent
     * @return this builder
     */
    public B sunshineHours(double v) {
        sunshineHours = v;
        return self();
    }
}
