package org.eto4j.core;

import java.util.Objects;

/**
 * Hargreaves-Samani (Hargreaves and Samani 1985; FAO-56 eq. 52):
 * {@code ET = c (Tmean + 17.8) (Tmax − Tmin)^0.5 Ra / λ}, c = 0.0023, Tmean = (Tmax + Tmin)/2, Ra from
 * FAO-56 eq. 21. Latent heat: {@link LatentHeat#FAO56_FACTOR} (FAO-56 eq. 52 prints 0.408 Ra) unless set
 * otherwise.
 *
 * <p>With {@link #samani2000()} the form of McMahon et al. (2013, eq. S9.x, after Samani 2000) is used:
 * {@code ET = 0.0135 C_HS (Tmean + 17.8) (Tmax − Tmin)^0.5 Ra / λ},
 * {@code C_HS = 0.00185 ΔT² − 0.0433 ΔT + 0.4023}, with λ = 2.45 ({@link LatentHeat#CONSTANT}) as McMahon.
 * Needs Tmax and Tmin.
 *
 * @param coefficient       the leading coefficient c (0.0023; 0.0135 with the Samani form), the one
 *                          {@link Calibration} fits; accepted 1e-6–0.1
 * @param temperatureOffset the 17.8 °C of the formula; accepted 0–50
 * @param rangeAdjusted     whether the Samani (2000) factor C_HS multiplies the formula
 * @param latentHeat        the latent-heat convention
 */
public record HargreavesSamani(double coefficient, double temperatureOffset, boolean rangeAdjusted,
                               LatentHeat latentHeat) implements DailyMethod {
    /** Method id. */
    public static final String ID = "hargreaves-samani";
    /** Hargreaves and Samani's (1985) coefficient, 0.0023 (FAO-56 eq. 52). */
    public static final double COEFFICIENT = 0.0023;
    /** The coefficient of the range-adjusted form, 0.0135 (McMahon et al. 2013). */
    public static final double COEFFICIENT_SAMANI_2000 = 0.0135;
    /** The temperature offset, 17.8 °C. */
    public static final double TEMPERATURE_OFFSET = 17.8;

    /** Validates the coefficients. */
    public HargreavesSamani {
        Options.check("coefficient", coefficient, 1e-6, 0.1);
        Options.check("temperatureOffset", temperatureOffset, 0.0, 50.0);
        Objects.requireNonNull(latentHeat, "latentHeat");
    }

    /**
     * FAO-56 eq. 52 with c = 0.0023 and the factor 0.408.
     *
     * @return the method
     */
    public static HargreavesSamani standard() {
        return new HargreavesSamani(COEFFICIENT, TEMPERATURE_OFFSET, false, LatentHeat.FAO56_FACTOR);
    }

    /**
     * The range-adjusted form of McMahon et al. (2013) with c = 0.0135, as the R package Evapotranspiration.
     *
     * @return the method
     */
    public static HargreavesSamani samani2000() {
        return new HargreavesSamani(COEFFICIENT_SAMANI_2000, TEMPERATURE_OFFSET, true, LatentHeat.CONSTANT);
    }

    /**
     * This method with another leading coefficient.
     *
     * @param value c
     * @return a new method
     */
    public HargreavesSamani withCoefficient(double value) {
        return new HargreavesSamani(value, temperatureOffset, rangeAdjusted, latentHeat);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EtoResult daily(Station station, DailyWeather weather) {
        DailyInputs in = DailyInputs.of(station, weather, -1, ID);
        double tmax = in.tmax();
        double tmin = in.tmin();
        double t = (tmax + tmin) / 2.0;
        return in.result(coefficient * shape(tmax, tmin, in.ra) / latentHeat.megajoulesPerKilogram(t));
    }

    /** Everything but c/λ: (Tmean + offset) √(Tmax − Tmin) Ra [× C_HS]; what calibration regresses on. */
    double shape(double tmax, double tmin, double ra) {
        double range = Math.max(0.0, tmax - tmin);
        double f = ((tmax + tmin) / 2.0 + temperatureOffset) * Math.sqrt(range) * ra;
        if (rangeAdjusted) {
            f *= 0.00185 * range * range - 0.0433 * range + 0.4023;
        }
        return f;
    }
}
