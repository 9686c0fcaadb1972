package org.eto4j.core;

/**
 * The hourly cloudiness function fcd when the sun is low (elevation β below 0.3 rad at the middle of the hour,
 * including night), where Rs/Rso is unreliable. The sources differ, hence a named option.
 */
public enum AsceLowSun {
    /** fcd = 1, as the Ref-ET program and the RefET package do; the default. */
    UNITY,
    /**
     * fcd of the last hour of the series whose sun elevation was at least 0.3 rad, in the spirit of FAO-56
     * (ch. 4) and ASCE-EWRI (2005), which take the night-time cloudiness from the hours before sunset; 1 before
     * the first such hour.
     */
    CARRY_FORWARD
}
