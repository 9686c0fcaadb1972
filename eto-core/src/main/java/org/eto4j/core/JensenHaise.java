package org.eto4j.core;

import java.util.Objects;

/**
 * Jensen-Haise (Jensen and Haise 1963; Jensen and Allen 2016; McMahon et al. 2013):
 * {@code ET = Cr (T − Tx) Rs/λ}, Cr = 0.025 °C⁻¹, Tx = −3 °C. Needs Tmean (or Tmax and Tmin) and Rs (or
 * sunshine hours). Latent heat: {@link LatentHeat#CONSTANT} 2.45 unless set otherwise.
 *
 * @param cr the temperature coefficient (°C⁻¹); accepted 0–0.1
 * @param tx the intercept of the temperature axis (°C); accepted −20–20
 * @param latentHeat the latent-heat convention
 */
public record JensenHaise(double cr, double tx, LatentHeat latentHeat) implements DailyMethod {
    /** Method id. */
    public static final String ID = "jensen-haise";

    /** Validates the coefficients. */
    public JensenHaise {
        Options.check("cr", cr, 0.0, 0.1);
        Options.check("tx", tx, -20.0, 20.0);
        Objects.requireNonNull(latentHeat, "latentHeat");
    }

    /**
     * Cr = 0.025, Tx = −3, λ = 2.45.
     *
     * @return the method
     */
    public static JensenHaise standard() {
        return new JensenHaise(0.025, -3.0, LatentHeat.CONSTANT);
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
        return in.result(cr * (t - tx) * rs / latentHeat.megajoulesPerKilogram(t));
    }
}
