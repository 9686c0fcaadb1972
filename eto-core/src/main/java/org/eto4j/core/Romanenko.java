package org.eto4j.core;

/**
 * Romanenko (1961; Xu and Singh 2001 eq. 11): {@code ET = k (1 + T/25)² (1 − ea/es)}, k = 4.5 mm d⁻¹, es by
 * FAO-56 eq. 12 (or e°(Tmean)), ea by FAO-56's humidity routes. Needs Tmean (or Tmax and Tmin) and a humidity
 * value. Latent heat: none (empirical).
 *
 * @param k the coefficient (mm d⁻¹); accepted 0–20
 */
public record Romanenko(double k) implements DailyMethod {
    /** Method id. */
    public static final String ID = "romanenko";

    /** Validates the coefficient. */
    public Romanenko {
        Options.check("k", k, 0.0, 20.0);
    }

    /**
     * k = 4.5.
     *
     * @return the method
     */
    public static Romanenko standard() {
        return new Romanenko(4.5);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double t = in.tmean();
        double ea = in.ea(false);
        double es = in.es();
        double x = 1.0 + t / 25.0;
        return in.result(k * x * x * (1.0 - ea / es));
    }
}
