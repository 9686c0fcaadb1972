package org.eto4j.core;

import java.util.Objects;

/**
 * Priestley-Taylor (Priestley and Taylor 1972; McMahon et al. 2013 eq. S9.x):
 * {@code ET = α Δ/(Δ + γ) (Rn − G)/λ}, α = 1.26, G = 0 for days. Rn from Rs, Tmax, Tmin and ea by FAO-56
 * eq. 37–40 (albedo 0.23); without humidity ea = e°(Tmin) (FAO-56 eq. 48, flagged); Rs from sunshine hours
 * when not measured. Δ at the mean temperature (FAO-56 eq. 13), γ from elevation (eq. 7, 8).
 * Latent heat: {@link LatentHeat#CONSTANT} 2.45 unless set otherwise (γ then uses the same λ).
 *
 * @param alpha      the Priestley-Taylor α; accepted 0.5–2.5
 * @param latentHeat the latent-heat convention
 */
public record PriestleyTaylor(double alpha, LatentHeat latentHeat) implements DailyMethod {
    /** Method id. */
    public static final String ID = "priestley-taylor";
    /** Priestley and Taylor's (1972) α for a wet surface, 1.26. */
    public static final double ALPHA = 1.26;

    /** Validates the coefficients. */
    public PriestleyTaylor {
        Options.check("alpha", alpha, 0.5, 2.5);
        Objects.requireNonNull(latentHeat, "latentHeat");
    }

    /**
     * α = 1.26, λ = 2.45.
     *
     * @return the method
     */
    public static PriestleyTaylor standard() {
        return new PriestleyTaylor(ALPHA, LatentHeat.CONSTANT);
    }

    /**
     * This method with another α.
     *
     * @param value α
     * @return a new method
     */
    public PriestleyTaylor withAlpha(double value) {
        return new PriestleyTaylor(value, latentHeat);
    }

    /**
     * The equation itself: {@code α Δ/(Δ + γ) (Rn − G)/λ}.
     *
     * @param slope Δ (kPa °C⁻¹)
     * @param psychrometric γ (kPa °C⁻¹)
     * @param netRadiation Rn (MJ m⁻² d⁻¹)
     * @param soilHeatFlux G (MJ m⁻² d⁻¹)
     * @param alpha α
     * @param latentHeat λ (MJ kg⁻¹)
     * @return ET (mm d⁻¹)
     */
    public static double equation(double slope, double psychrometric, double netRadiation, double soilHeatFlux,
                                  double alpha, double latentHeat) {
        return alpha * slope / (slope + psychrometric) * (netRadiation - soilHeatFlux) / latentHeat;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double rn = in.netRadiation();
        double t = in.tmean();
        return in.result(alpha * shape(t, rn, in.pressure()));
    }

    /** ET for α = 1: what calibration regresses on. */
    double shape(double t, double rn, double pressure) {
        double lambda = latentHeat.megajoulesPerKilogram(t);
        double gamma = latentHeat == LatentHeat.CONSTANT ? AtmosphericParameters.psychrometricConstant(pressure)
                : AtmosphericParameters.psychrometricConstant(pressure, lambda);
        return equation(VapourPressure.slope(t), gamma, rn, 0.0, 1.0, lambda);
    }
}
