package org.eto4j.core;

/**
 * Wind speed profile of FAO-56 chapter 3.
 */
public final class Wind {

    /** Default wind speed when no wind data exist, 2 m/s (FAO-56 ch. 3, "missing wind speed data"). */
    public static final double DEFAULT_WIND_SPEED_METRES_PER_SECOND = 2.0;

    /** Standard measurement height of the reference equation, 2 m. */
    public static final double STANDARD_HEIGHT_METRES = 2.0;

    private Wind() {
    }

    /**
     * Logarithmic wind profile factor to 2 m, FAO-56 eq. 47: {@code u2/uz = 4.87 / ln(67.8 z − 5.42)}.
     * Exactly 1 at z = 2 m.
     *
     * @param heightMetres measurement height z (m), &gt; 0.08 (valid over short grass from about 0.5 to 100 m)
     * @return the factor u2/uz
     */
    public static double factorToTwoMetres(double heightMetres) {
        if (heightMetres == STANDARD_HEIGHT_METRES) {
            return 1.0;
        }
        return 4.87 / Math.log(67.8 * heightMetres - 5.42);
    }

    /**
     * Wind speed at 2 m from a measurement at height z, FAO-56 eq. 47: {@code u2 = uz 4.87 / ln(67.8 z − 5.42)}.
     *
     * @param speedMetresPerSecond uz, measured wind speed (m/s), ≥ 0
     * @param heightMetres         z (m), see {@link #factorToTwoMetres(double)}
     * @return u2 (m/s)
     */
    public static double toTwoMetres(double speedMetresPerSecond, double heightMetres) {
        return speedMetresPerSecond * factorToTwoMetres(heightMetres);
    }
}
