package org.eto4j.fusion;

/**
 * The ETo error model of one estimator, one calendar month and one set of available sources.
 *
 * @param estimator     the estimator
 * @param month         the calendar month, 1–12
 * @param mask          the sources present, as bits of the calibration's source indices
 * @param weights       the combination weights of the present sources, in index order (GLS; one weight of 1 for
 *                      a single source, none for {@link Estimator#VARIABLE_FUSION})
 * @param fusedMean     mean of the combination over the training days (mm d⁻¹)
 * @param fusedSd       standard deviation of the combination over the training days
 * @param referenceMean mean of the reference over the same days
 * @param referenceSd   standard deviation of the reference over the same days
 * @param residualSd    standard deviation of reference − final estimate over the same days (the predictive spread)
 * @param spreadSlope   growth of the predictive spread with the estimate: σ(y) = residualSd · max(0.25,
 *                      1 + spreadSlope · (y − referenceMean) / referenceMean)
 * @param minimum       the smallest final estimate seen in training
 * @param maximum       the largest final estimate seen in training
 * @param days          the number of training days
 */
record Combination(Estimator estimator, int month, int mask, double[] weights, double fusedMean, double fusedSd,
                   double referenceMean, double referenceSd, double residualSd, double spreadSlope,
                   double minimum, double maximum, int days) {

    /** Whether the estimator rescales the combination to the reference's monthly mean and spread. */
    boolean varianceScaled() {
        return estimator != Estimator.ETO_SCALING;
    }

    /** The final estimate from the combination f: variance scaling (Leander and Buishand 2007) or f itself. */
    double finalEstimate(double f) {
        if (!varianceScaled() || !(fusedSd > 0)) {
            return f;
        }
        return referenceMean + (f - fusedMean) * (referenceSd / fusedSd);
    }

    /** The predictive standard deviation at the final estimate y. */
    double spread(double y) {
        double factor = 1 + spreadSlope * (y - referenceMean) / referenceMean;
        return residualSd * Math.max(MIN_SPREAD_FACTOR, factor);
    }

    /** The spread never shrinks below a quarter of the month's residual spread, however low the estimate. */
    static final double MIN_SPREAD_FACTOR = 0.25;
}
