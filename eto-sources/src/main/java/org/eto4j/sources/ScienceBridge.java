package org.eto4j.sources;

/**
 * The few FAO-56 functions the data preparation needs, taken from eto-core so that there is one
 * implementation of each equation in eto4j.
 */
interface ScienceBridge {
    /**
     * Extraterrestrial radiation Ra for a day, FAO-56 eq. 21.
     *
     * @param latitudeDegrees latitude, degrees
     * @param dayOfYear       1…366
     * @return Ra in MJ m⁻² day⁻¹
     */
    double extraterrestrialRadiation(double latitudeDegrees, int dayOfYear);

    /**
     * Wind speed at 2 m from a measurement at height {@code heightMetres}, FAO-56 eq. 47.
     *
     * @param speedMetresPerSecond wind speed at the measurement height, m/s
     * @param heightMetres         measurement height above ground, m
     * @return wind speed at 2 m, m/s
     */
    double windAt2Metres(double speedMetresPerSecond, double heightMetres);
}
