package org.eto4j.progress.eto;

import java.util.Locale;

/**
 * The optional daily input columns of a {@link StationSeries}, one per setter of
 * {@link org.eto4j.core.DailyColumns.Builder}; NaN cells mean "absent".
 */
public enum DailyColumn {
    /** Maximum air temperature (°C). Required. */
    TMAX,
    /** Minimum air temperature (°C). Required. */
    TMIN,
    /** Measured mean air temperature (°C). */
    TMEAN,
    /** Maximum relative humidity (%). */
    RH_MAX,
    /** Minimum relative humidity (%). */
    RH_MIN,
    /** Mean relative humidity (%). */
    RH_MEAN,
    /** Dew point temperature (°C). */
    TDEW,
    /** Actual vapour pressure (kPa). */
    EA,
    /** Wind speed at the station's wind height (m/s). */
    WIND_SPEED,
    /** Wind speed at 2 m (m/s). */
    U2,
    /** Solar radiation (MJ m⁻² d⁻¹). */
    RS,
    /** Sunshine duration (hours). */
    SUNSHINE_HOURS;

    /** The field name used in eto-core's errors and CSV headers, e.g. {@code rh_max}. */
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
