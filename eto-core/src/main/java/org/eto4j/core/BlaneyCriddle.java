package org.eto4j.core;

/**
 * Blaney-Criddle (Blaney and Criddle 1950). Two forms:
 * <ul>
 *   <li>{@link #standard()}: {@code ET = k p (0.46 T + 8.13)} (Xu and Singh 2001 eq. 6), k = 0.65, where
 *       {@code p = 100 N / (365 · 12)} is the day's share of annual daytime hours in percent, N from FAO-56
 *       eq. 34. Needs only Tmean (or Tmax and Tmin).</li>
 *   <li>{@link #fao24()}: the FAO-24 form (Doorenbos and Pruitt 1977) with the regression of Frevert et al.
 *       (1983), as in McMahon et al. (2013, eq. S9.x): {@code ET = a + b p (0.46 T + 8.13)},
 *       {@code a = 0.0043 RHmin − n/N − 1.41},
 *       {@code b = 0.81917 − 0.0040922 RHmin + 1.0705 n/N + 0.065649 Ud − 0.0059684 RHmin n/N
 *       − 0.0005967 RHmin Ud}; Ud is taken as u2. Needs also rh_min, sunshine_hours and wind.</li>
 * </ul>
 * Latent heat: none (empirical).
 *
 * @param k     the coefficient of the simple form; accepted 0–2 (ignored by the FAO-24 form)
 * @param fao24Form whether the FAO-24 form is used
 */
public record BlaneyCriddle(double k, boolean fao24Form) implements DailyMethod {
    /** Method id. */
    public static final String ID = "blaney-criddle";

    /** Validates the coefficient. */
    public BlaneyCriddle {
        Options.check("k", k, 0.0, 2.0);
    }

    /**
     * The simple form, k = 0.65.
     *
     * @return the method
     */
    public static BlaneyCriddle standard() {
        return new BlaneyCriddle(0.65, false);
    }

    /**
     * The FAO-24 form.
     *
     * @return the method
     */
    public static BlaneyCriddle fao24() {
        return new BlaneyCriddle(1.0, true);
    }

    /**
     * The FAO-24 equation with the Frevert et al. (1983) regression.
     *
     * @param t mean temperature (°C)
     * @param p mean daily percentage of annual daytime hours (%)
     * @param rhMin minimum relative humidity (%)
     * @param sunshineRatio n/N
     * @param daytimeWind Ud (m/s)
     * @return ET (mm d⁻¹)
     */
    public static double fao24Equation(double t, double p, double rhMin, double sunshineRatio, double daytimeWind) {
        double a = 0.0043 * rhMin - sunshineRatio - 1.41;
        double b = 0.81917 - 0.0040922 * rhMin + 1.0705 * sunshineRatio + 0.065649 * daytimeWind
                - 0.0059684 * rhMin * sunshineRatio - 0.0005967 * rhMin * daytimeWind;
        return a + b * p * (0.46 * t + 8.13);
    }

    /**
     * The day's share of annual daytime hours, {@code p = 100 N/(365 · 12)} (%).
     *
     * @param daylightHours N (h)
     * @return p (%)
     */
    public static double daytimeShare(double daylightHours) {
        return 100.0 * daylightHours / (365.0 * 12.0);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double t = in.tmean();
        double p = daytimeShare(in.daylightHours);
        if (!fao24Form) {
            return in.result(k * p * (0.46 * t + 8.13));
        }
        double rhMin = in.rhMin();
        double n = in.sunshineHours();
        double u = in.u2();
        double ratio = in.daylightHours > 0.0 ? n / in.daylightHours : 0.0;
        return in.result(fao24Equation(t, p, rhMin, ratio, u));
    }
}
