package org.eto4j.core;

import java.util.Objects;

/**
 * Makkink (1957), in the form of McMahon et al. (2013, eq. S9.x):
 * {@code ET = c Δ/(Δ + γ) Rs/λ + d}, c = 0.61, d = −0.12 mm d⁻¹. KNMI, which publishes Makkink reference
 * evaporation for the Netherlands, uses c = 0.65, d = 0 ({@link #knmi()}). Δ at the mean temperature (FAO-56
 * eq. 13), γ from elevation (eq. 7, 8). Needs Tmean (or Tmax and Tmin) and Rs (or sunshine hours).
 * Latent heat: {@link LatentHeat#CONSTANT} 2.45 unless set otherwise.
 *
 * @param coefficient the coefficient c; accepted 0–2
 * @param offsetMillimetresPerDay the offset d (mm d⁻¹); accepted −2–2
 * @param latentHeat the latent-heat convention
 */
public record Makkink(double coefficient, double offsetMillimetresPerDay, LatentHeat latentHeat)
        implements DailyMethod {
    /** Method id. */
    public static final String ID = "makkink";

    /** Validates the coefficients. */
    public Makkink {
        Options.check("coefficient", coefficient, 0.0, 2.0);
        Options.check("offsetMillimetresPerDay", offsetMillimetresPerDay, -2.0, 2.0);
        Objects.requireNonNull(latentHeat, "latentHeat");
    }

    /**
     * Makkink (1957) as in McMahon et al. (2013): c = 0.61, d = −0.12, λ = 2.45.
     *
     * @return the method
     */
    public static Makkink standard() {
        return new Makkink(0.61, -0.12, LatentHeat.CONSTANT);
    }

    /**
     * The KNMI variant: c = 0.65, d = 0, λ = 2.45.
     *
     * @return the method
     */
    public static Makkink knmi() {
        return new Makkink(0.65, 0.0, LatentHeat.CONSTANT);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double t = in.tmean();
        double rs = in.rs();
        double lambda = latentHeat.megajoulesPerKilogram(t);
        double p = in.pressure();
        double gamma = latentHeat == LatentHeat.CONSTANT ? AtmosphericParameters.psychrometricConstant(p)
                : AtmosphericParameters.psychrometricConstant(p, lambda);
        double delta = VapourPressure.slope(t);
        return in.result(coefficient * delta / (delta + gamma) * rs / lambda + offsetMillimetresPerDay);
    }
}
