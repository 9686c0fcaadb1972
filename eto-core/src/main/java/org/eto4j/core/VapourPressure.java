package org.eto4j.core;

/**
 * Saturation and actual vapour pressure by every route of FAO-56 chapter 3 (eq. 11–19, 48 and 54).
 *
 * <p>Temperatures in °C, pressures in kPa, relative humidity in percent (0–100). Functions are pure and
 * allocation-free.
 */
public final class VapourPressure {

    /** Psychrometer coefficient of a ventilated (Asmann type) psychrometer, 0.000662 °C⁻¹ (FAO-56 eq. 16). */
    public static final double PSYCHROMETER_VENTILATED = 0.000662;
    /** Psychrometer coefficient of a naturally ventilated psychrometer, 0.000800 °C⁻¹ (FAO-56 eq. 16). */
    public static final double PSYCHROMETER_NATURAL = 0.000800;
    /** Psychrometer coefficient of a non-ventilated indoor psychrometer, 0.001200 °C⁻¹ (FAO-56 eq. 16). */
    public static final double PSYCHROMETER_INDOOR = 0.001200;

    private VapourPressure() {
    }

    /**
     * Saturation vapour pressure, FAO-56 eq. 11: {@code e°(T) = 0.6108 exp(17.27 T / (T + 237.3))}.
     *
     * @param temperatureCelsius air temperature T (°C); valid about −50 to 60 °C
     * @return saturation vapour pressure e° (kPa)
     */
    public static double saturation(double temperatureCelsius) {
        return 0.6108 * Math.exp(17.27 * temperatureCelsius / (temperatureCelsius + 237.3));
    }

    /**
     * Mean saturation vapour pressure of a day, week, decade or month, FAO-56 eq. 12:
     * {@code es = (e°(Tmax) + e°(Tmin)) / 2}. Using e° of the mean temperature instead underestimates es.
     *
     * @param tmaxCelsius maximum air temperature (°C)
     * @param tminCelsius minimum air temperature (°C)
     * @return mean saturation vapour pressure es (kPa)
     */
    public static double meanSaturation(double tmaxCelsius, double tminCelsius) {
        return (saturation(tmaxCelsius) + saturation(tminCelsius)) / 2.0;
    }

    /**
     * Slope of the saturation vapour pressure curve, FAO-56 eq. 13:
     * {@code Δ = 4098 e°(T) / (T + 237.3)²}.
     *
     * @param temperatureCelsius air temperature T (°C), the mean temperature for daily steps
     * @return slope Δ (kPa °C⁻¹)
     */
    public static double slope(double temperatureCelsius) {
        double d = temperatureCelsius + 237.3;
        return 4098.0 * saturation(temperatureCelsius) / (d * d);
    }

    /**
     * Actual vapour pressure from the dew point, FAO-56 eq. 14: {@code ea = e°(Tdew)}.
     *
     * @param dewPointCelsius dew point temperature Tdew (°C)
     * @return actual vapour pressure ea (kPa)
     */
    public static double actualFromDewPoint(double dewPointCelsius) {
        return saturation(dewPointCelsius);
    }

    /**
     * Actual vapour pressure from psychrometric data, FAO-56 eq. 15 and 16:
     * {@code ea = e°(Twet) − γpsy (Tdry − Twet)} with {@code γpsy = apsy P}.
     *
     * @param dryBulbCelsius           dry bulb temperature Tdry (°C)
     * @param wetBulbCelsius           wet bulb temperature Twet (°C), ≤ Tdry
     * @param psychrometerCoefficient  apsy (°C⁻¹), e.g. {@link #PSYCHROMETER_VENTILATED}
     * @param pressureKilopascals      atmospheric pressure P (kPa)
     * @return actual vapour pressure ea (kPa)
     */
    public static double actualFromPsychrometer(double dryBulbCelsius, double wetBulbCelsius,
                                                double psychrometerCoefficient, double pressureKilopascals) {
        return saturation(wetBulbCelsius)
                - psychrometerCoefficient * pressureKilopascals * (dryBulbCelsius - wetBulbCelsius);
    }

    /**
     * Actual vapour pressure from maximum and minimum relative humidity, FAO-56 eq. 17:
     * {@code ea = (e°(Tmin) RHmax/100 + e°(Tmax) RHmin/100) / 2}.
     *
     * @param tminCelsius minimum temperature (°C)
     * @param tmaxCelsius maximum temperature (°C)
     * @param rhMaxPercent maximum relative humidity (0–100 %)
     * @param rhMinPercent minimum relative humidity (0–100 %)
     * @return actual vapour pressure ea (kPa)
     */
    public static double actualFromRhMaxMin(double tminCelsius, double tmaxCelsius,
                                            double rhMaxPercent, double rhMinPercent) {
        return (saturation(tminCelsius) * rhMaxPercent / 100.0 + saturation(tmaxCelsius) * rhMinPercent / 100.0)
                / 2.0;
    }

    /**
     * Actual vapour pressure from maximum relative humidity only, FAO-56 eq. 18:
     * {@code ea = e°(Tmin) RHmax/100}; recommended when RHmin is unreliable.
     *
     * @param tminCelsius  minimum temperature (°C)
     * @param rhMaxPercent maximum relative humidity (0–100 %)
     * @return actual vapour pressure ea (kPa)
     */
    public static double actualFromRhMax(double tminCelsius, double rhMaxPercent) {
        return saturation(tminCelsius) * rhMaxPercent / 100.0;
    }

    /**
     * Actual vapour pressure from mean relative humidity, FAO-56 eq. 19:
     * {@code ea = RHmean/100 · (e°(Tmax) + e°(Tmin))/2}; less desirable than eq. 17 and 18.
     *
     * @param tminCelsius   minimum temperature (°C)
     * @param tmaxCelsius   maximum temperature (°C)
     * @param rhMeanPercent mean relative humidity (0–100 %)
     * @return actual vapour pressure ea (kPa)
     */
    public static double actualFromRhMean(double tminCelsius, double tmaxCelsius, double rhMeanPercent) {
        return rhMeanPercent / 100.0 * meanSaturation(tmaxCelsius, tminCelsius);
    }

    /**
     * Actual vapour pressure when humidity data are missing, FAO-56 eq. 48 (ch. 3, "missing humidity data"):
     * {@code ea = e°(Tmin − offset)}, assuming the dew point is near the minimum temperature. FAO-56 suggests
     * an offset of 2–3 °C for arid and semi-arid sites, 0 elsewhere.
     *
     * @param tminCelsius         minimum temperature (°C)
     * @param aridOffsetCelsius   the amount by which Tdew lies below Tmin (°C), ≥ 0
     * @return estimated actual vapour pressure ea (kPa)
     */
    public static double actualFromTmin(double tminCelsius, double aridOffsetCelsius) {
        return saturation(tminCelsius - aridOffsetCelsius);
    }

    /**
     * Actual vapour pressure for an hourly period from its relative humidity, FAO-56 eq. 54:
     * {@code ea = e°(Thr) RHhr/100}.
     *
     * @param temperatureCelsius   mean hourly temperature Thr (°C)
     * @param relativeHumidityPercent mean hourly relative humidity (0–100 %)
     * @return actual vapour pressure ea (kPa)
     */
    public static double actualFromRelativeHumidity(double temperatureCelsius, double relativeHumidityPercent) {
        return saturation(temperatureCelsius) * relativeHumidityPercent / 100.0;
    }
}
