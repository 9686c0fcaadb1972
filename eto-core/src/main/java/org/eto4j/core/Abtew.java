package org.eto4j.core;

import java.util.Objects;

/**
 * Abtew (1996; Xu and Singh 2000 eq. 14): {@code ET = k Rs/λ}, k = 0.53. Needs Rs (or sunshine hours); with
 * {@link LatentHeat#TEMPERATURE_DEPENDENT} also Tmean. Latent heat: {@link LatentHeat#CONSTANT} 2.45 unless set
 * otherwise.
 *
 * @param k the coefficient; accepted 0–2
 * @param latentHeat the latent-heat convention
 */
public record Abtew(double k, LatentHeat latentHeat) implements DailyMethod {
    /** Method id. */
    public static final String ID = "abtew";

    /** Validates the coefficients. */
    public Abtew {
        Options.check("k", k, 0.0, 2.0);
        Objects.requireNonNull(latentHeat, "latentHeat");
    }

    /**
     * k = 0.53, λ = 2.45.
     *
     * @return the method
     */
    public static Abtew standard() {
        return new Abtew(0.53, LatentHeat.CONSTANT);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double rs = in.rs();
        double lambda = latentHeat == LatentHeat.CONSTANT ? AtmosphericParameters.LATENT_HEAT_MJ_PER_KG
                : latentHeat.megajoulesPerKilogram(in.tmean());
        return in.result(k * rs / lambda);
    }
}
