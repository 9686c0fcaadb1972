package org.eto4j.fusion;

/**
 * The ways eto-fusion turns several sources into one ETo. Every calibration carries the error model of all three,
 * so the estimator is a choice at fusion time; {@link EtoFusion#DEFAULT_ESTIMATOR} is the one that scored best out of
 * sample on the MATOPIBA stations (VALIDATION.md).
 */
public enum Estimator {
    /**
     * ETo-level monthly scaling: each source's FAO-56 ETo times its monthly factor Σ reference / Σ ETo, then the
     * scaled sources combined by minimum-variance (GLS) weights from their monthly error covariance (Bates and
     * Granger 1969).
     */
    ETO_SCALING,
    /**
     * Variable-level bias correction then FAO-56: each source's inputs corrected per month ({@link Variable}), FAO-56
     * ETo per source, the sources combined by minimum-variance weights, then the monthly mean and spread of the
     * combination matched to the reference (variance scaling, Leander and Buishand 2007) so that the fused series is
     * neither biased nor damped.
     */
    VARIABLE_CORRECTION,
    /**
     * Inverse-variance fusion of variables: each source's inputs corrected per month, each input fused across
     * sources by its inverse error covariance (the static Kalman update, i.e. generalised least squares), FAO-56 on
     * the fused inputs, then the same monthly variance scaling.
     */
    VARIABLE_FUSION
}
