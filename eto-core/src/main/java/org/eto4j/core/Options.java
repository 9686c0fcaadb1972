package org.eto4j.core;

/** Validation of numeric options in the builders and records of this package. */
final class Options {
    private Options() {
    }

    /**
     * Fails unless {@code min ≤ value ≤ max} (NaN fails).
     *
     * @throws EtoException {@link ErrorCode#INVALID_OPTION}, field = option, args = option, value, "min..max"
     */
    static void check(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new EtoException(ErrorCode.INVALID_OPTION, option, -1, option, value, min + ".." + max);
        }
    }
}
