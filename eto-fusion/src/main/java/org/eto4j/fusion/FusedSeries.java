package org.eto4j.fusion;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link EtoFusion#fuse}: for each day, the fused inputs with their error variances, the fused ETo
 * with a normal predictive distribution (mean and standard deviation, any quantile), and the flags of what was
 * corrected or filled. Immutable; the array accessors return copies.
 *
 * <p>A day no source could serve has NaN values and the flag {@link FusionFlag#NO_SOURCE} (or
 * {@link FusionFlag#NOT_CALIBRATED}): nothing is invented.
 */
public final class FusedSeries {
    /** The lower probability of the default interval: the 5 % quantile. */
    public static final double LOWER_PROBABILITY = 0.05;
    /** The upper probability of the default interval: the 95 % quantile. */
    public static final double UPPER_PROBABILITY = 0.95;

    private final Estimator estimator;
    private final LocalDate[] dates;
    private final double[][] values;
    private final double[][] variances;
    private final double[] eto;
    private final double[] etoSd;
    private final int[] flags;

    FusedSeries(Estimator estimator, LocalDate[] dates, double[][] values, double[][] variances, double[] eto,
                double[] etoSd, int[] flags) {
        this.estimator = estimator;
        this.dates = dates;
        this.values = values;
        this.variances = variances;
        this.eto = eto;
        this.etoSd = etoSd;
        this.flags = flags;
    }

    /**
     * The estimator that produced the ETo.
     *
     * @return the estimator
     */
    public Estimator estimator() {
        return estimator;
    }

    /**
     * The number of days.
     *
     * @return the size
     */
    public int size() {
        return dates.length;
    }

    /**
     * The days.
     *
     * @return an immutable list
     */
    public List<LocalDate> dates() {
        return List.of(dates);
    }

    /**
     * A fused input on a day: the corrected sources combined by their inverse error covariance.
     *
     * @param variable the input
     * @param row      zero-based row
     * @return the value in the input's unit, NaN when no source had it
     */
    public double value(Variable variable, int row) {
        return values[variable.ordinal()][row];
    }

    /**
     * The error variance of a fused input on a day, from the calibration's error model (unit squared). For a
     * calibration fitted on reference ETo only, it is the part of the error the sources disagree on (see
     * {@link FusionCalibrator}); an error common to all sources is not in it.
     *
     * @param variable the input
     * @param row      zero-based row
     * @return the variance, NaN when no source had the input
     */
    public double variance(Variable variable, int row) {
        return variances[variable.ordinal()][row];
    }

    /**
     * A fused input over all days.
     *
     * @param variable the input
     * @return a copy of the values
     */
    public double[] values(Variable variable) {
        return values[variable.ordinal()].clone();
    }

    /**
     * The error variances of a fused input over all days.
     *
     * @param variable the input
     * @return a copy of the variances
     */
    public double[] variances(Variable variable) {
        return variances[variable.ordinal()].clone();
    }

    /**
     * The fused ETo: the mean (and median) of the predictive distribution.
     *
     * @param row zero-based row
     * @return ETo, mm d⁻¹; NaN when no source could serve the day
     */
    public double eto(int row) {
        return eto[row];
    }

    /**
     * The fused ETo over all days.
     *
     * @return a copy, mm d⁻¹
     */
    public double[] eto() {
        return eto.clone();
    }

    /**
     * The standard deviation of the predictive distribution of ETo on a day.
     *
     * @param row zero-based row
     * @return σ, mm d⁻¹
     */
    public double etoStandardDeviation(int row) {
        return etoSd[row];
    }

    /**
     * A quantile of the predictive distribution of ETo on a day, normal with the day's mean and standard deviation.
     *
     * @param row         zero-based row
     * @param probability 0 &lt; p &lt; 1
     * @return the quantile, mm d⁻¹ (it may be below zero on days of very low ETo: the distribution is not truncated)
     * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} for a probability outside (0, 1)
     */
    public double etoQuantile(int row, double probability) {
        return eto[row] + Normal.quantile(probability) * etoSd[row];
    }

    /**
     * A quantile of the predictive distribution of ETo over all days.
     *
     * @param probability 0 &lt; p &lt; 1
     * @return the quantiles, mm d⁻¹
     * @throws FusionException {@link FusionErrorCode#INVALID_OPTION} for a probability outside (0, 1)
     */
    public double[] etoQuantiles(double probability) {
        double z = Normal.quantile(probability);
        double[] q = new double[eto.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = eto[i] + z * etoSd[i];
        }
        return q;
    }

    /**
     * The flags of a day.
     *
     * @param row zero-based row
     * @return a new mutable set
     */
    public Set<FusionFlag> flags(int row) {
        return FusionFlag.fromMask(flags[row]);
    }

    /**
     * The flags of all days as masks ({@link FusionFlag#bit()}).
     *
     * @return a copy
     */
    public int[] flagMasks() {
        return flags.clone();
    }

    /**
     * The number of days carrying a flag.
     *
     * @param flag the flag
     * @return the count
     */
    public int count(FusionFlag flag) {
        int n = 0;
        for (int f : flags) {
            if ((f & flag.bit()) != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        EnumSet<FusionFlag> seen = EnumSet.noneOf(FusionFlag.class);
        for (int f : flags) {
            seen.addAll(FusionFlag.fromMask(f));
        }
        return "FusedSeries[" + estimator + ", " + dates.length + " days, flags " + seen + "]";
    }
}
