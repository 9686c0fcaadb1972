package org.eto4j.core;

/**
 * The time within an hour at which the sun's elevation β is evaluated to decide whether the sun is low
 * (β &lt; 0.3 rad, {@link AsceLowSun}). Only that decision moves: Ra (eq. 48), the clear-sky Rso (eq. D.6, 62)
 * and therefore Rs/Rso always use the middle of the period. The default follows the profile
 * ({@link AsceProfile#defaultBetaTime()}).
 */
public enum AsceBetaTime {
    /**
     * The middle of the period, as ASCE-EWRI (2005) eq. 62 evaluates sin β; the default of {@link AsceProfile#ASCE}.
     */
    PERIOD_MIDDLE,
    /**
     * The start of the period, as the Ref-ET program does: its IN2 listing gives "Beta" at the start of the
     * period but "SinBeta" at the midpoint, and Beta is what clamps fcd (RefET Python package,
     * {@code hourly.py}, comment on {@code _fcd_hourly}). The default of {@link AsceProfile#REF_ET}.
     */
    PERIOD_START
}
