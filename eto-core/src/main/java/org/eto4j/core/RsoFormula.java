package org.eto4j.core;

/** Which FAO-56 equation gives the clear-sky solar radiation Rso. */
public enum RsoFormula {
    /** FAO-56 eq. 37 (default): {@code Rso = (0.75 + 2e-5 z) Ra}, used when as and bs are not calibrated. */
    ELEVATION,
    /** FAO-56 eq. 36: {@code Rso = (as + bs) Ra}, for calibrated Ångström values. */
    ANGSTROM
}
