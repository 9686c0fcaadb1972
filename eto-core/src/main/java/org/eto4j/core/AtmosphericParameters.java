package org.eto4j.core;

/**
 * Atmospheric parameters of FAO-56 chapter 3: air pressure, psychrometric constant and latent heat.
 *
 * <p>All functions are pure, allocation-free and defined for every finite input.
 */
public final class AtmosphericParameters {

    /** Latent heat of vaporization used throughout FAO-56, 2.45 MJ kg⁻¹ (FAO-56 eq. 8 and annex 3, at 20 °C). */
    public static final double LATENT_HEAT_MJ_PER_KG = 2.45;

    /** Specific heat at constant pressure, 1.013e-3 MJ kg⁻¹ °C⁻¹ (FAO-56 eq. 8). */
    public static final double SPECIFIC_HEAT_MJ_PER_KG_C = 1.013e-3;

    /** Ratio of the molecular weights of water vapour and dry air, 0.622 (FAO-56 eq. 8). */
    public static final double MOLECULAR_WEIGHT_RATIO = 0.622;

    /** Conversion of an energy flux to an equivalent evaporation, 1/λ = 0.408 mm per MJ m⁻² (FAO-56 eq. 20). */
    public static final double MM_PER_MJ = 0.408;

    private AtmosphericParameters() {
    }

    /**
     * Atmospheric pressure from elevation, FAO-56 eq. 7: {@code P = 101.3 ((293 − 0.0065 z)/293)^5.26}.
     *
     * @param elevationMetres elevation above sea level z (m); valid roughly −500 to 9000 m
     * @return atmospheric pressure P (kPa)
     */
    public static double pressureKilopascals(double elevationMetres) {
        return 101.3 * Math.pow((293.0 - 0.0065 * elevationMetres) / 293.0, 5.26);
    }

    /** Coefficient of FAO-56 eq. 8 as printed, cp/(ε λ) = 0.665e-3 °C⁻¹ (the unrounded quotient is 0.6648e-3). */
    public static final double PSYCHROMETRIC_COEFFICIENT = 0.665e-3;

    /**
     * Psychrometric constant, FAO-56 eq. 8: {@code γ = cp P / (ε λ) = 0.665e-3 P} with λ = 2.45 MJ kg⁻¹; the
     * printed coefficient {@link #PSYCHROMETRIC_COEFFICIENT} is used, as in FAO-56's tables and examples.
     *
     * @param pressureKilopascals atmospheric pressure P (kPa), &gt; 0
     * @return psychrometric constant γ (kPa °C⁻¹)
     */
    public static double psychrometricConstant(double pressureKilopascals) {
        return PSYCHROMETRIC_COEFFICIENT * pressureKilopascals;
    }

    /**
     * Psychrometric constant with an explicit latent heat, FAO-56 eq. 8: {@code γ = cp P / (ε λ)}.
     *
     * @param pressureKilopascals atmospheric pressure P (kPa), &gt; 0
     * @param latentHeat          λ (MJ kg⁻¹), e.g. from {@link #latentHeat(double)}
     * @return psychrometric constant γ (kPa °C⁻¹)
     */
    public static double psychrometricConstant(double pressureKilopascals, double latentHeat) {
        return SPECIFIC_HEAT_MJ_PER_KG_C * pressureKilopascals / (MOLECULAR_WEIGHT_RATIO * latentHeat);
    }

    /**
     * Latent heat of vaporization as a function of temperature, FAO-56 annex 3 eq. 3-1:
     * {@code λ = 2.501 − 0.002361 T}. FAO-56 itself uses the constant {@link #LATENT_HEAT_MJ_PER_KG}.
     *
     * @param temperatureCelsius air temperature T (°C)
     * @return latent heat λ (MJ kg⁻¹)
     */
    public static double latentHeat(double temperatureCelsius) {
        return 2.501 - 0.002361 * temperatureCelsius;
    }
}
