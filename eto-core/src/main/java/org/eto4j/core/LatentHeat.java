package org.eto4j.core;

/**
 * Which latent heat of vaporization λ converts an energy flux to an evaporation depth in the empirical
 * methods. Most of them were published with λ = 2.45 MJ kg⁻¹ (FAO-56's 0.408 = 1/2.45); some implementations
 * (pyet) use λ(T). The constant 2.45 is the default everywhere but in FAO-56 eq. 52, which prints 0.408.
 */
public enum LatentHeat {
    /** λ = 2.45 MJ kg⁻¹ (FAO-56 eq. 20 and annex 3, at 20 °C); the default. */
    CONSTANT,
    /**
     * FAO-56's printed conversion factor 0.408 mm per MJ m⁻² (eq. 20 and 52), i.e. λ = 1/0.408 = 2.4510 MJ kg⁻¹;
     * used by FAO-56 eq. 52 (Hargreaves).
     */
    FAO56_FACTOR,
    /** λ = 2.501 − 0.002361 T MJ kg⁻¹ (FAO-56 annex 3 eq. 3-1), at the mean air temperature. */
    TEMPERATURE_DEPENDENT,
    /**
     * Morton's (1983) 28.5 W d kg⁻¹, i.e. λ = 28.5 × 0.0864 = 2.4624 MJ kg⁻¹: the divisor of airGR's
     * {@code PE_Oudin} (with ρ = 1000 kg m⁻³), to be used with {@link RaFormula#MORTON_1983}.
     */
    MORTON_1983;

    /**
     * λ at a temperature.
     *
     * @param temperatureCelsius the mean air temperature (°C); ignored by {@link #CONSTANT}
     * @return λ (MJ kg⁻¹)
     */
    public double megajoulesPerKilogram(double temperatureCelsius) {
        return switch (this) {
            case CONSTANT -> AtmosphericParameters.LATENT_HEAT_MJ_PER_KG;
            case FAO56_FACTOR -> 1.0 / AtmosphericParameters.MM_PER_MJ;
            case TEMPERATURE_DEPENDENT -> AtmosphericParameters.latentHeat(temperatureCelsius);
            case MORTON_1983 -> 28.5 * RaFormula.MJ_PER_DAY_PER_WATT;
        };
    }
}
