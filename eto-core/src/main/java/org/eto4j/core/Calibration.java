package org.eto4j.core;

import java.util.List;
import java.util.Objects;

/**
 * Fits the empirical coefficient of a simple method to a Penman-Monteith series of the same station by least
 * squares. Both supported methods are linear in their coefficient — Hargreaves-Samani's c (0.0023) and
 * Priestley-Taylor's α (1.26) — so the fit is the closed-form regression through the origin
 * {@code c = Σ x y / Σ x²}, with x the method's value for a coefficient of 1 and y the reference.
 */
public final class Calibration {

    /** Fewest days a fit accepts. */
    public static final int MIN_PAIRS = 2;

    private Calibration() {
    }

    /**
     * Fits a method's coefficient to a reference series.
     *
     * @param method    the method to calibrate ({@link HargreavesSamani} or {@link PriestleyTaylor}); its other
     *                  parameters are kept
     * @param station   the station
     * @param days      the days
     * @param reference the reference ET of each day (mm d⁻¹), e.g. FAO-56 Penman-Monteith; NaN skips the day
     * @return the fitted method and the goodness of fit
     * @throws EtoException {@link ErrorCode#LENGTH_MISMATCH} when the lengths differ,
     *                      {@link ErrorCode#UNKNOWN_METHOD} for a method without a linear coefficient,
     *                      {@link ErrorCode#MISSING_INPUT} (field {@code eto}) with fewer than {@link #MIN_PAIRS}
     *                      usable days, {@link ErrorCode#INVALID_OPTION} when the fitted value is outside the
     *                      coefficient's accepted range, and the method's own input errors (row = list index)
     */
    public static CalibrationResult fit(DailyMethod method, Station station, List<DailyWeather> days,
                                        double[] reference) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(station, "station");
        if (reference.length != days.size()) {
            throw new EtoException(ErrorCode.LENGTH_MISMATCH, "eto", -1, "eto", reference.length, days.size());
        }
        if (!(method instanceof HargreavesSamani) && !(method instanceof PriestleyTaylor)) {
            throw new EtoException(ErrorCode.UNKNOWN_METHOD, null, -1, method.id());
        }
        double[] x = new double[days.size()];
        double sxy = 0.0;
        double sxx = 0.0;
        int pairs = 0;
        for (int i = 0; i < days.size(); i++) {
            double y = reference[i];
            if (Double.isNaN(y)) {
                continue;
            }
            if (Double.isInfinite(y)) {
                throw new EtoException(ErrorCode.VALUE_NOT_FINITE, "eto", i, "eto");
            }
            try {
                x[i] = unit(method, station, days.get(i));
            } catch (EtoException e) {
                throw e.atRow(i);
            }
            sxy += x[i] * y;
            sxx += x[i] * x[i];
            pairs++;
        }
        if (pairs < MIN_PAIRS || sxx == 0.0) {
            throw new EtoException(ErrorCode.MISSING_INPUT, "eto", -1, "eto", method.id());
        }
        double c = sxy / sxx;
        DailyMethod fitted;
        String name;
        double before;
        if (method instanceof HargreavesSamani hs) {
            fitted = hs.withCoefficient(c);
            name = "coefficient";
            before = hs.coefficient();
        } else {
            PriestleyTaylor pt = (PriestleyTaylor) method;
            fitted = pt.withAlpha(c);
            name = "alpha";
            before = pt.alpha();
        }
        double mean = 0.0;
        for (int i = 0; i < reference.length; i++) {
            if (!Double.isNaN(reference[i])) {
                mean += reference[i];
            }
        }
        mean /= pairs;
        double ssRes = 0.0;
        double ssResBefore = 0.0;
        double ssTot = 0.0;
        double sumError = 0.0;
        for (int i = 0; i < reference.length; i++) {
            double y = reference[i];
            if (Double.isNaN(y)) {
                continue;
            }
            double e = c * x[i] - y;
            double e0 = before * x[i] - y;
            ssRes += e * e;
            ssResBefore += e0 * e0;
            sumError += e;
            ssTot += (y - mean) * (y - mean);
        }
        return new CalibrationResult(fitted, name, c, pairs, Math.sqrt(ssRes / pairs), sumError / pairs,
                ssTot > 0.0 ? 1.0 - ssRes / ssTot : Double.NaN, Math.sqrt(ssResBefore / pairs));
    }

    /**
     * Fits a method against FAO-56 Penman-Monteith computed here from the same days.
     *
     * @param method the method to calibrate
     * @param fao56  the Penman-Monteith calculator (lenient mode lets invalid days drop out)
     * @param station the station
     * @param days   the days (with the data Penman-Monteith needs)
     * @return the fit
     * @throws EtoException as {@link #fit} and {@link Fao56#daily(Station, List)}
     */
    public static CalibrationResult againstPenmanMonteith(DailyMethod method, Fao56 fao56, Station station,
                                                          List<DailyWeather> days) {
        List<EtoResult> pm = fao56.daily(station, days);
        double[] reference = new double[pm.size()];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = pm.get(i).eto();
        }
        return fit(method, station, days, reference);
    }

    /** The method's ET for a coefficient of 1. */
    private static double unit(DailyMethod method, Station station, DailyWeather w) {
        if (method instanceof HargreavesSamani hs) {
            return hs.daily(station, w).eto() / hs.coefficient();
        }
        PriestleyTaylor pt = (PriestleyTaylor) method;
        return pt.daily(station, w).eto() / pt.alpha();
    }
}
