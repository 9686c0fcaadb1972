package org.eto4j.core;

/**
 * Hamon (1961), in the form of McMahon et al. (2013) and the R package Evapotranspiration:
 * {@code ET = c · 25.4 · (D/12)² · SVD/100}, {@code SVD = 216.7 · 10 es/(T + 273.3)} (saturated vapour density,
 * g m⁻³), c = 0.55 (in d⁻¹, 25.4 converts inches to mm), D = the day length N (FAO-56 eq. 34), es by FAO-56
 * eq. 12 (or e°(Tmean)). Needs Tmean (or Tmax and Tmin). Latent heat: none (empirical in vapour density).
 *
 * @param coefficient c; accepted 0–2
 */
public record Hamon(double coefficient) implements DailyMethod {
    /** Method id. */
    public static final String ID = "hamon";

    /** Validates the coefficient. */
    public Hamon {
        Options.check("coefficient", coefficient, 0.0, 2.0);
    }

    /**
     * c = 0.55.
     *
     * @return the method
     */
    public static Hamon standard() {
        return new Hamon(0.55);
    }

    /**
     * The equation itself.
     *
     * @param coefficient c
     * @param dayLengthHours D (h)
     * @param saturationVapourPressure es (kPa)
     * @param temperatureCelsius T (°C)
     * @return ET (mm d⁻¹)
     */
    public static double equation(double coefficient, double dayLengthHours, double saturationVapourPressure,
                                  double temperatureCelsius) {
        double svd = 216.7 * 10.0 * saturationVapourPressure / (temperatureCelsius + 273.3);
        double d = dayLengthHours / 12.0;
        return coefficient * 25.4 * d * d * svd / 100.0;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double t = in.tmean();
        return in.result(equation(coefficient, in.daylightHours, in.es(), t));
    }
}
