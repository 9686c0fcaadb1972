package org.eto4j.core;

/**
 * Soil heat flux G of FAO-56 chapter 3 (eq. 42–46), in MJ m⁻² per period.
 */
public final class SoilHeatFlux {

    /** Fraction of Rn going into the soil during daylight hours, 0.1 (FAO-56 eq. 45). */
    public static final double HOURLY_DAYTIME_FRACTION = 0.1;

    /** Fraction of Rn going into the soil during night hours, 0.5 (FAO-56 eq. 46). */
    public static final double HOURLY_NIGHTTIME_FRACTION = 0.5;

    private SoilHeatFlux() {
    }

    /**
     * Soil heat flux for a day or ten-day period beneath the grass reference, FAO-56 eq. 42: {@code G ≈ 0}.
     *
     * @return 0 (MJ m⁻² d⁻¹)
     */
    public static double daily() {
        return 0.0;
    }

    /**
     * Monthly soil heat flux from the neighbouring months, FAO-56 eq. 43:
     * {@code G_i = 0.07 (T_{i+1} − T_{i−1})}, assuming a constant soil heat capacity of 2.1 MJ m⁻³ °C⁻¹.
     *
     * @param previousMonthMeanCelsius mean air temperature of the previous month (°C)
     * @param nextMonthMeanCelsius     mean air temperature of the next month (°C)
     * @return G (MJ m⁻² d⁻¹)
     */
    public static double monthly(double previousMonthMeanCelsius, double nextMonthMeanCelsius) {
        return 0.07 * (nextMonthMeanCelsius - previousMonthMeanCelsius);
    }

    /**
     * Monthly soil heat flux when the next month is unknown, FAO-56 eq. 44:
     * {@code G_i = 0.14 (T_i − T_{i−1})}.
     *
     * @param previousMonthMeanCelsius mean air temperature of the previous month (°C)
     * @param monthMeanCelsius         mean air temperature of the month (°C)
     * @return G (MJ m⁻² d⁻¹)
     */
    public static double monthlyFromPrevious(double previousMonthMeanCelsius, double monthMeanCelsius) {
        return 0.14 * (monthMeanCelsius - previousMonthMeanCelsius);
    }

    /**
     * Hourly soil heat flux during daylight, FAO-56 eq. 45: {@code G = 0.1 Rn}.
     *
     * @param netRadiation Rn (MJ m⁻² h⁻¹)
     * @return G (MJ m⁻² h⁻¹)
     */
    public static double hourlyDaytime(double netRadiation) {
        return HOURLY_DAYTIME_FRACTION * netRadiation;
    }

    /**
     * Hourly soil heat flux during the night, FAO-56 eq. 46: {@code G = 0.5 Rn}.
     *
     * @param netRadiation Rn (MJ m⁻² h⁻¹)
     * @return G (MJ m⁻² h⁻¹)
     */
    public static double hourlyNighttime(double netRadiation) {
        return HOURLY_NIGHTTIME_FRACTION * netRadiation;
    }
}
