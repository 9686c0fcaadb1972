package org.eto4j.core;

/**
 * The hourly cloudiness function fcd when the sun is low: its elevation β below 0.3 rad
 * ({@link AsceEwri#LOW_SUN_ELEVATION_RADIANS}), night included, where Rs/Rso is unreliable. β is taken at the
 * time {@link AsceBetaTime} names. The sources differ, hence a named option; the default follows the profile
 * ({@link AsceProfile#defaultLowSun()}).
 *
 * <p>{@link Fao56}'s hourly rule is left as FAO-56 (ch. 4) writes it and differs in three ways
 * ({@link NightRsRso}): it carries the ratio Rs/Rso, not fcd, from the last period whose mid-period β is at
 * least 0.3 rad (or uses a fixed ratio, 0.8 in example 19); it applies the carried ratio only to night periods
 * (Rso = 0), low-sun daytime periods keeping their own ratio; and a period is night for Cd and G when the sun
 * is below the horizon for the whole period (Rso = 0), not when Rn &lt; 0. Before the first high-sun period it
 * assumes 0.8 ({@link Fao56.Builder#assumedRsRso}).
 */
public enum AsceLowSun {
    /**
     * fcd = 1, as the RefET Python package does ({@code calcs.fcd_hourly}: "for now set fcd to 1 for low sun
     * angles"). Not what the Ref-ET program does: it under-estimates Rnl under cloudless skies, over-estimates it
     * under clouds.
     */
    UNITY,
    /**
     * The standard's reading (ASCE-EWRI 2005, text with eq. 45): fcd of the last hour of the series whose sun
     * elevation was at least 0.3 rad, carried through low sun and the night; 1 before the first such hour.
     * The default of {@link AsceProfile#ASCE}.
     */
    CARRY_FORWARD,
    /**
     * The Ref-ET program's rule (Ref-ET v4.1, University of Idaho; determined from its printed output, see
     * {@link AsceProfile#REF_ET}): as {@link #CARRY_FORWARD}, but before the first high-sun hour of a series
     * (the first night and morning) Rs/Rso is taken as {@link AsceEwri#REF_ET_INITIAL_RS_RSO} = 0.7, that is
     * fcd = 1.35 · 0.7 − 0.35 = 0.595. The default of {@link AsceProfile#REF_ET}.
     */
    REF_ET
}
