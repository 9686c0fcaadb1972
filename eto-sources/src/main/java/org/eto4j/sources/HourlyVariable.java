package org.eto4j.sources;

/**
 * An hourly weather variable and its unit.
 *
 * <p>State variables (temperature, humidity, dew point, wind) are the values at the row's instant;
 * accumulated ones (radiation, precipitation) cover the hour that starts at the row's instant.
 */
public enum HourlyVariable {
    /** Air temperature at 2 m, °C. */
    AIR_TEMPERATURE("t", "°C"),
    /** Relative humidity at 2 m, %. */
    RELATIVE_HUMIDITY("rh", "%"),
    /** Dew-point temperature at 2 m, °C. */
    TDEW("tdew", "°C"),
    /** Wind speed at 2 m, m s⁻¹. */
    WIND_SPEED_2M("u2", "m s-1"),
    /** Wind speed at 10 m, m s⁻¹. */
    WIND_SPEED_10M("u10", "m s-1"),
    /** Incoming shortwave radiation over the hour, MJ m⁻² h⁻¹. */
    SOLAR_RADIATION("rs", "MJ m-2 h-1"),
    /** Precipitation over the hour, mm. */
    PRECIPITATION("precipitation", "mm");

    private final String column;
    private final String unit;

    HourlyVariable(String column, String unit) {
        this.column = column;
        this.unit = unit;
    }

    /** The CSV column name, e.g. {@code t}. */
    public String column() {
        return column;
    }

    /** The unit of every value of this variable. */
    public String unit() {
        return unit;
    }
}
