package org.eto4j.core;

import java.util.Objects;

/**
 * The outcome of a {@link Calibration}: the method with its fitted coefficient and how well it then matches
 * the reference series.
 *
 * @param method      the method with the fitted coefficient
 * @param coefficient the name of the fitted coefficient ({@code coefficient} or {@code alpha})
 * @param value       the fitted value
 * @param pairs       the number of days used (days whose reference value is a number)
 * @param rmse        root mean square error of the fitted method against the reference (mm d⁻¹)
 * @param bias        mean of (method − reference) (mm d⁻¹)
 * @param rSquared    coefficient of determination 1 − SSres/SStot; NaN only when every reference value is
 *                    the same (R² is then undefined)
 * @param rmseBefore  the RMSE with the coefficient the method had before fitting (mm d⁻¹)
 */
public record CalibrationResult(DailyMethod method, String coefficient, double value, int pairs, double rmse,
                                double bias, double rSquared, double rmseBefore) {
    /** Requires the method and the name. */
    public CalibrationResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(coefficient, "coefficient");
    }
}
