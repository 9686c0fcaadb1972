package org.eto4j.core;

/**
 * How the relative shortwave radiation Rs/Rso is bounded before it enters the cloudiness term of FAO-56
 * eq. 39. The sources disagree, hence a named option.
 */
public enum RsRsoBound {
    /** FAO-56 (default): {@code Rs/Rso ≤ 1.0}, no lower bound. */
    AT_MOST_ONE(Double.NEGATIVE_INFINITY, 1.0),
    /** ASCE-EWRI 2005 (and RefET, pyet): clipped to {@code 0.3 ≤ Rs/Rso ≤ 1.0}. */
    CLIP_0_3_TO_1(0.3, 1.0);

    private final double lower;
    private final double upper;

    RsRsoBound(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * Applies the bound.
     *
     * @param ratio Rs/Rso
     * @return the bounded ratio
     */
    public double apply(double ratio) {
        return Math.max(lower, Math.min(upper, ratio));
    }

    /** The lower bound (−∞ when none). */
    double lower() {
        return lower;
    }

    /** The upper bound. */
    double upper() {
        return upper;
    }
}
