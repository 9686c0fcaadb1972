package org.eto4j.fusion;

/** The standard normal distribution: its CDF and quantile function, for the predictive intervals. */
final class Normal {
    private Normal() {
    }

    /**
     * Φ(z) from the complementary error function, erfc by the Chebyshev fit of Numerical Recipes (Press et al. 1992,
     * §6.2, {@code erfcc}), fractional error below 1.2e-7 everywhere.
     */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * x);
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }

    /** Φ⁻¹(p) for 0 &lt; p &lt; 1 by bisection on {@link #cdf}, to 1e-9 in z (ample for intervals of mm/day). */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new FusionException(FusionErrorCode.INVALID_OPTION, "probability", p, "0 < p < 1");
        }
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 80 && hi - lo > 1e-9; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
