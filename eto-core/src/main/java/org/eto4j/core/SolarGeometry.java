package org.eto4j.core;

/**
 * Sun–earth geometry of FAO-56 chapter 3: distance, declination, sunset hour angle, day length and solar time.
 *
 * <p>Angles in radians, latitude positive north. Every function is defined at polar latitudes: the sunset hour
 * angle is clamped to [0, π] (polar night gives 0, midnight sun gives π), so nothing returns NaN.
 */
public final class SolarGeometry {

    /**
     * Hours per degree of longitude as printed in FAO-56 eq. 31 (0.06667 h per degree), kept as printed so
     * that FAO-56 example 19 is reproduced exactly; the exact value would be 1/15.
     */
    public static final double HOURS_PER_DEGREE_LONGITUDE = 0.06667;

    private SolarGeometry() {
    }

    /**
     * Inverse relative distance Earth–Sun, FAO-56 eq. 23: {@code dr = 1 + 0.033 cos(2π J / 365)}.
     *
     * @param dayOfYear day of the year J (1–366)
     * @return dr (dimensionless)
     */
    public static double inverseRelativeDistance(int dayOfYear) {
        return 1.0 + 0.033 * Math.cos(2.0 * Math.PI * dayOfYear / 365.0);
    }

    /**
     * Solar declination, FAO-56 eq. 24: {@code δ = 0.409 sin(2π J / 365 − 1.39)}.
     *
     * @param dayOfYear day of the year J (1–366)
     * @return declination δ (rad)
     */
    public static double declination(int dayOfYear) {
        return 0.409 * Math.sin(2.0 * Math.PI * dayOfYear / 365.0 - 1.39);
    }

    /**
     * Sunset hour angle, FAO-56 eq. 25 (equivalent to eq. 26): {@code ωs = arccos(−tan φ tan δ)}, with the
     * argument clamped to [−1, 1] so that polar night gives 0 and midnight sun gives π.
     *
     * @param latitudeRadians latitude φ (rad), −π/2 to π/2
     * @param declinationRadians solar declination δ (rad)
     * @return sunset hour angle ωs (rad), in [0, π]
     */
    public static double sunsetHourAngle(double latitudeRadians, double declinationRadians) {
        double x = -Math.tan(latitudeRadians) * Math.tan(declinationRadians);
        if (x >= 1.0) {
            return 0.0;
        }
        if (x <= -1.0) {
            return Math.PI;
        }
        return Math.acos(x);
    }

    /**
     * Daylight hours (maximum possible duration of sunshine), FAO-56 eq. 34: {@code N = 24 ωs / π}.
     *
     * @param sunsetHourAngleRadians ωs (rad), in [0, π]
     * @return N (hours), in [0, 24]
     */
    public static double daylightHours(double sunsetHourAngleRadians) {
        return 24.0 / Math.PI * sunsetHourAngleRadians;
    }

    /**
     * Seasonal correction for solar time (equation of time), FAO-56 eq. 32 and 33:
     * {@code Sc = 0.1645 sin 2b − 0.1255 cos b − 0.025 sin b}, {@code b = 2π (J − 81) / 364}.
     *
     * @param dayOfYear day of the year J (1–366)
     * @return Sc (hours)
     */
    public static double seasonalCorrectionHours(int dayOfYear) {
        double b = 2.0 * Math.PI * (dayOfYear - 81) / 364.0;
        return 0.1645 * Math.sin(2.0 * b) - 0.1255 * Math.cos(b) - 0.025 * Math.sin(b);
    }

    /**
     * Solar time angle at the midpoint of a period, FAO-56 eq. 31:
     * {@code ω = π/12 [(t + 0.06667 (Lz − Lm) + Sc) − 12]}. Longitudes are in FAO-56's sign: degrees
     * <em>west</em> of Greenwich (Lz = 15 for a zone one hour behind UTC, Lm = 16.25 for 16°15'W).
     * The result is not wrapped; see {@link Radiation#extraterrestrialForPeriod}.
     *
     * @param clockTimeHours        standard clock time t at the midpoint of the period (hours, e.g. 14.5)
     * @param standardMeridianWestDegrees Lz, longitude of the centre of the local time zone (degrees west)
     * @param longitudeWestDegrees  Lm, longitude of the site (degrees west)
     * @param seasonalCorrectionHours Sc from {@link #seasonalCorrectionHours(int)} (hours)
     * @return solar time angle ω (rad)
     */
    public static double solarTimeAngle(double clockTimeHours, double standardMeridianWestDegrees,
                                        double longitudeWestDegrees, double seasonalCorrectionHours) {
        return Math.PI / 12.0 * ((clockTimeHours
                + HOURS_PER_DEGREE_LONGITUDE * (standardMeridianWestDegrees - longitudeWestDegrees)
                + seasonalCorrectionHours) - 12.0);
    }

    /**
     * Solar time angle at the beginning of a period, FAO-56 eq. 29: {@code ω1 = ω − π t1 / 24}.
     *
     * @param solarTimeAngleRadians ω at the midpoint (rad)
     * @param periodHours           length of the period t1 (hours; 1 for hourly, 0.5 for 30 min)
     * @return ω1 (rad)
     */
    public static double periodStartAngle(double solarTimeAngleRadians, double periodHours) {
        return solarTimeAngleRadians - Math.PI * periodHours / 24.0;
    }

    /**
     * Solar time angle at the end of a period, FAO-56 eq. 30: {@code ω2 = ω + π t1 / 24}.
     *
     * @param solarTimeAngleRadians ω at the midpoint (rad)
     * @param periodHours           length of the period t1 (hours)
     * @return ω2 (rad)
     */
    public static double periodEndAngle(double solarTimeAngleRadians, double periodHours) {
        return solarTimeAngleRadians + Math.PI * periodHours / 24.0;
    }

    /**
     * Sine of the sun's elevation angle β (the angle of ASCE-EWRI 2005 eq. 62, used here to pick the hours whose
     * Rs/Rso is carried into the night):
     * {@code sin β = sin φ sin δ + cos φ cos δ cos ω}.
     *
     * @param latitudeRadians    φ (rad)
     * @param declinationRadians δ (rad)
     * @param hourAngleRadians   ω (rad)
     * @return sin β, in [−1, 1]
     */
    public static double sineOfSunElevation(double latitudeRadians, double declinationRadians,
                                            double hourAngleRadians) {
        return Math.sin(latitudeRadians) * Math.sin(declinationRadians)
                + Math.cos(latitudeRadians) * Math.cos(declinationRadians) * Math.cos(hourAngleRadians);
    }

    /**
     * Wraps an angle into [−π, π).
     *
     * @param radians any finite angle (rad)
     * @return the equivalent angle in [−π, π)
     */
    public static double wrapAngle(double radians) {
        double twoPi = 2.0 * Math.PI;
        double w = (radians + Math.PI) % twoPi;
        if (w < 0) {
            w += twoPi;
        }
        return w - Math.PI;
    }
}
