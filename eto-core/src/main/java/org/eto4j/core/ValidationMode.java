package org.eto4j.core;

/** How a calculator reacts to a physically impossible input row. */
public enum ValidationMode {
    /** Throw an {@link EtoException} for the first invalid row (default). */
    STRICT,
    /**
     * Mark the row invalid (ETo NaN, flag {@link EstimateFlag#INVALID_ROW}), keep its {@link EtoException} in
     * the result, and go on with the next row. Station and option errors still throw.
     */
    LENIENT
}
