package org.eto4j.sources;

/**
 * A daily weather variable, with its unit and the column name the eto4j CLI reads.
 *
 * <p>Every value in a {@link DailySeries} is in the unit given here, whatever unit the source used.
 */
public enum Variable {
    /** Daily maximum air temperature at 2 m, °C. */
    TMAX("tmax", "°C"),
    /** Daily minimum air temperature at 2 m, °C. */
    TMIN("tmin", "°C"),
    /** Daily mean air temperature at 2 m (the source's own mean, not (Tmax+Tmin)/2), °C. */
    TMEAN("tmean", "°C"),
    /** Daily maximum relative humidity, %. */
    RH_MAX("rh_max", "%"),
    /** Daily minimum relative humidity, %. */
    RH_MIN("rh_min", "%"),
    /** Daily mean relative humidity, %. */
    RH_MEAN("rh_mean", "%"),
    /** Daily mean dew-point temperature at 2 m, °C. */
    TDEW("tdew", "°C"),
    /** Daily mean wind speed at 2 m, m s⁻¹ (measured at 2 m, or converted from 10 m with FAO-56 eq. 47). */
    WIND_SPEED_2M("u2", "m s-1"),
    /** Daily mean wind speed at 10 m, m s⁻¹. */
    WIND_SPEED_10M("u10", "m s-1"),
    /** Daily incoming shortwave (solar) radiation Rs, MJ m⁻² day⁻¹. */
    SOLAR_RADIATION("rs", "MJ m-2 day-1"),
    /** Daily precipitation, mm. */
    PRECIPITATION("precipitation", "mm"),
    /** The source's own reference evapotranspiration, for comparison only, mm day⁻¹. */
    SOURCE_ETO("source_eto", "mm day-1");

    private final String column;
    private final String unit;

    Variable(String column, String unit) {
        this.column = column;
        this.unit = unit;
    }

    /** The CSV column name (the eto4j CLI's input names where it has one), e.g. {@code tmax}. */
    public String column() {
        return column;
    }

    /** The unit of every value of this variable, e.g. {@code MJ m-2 day-1}. */
    public String unit() {
        return unit;
    }
}
