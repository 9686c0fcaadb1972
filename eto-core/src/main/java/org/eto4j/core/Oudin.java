package org.eto4j.core;

import java.util.Objects;

/**
 * Oudin et al. (2005, eq. 3): {@code ET = Ra/(λ ρ) (T + k2)/k1} when T + k2 &gt; 0, else 0; k1 = 100 °C,
 * k2 = 5 °C, ρ = 1000 kg m⁻³ (so Ra/λ is in mm), Ra from FAO-56 eq. 21. Needs only Tmean (or Tmax and Tmin).
 * Latent heat: {@link LatentHeat#CONSTANT} 2.45 unless set otherwise.
 *
 * @param k1 the scaling temperature (°C); accepted 1–1000
 * @param k2 the threshold temperature (°C); accepted −50–50
 * @param latentHeat the latent-heat convention
 */
public record Oudin(double k1, double k2, LatentHeat latentHeat) implements DailyMethod {
    /** Method id. */
    public static final String ID = "oudin";

    /** Validates the coefficients. */
    public Oudin {
        Options.check("k1", k1, 1.0, 1000.0);
        Options.check("k2", k2, -50.0, 50.0);
        Objects.requireNonNull(latentHeat, "latentHeat");
    }

    /**
     * k1 = 100, k2 = 5, λ = 2.45.
     *
     * @return the method
     */
    public static Oudin standard() {
        return new Oudin(100.0, 5.0, LatentHeat.CONSTANT);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double t = in.tmean();
        if (t + k2 <= 0.0) {
            return in.result(0.0);
        }
        return in.result(in.ra / latentHeat.megajoulesPerKilogram(t) * (t + k2) / k1);
    }
}
