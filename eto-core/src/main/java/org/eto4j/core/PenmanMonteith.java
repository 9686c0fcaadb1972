package org.eto4j.core;

/**
 * The FAO Penman-Monteith equation for the hypothetical grass reference (FAO-56 eq. 6 and eq. 53) in its
 * general form {@code ETo = [0.408 Δ (Rn − G) + γ Cn/(T + 273) u2 (es − ea)] / [Δ + γ (1 + Cd u2)]}.
 */
public final class PenmanMonteith {

    /** Numerator constant for daily and monthly steps, 900 (FAO-56 eq. 6). */
    public static final double CN_DAILY = 900.0;
    /** Denominator constant for daily and monthly steps, 0.34 (FAO-56 eq. 6). */
    public static final double CD_DAILY = 0.34;
    /** Numerator constant for hourly steps, 37 (FAO-56 eq. 53). */
    public static final double CN_HOURLY = 37.0;
    /** Denominator constant for hourly steps, 0.34 day and night (FAO-56 eq. 53). */
    public static final double CD_HOURLY = 0.34;

    private PenmanMonteith() {
    }

    /**
     * Reference evapotranspiration, FAO-56 eq. 6 (daily, Cn = 900, Cd = 0.34) or eq. 53 (hourly, Cn = 37).
     * The 273 in {@code Cn/(T + 273)} is FAO-56's, as printed. A negative result (condensation, dew) is a
     * physical result and is returned as is.
     *
     * @param slope            Δ (kPa °C⁻¹), eq. 13
     * @param psychrometric    γ (kPa °C⁻¹), eq. 8
     * @param netRadiation     Rn (MJ m⁻² per period), eq. 40
     * @param soilHeatFlux     G (MJ m⁻² per period), eq. 42–46
     * @param temperatureCelsius mean air temperature T of the period (°C)
     * @param windSpeed2m      u2 (m/s), ≥ 0
     * @param saturationVapourPressure es (kPa)
     * @param actualVapourPressure     ea (kPa)
     * @param cn numerator constant (900 daily, 37 hourly)
     * @param cd denominator constant (0.34)
     * @return ETo (mm per period)
     */
    public static double eto(double slope, double psychrometric, double netRadiation, double soilHeatFlux,
                             double temperatureCelsius, double windSpeed2m, double saturationVapourPressure,
                             double actualVapourPressure, double cn, double cd) {
        double num = AtmosphericParameters.MM_PER_MJ * slope * (netRadiation - soilHeatFlux)
                + psychrometric * cn / (temperatureCelsius + 273.0) * windSpeed2m
                * (saturationVapourPressure - actualVapourPressure);
        return num / (slope + psychrometric * (1.0 + cd * windSpeed2m));
    }

    /**
     * Daily (or monthly mean daily) reference evapotranspiration, FAO-56 eq. 6.
     *
     * @param slope Δ (kPa °C⁻¹) at the mean temperature
     * @param psychrometric γ (kPa °C⁻¹)
     * @param netRadiation Rn (MJ m⁻² d⁻¹)
     * @param soilHeatFlux G (MJ m⁻² d⁻¹)
     * @param meanTemperatureCelsius T (°C)
     * @param windSpeed2m u2 (m/s)
     * @param saturationVapourPressure es (kPa)
     * @param actualVapourPressure ea (kPa)
     * @return ETo (mm d⁻¹)
     */
    public static double daily(double slope, double psychrometric, double netRadiation, double soilHeatFlux,
                               double meanTemperatureCelsius, double windSpeed2m, double saturationVapourPressure,
                               double actualVapourPressure) {
        return eto(slope, psychrometric, netRadiation, soilHeatFlux, meanTemperatureCelsius, windSpeed2m,
                saturationVapourPressure, actualVapourPressure, CN_DAILY, CD_DAILY);
    }
}
