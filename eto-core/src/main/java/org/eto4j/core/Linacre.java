package org.eto4j.core;

/**
 * Linacre (1977): {@code ET = [500 Tm/(100 − A) + 15 (T − Td)] / (80 − T)}, {@code Tm = T + 0.006 z},
 * A = |latitude| in degrees, z the elevation, Td the dew point. Needs Tmean (or Tmax and Tmin) and a humidity
 * value (tdew, ea or RH; Td is then e°⁻¹(ea)). Latent heat: none (empirical). Linacre wrote A for the
 * northern hemisphere; the absolute latitude makes the formula symmetric (the R package Evapotranspiration
 * passes the signed latitude).
 *
 * @param radiationCoefficient the 500 of the formula; accepted 0–2000
 * @param humidityCoefficient  the 15 of the formula; accepted 0–100
 */
public record Linacre(double radiationCoefficient, double humidityCoefficient) implements DailyMethod {
    /** Method id. */
    public static final String ID = "linacre";

    /** Validates the coefficients. */
    public Linacre {
        Options.check("radiationCoefficient", radiationCoefficient, 0.0, 2000.0);
        Options.check("humidityCoefficient", humidityCoefficient, 0.0, 100.0);
    }

    /**
     * 500 and 15.
     *
     * @return the method
     */
    public static Linacre standard() {
        return new Linacre(500.0, 15.0);
    }

    /**
     * The equation itself.
     *
     * @param t mean temperature T (°C), below 80
     * @param dewPoint Td (°C)
     * @param elevationMetres z (m)
     * @param latitudeDegrees A (degrees, as given)
     * @return ET (mm d⁻¹)
     */
    public static double equation(double t, double dewPoint, double elevationMetres, double latitudeDegrees) {
        return new Linacre(500.0, 15.0).apply(t, dewPoint, elevationMetres, latitudeDegrees);
    }

    private double apply(double t, double dewPoint, double elevationMetres, double latitudeDegrees) {
        double tm = t + 0.006 * elevationMetres;
        return (radiationCoefficient * tm / (100.0 - latitudeDegrees) + humidityCoefficient * (t - dewPoint))
                / (80.0 - t);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double t = in.tmean();
        double td = in.tdew();
        return in.result(apply(t, td, station.elevationMetres(), Math.abs(station.latitudeDegrees())));
    }
}
