package org.eto4j.core;

import java.util.Objects;

/**
 * Oudin et al. (2005, eq. 3): {@code ET = Ra/(λ ρ) (T + k2)/k1} when T + k2 &gt; 0, else 0; k1 = 100 °C,
 * k2 = 5 °C, ρ = 1000 kg m⁻³ (so Ra/λ is in mm). Needs only Tmean (or Tmax and Tmin).
 *
 * <p>Two conventions are named options. Ra comes from FAO-56 eq. 21 ({@link RaFormula#FAO56}) and the latent
 * heat is {@link LatentHeat#CONSTANT} 2.45 MJ kg⁻¹ unless set otherwise. The authors' own implementation, the
 * R package airGR ({@code PE_Oudin}), takes Ra from Morton (1983) and divides it by Morton's 28.5 W d kg⁻¹:
 * {@link #airGR()} selects both ({@link RaFormula#MORTON_1983}, {@link LatentHeat#MORTON_1983}) and reproduces
 * airGR's values; it gives about 1.7 % more than the default at 32° N on 1 January (Ra 2.3 % higher, λ 0.5 %
 * higher).
 *
 * @param k1         the scaling temperature (°C); accepted 1–1000
 * @param k2         the threshold temperature (°C); accepted −50–50
 * @param latentHeat the latent-heat convention
 * @param raFormula  the extraterrestrial-radiation formula
 */
public record Oudin(double k1, double k2, LatentHeat latentHeat, RaFormula raFormula) implements DailyMethod {
    /** Method id. */
    public static final String ID = "oudin";

    /** Validates the coefficients. */
    public Oudin {
        Options.check("k1", k1, 1.0, 1000.0);
        Options.check("k2", k2, -50.0, 50.0);
        Objects.requireNonNull(latentHeat, "latentHeat");
        Objects.requireNonNull(raFormula, "raFormula");
    }

    /**
     * The method with Ra from FAO-56 eq. 21.
     *
     * @param k1         the scaling temperature (°C); accepted 1–1000
     * @param k2         the threshold temperature (°C); accepted −50–50
     * @param latentHeat the latent-heat convention
     */
    public Oudin(double k1, double k2, LatentHeat latentHeat) {
        this(k1, k2, latentHeat, RaFormula.FAO56);
    }

    /**
     * k1 = 100, k2 = 5, λ = 2.45, Ra from FAO-56 eq. 21.
     *
     * @return the method
     */
    public static Oudin standard() {
        return new Oudin(100.0, 5.0, LatentHeat.CONSTANT, RaFormula.FAO56);
    }

    /**
     * k1 = 100, k2 = 5 with airGR's conventions: Ra from Morton (1983), λ = 28.5 W d kg⁻¹ (2.4624 MJ kg⁻¹).
     *
     * @return the method
     */
    public static Oudin airGR() {
        return new Oudin(100.0, 5.0, LatentHeat.MORTON_1983, RaFormula.MORTON_1983);
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
        double ra = raFormula == RaFormula.FAO56 ? in.ra
                : raFormula.megajoulesPerSquareMetre(station.latitudeRadians(), in.dayOfYear);
        return in.result(ra / latentHeat.megajoulesPerKilogram(t) * (t + k2) / k1);
    }
}
