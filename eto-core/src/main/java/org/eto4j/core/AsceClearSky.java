package org.eto4j.core;

/** How the ASCE-EWRI calculator computes clear-sky solar radiation Rso (only for the cloudiness term fcd). */
public enum AsceClearSky {
    /** ASCE-EWRI (2005) eq. 19: {@code Rso = (0.75 + 2·10⁻⁵ z) Ra}; the standard's default. */
    SIMPLE,
    /**
     * ASCE-EWRI (2005) Appendix D, eq. D.1–D.6: {@code Rso = (Kb + Kd) Ra} with the beam (Kb) and diffuse (Kd)
     * transmissivities from pressure, precipitable water and the sun's elevation; Ref-ET's default.
     */
    FULL
}
