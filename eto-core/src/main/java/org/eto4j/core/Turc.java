package org.eto4j.core;

/**
 * Turc (1961), daily form of McMahon et al. (2013, eq. S9.10–S9.11):
 * {@code ET = c T/(T + 15) (k Rs + 50)} for RH ≥ 50 %, multiplied by {@code 1 + (50 − RH)/70} below,
 * c = 0.013, k = 23.88 (MJ m⁻² → cal cm⁻²). Defined for T &gt; 0 °C; 0 below. Needs Tmean (or Tmax and
 * Tmin), Rs (or sunshine hours) and the mean relative humidity (rh_mean, or rh_max and rh_min, or ea/Tdew).
 * Latent heat: none — the formula is empirical in cal cm⁻² d⁻¹ (λ is folded into c).
 *
 * @param coefficient      c; accepted 0–0.1
 * @param radiationFactor  k, conversion of Rs to cal cm⁻² d⁻¹; accepted 20–30
 */
public record Turc(double coefficient, double radiationFactor) implements DailyMethod {
    /** Method id. */
    public static final String ID = "turc";

    /** Validates the coefficients. */
    public Turc {
        Options.check("coefficient", coefficient, 0.0, 0.1);
        Options.check("radiationFactor", radiationFactor, 20.0, 30.0);
    }

    /**
     * c = 0.013, k = 23.88.
     *
     * @return the method
     */
    public static Turc standard() {
        return new Turc(0.013, 23.88);
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
        double rh = in.rhMean();
        if (t <= 0.0) {
            return in.result(0.0);
        }
        double humidity = rh < 50.0 ? 1.0 + (50.0 - rh) / 70.0 : 1.0;
        return in.result(coefficient * t / (t + 15.0) * (radiationFactor * rs + 50.0) * humidity);
    }
}
