package org.eto4j.fusion;

import java.util.Collection;
import java.util.EnumSet;

/**
 * What eto-fusion did to a day, so that nobody mistakes a corrected, filled or poorly supported value for a plain
 * one. Each flag has an i18n key ({@link #messageKey()}, {@code flag.fusion.*}); constants are only ever appended,
 * so a {@link #bit()} keeps its meaning across releases.
 */
public enum FusionFlag {
    /** The sources' inputs were bias-corrected with the calibration before use. */
    CORRECTED,
    /** At least one source had no complete inputs on this day: the others were used and the interval is wider. */
    SOURCE_MISSING,
    /** A fused input came from fewer sources than were given, because a source lacked that variable. */
    VARIABLE_FILLED,
    /** No source had complete inputs: ETo and its interval are NaN (nothing is invented). */
    NO_SOURCE,
    /** The calibration has no error model for this month and these sources: ETo and its interval are NaN. */
    NOT_CALIBRATED,
    /**
     * The fused ETo lies outside the range the calibration saw for this month and these sources: the value is
     * computed, but its interval rests on an extrapolated error model.
     */
    OUTSIDE_TRAINING_RANGE,
    /** FAO-56 refused the corrected inputs of a source on this day (e.g. Rs above Ra): that source was left out. */
    INVALID_INPUT;

    /**
     * The i18n message key.
     *
     * @return the key, e.g. {@code flag.fusion.source_missing}
     */
    public String messageKey() {
        return "flag.fusion." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The bit of this flag in a mask, {@code 1 << ordinal()}.
     *
     * @return the bit
     */
    public int bit() {
        return 1 << ordinal();
    }

    /**
     * Decodes a mask.
     *
     * @param mask a bit mask of flag ordinals
     * @return the flags, a new mutable set
     */
    public static EnumSet<FusionFlag> fromMask(int mask) {
        EnumSet<FusionFlag> set = EnumSet.noneOf(FusionFlag.class);
        for (FusionFlag f : values()) {
            if ((mask & f.bit()) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    /**
     * Encodes flags as a mask.
     *
     * @param flags the flags
     * @return the mask
     */
    public static int toMask(Collection<FusionFlag> flags) {
        int mask = 0;
        for (FusionFlag f : flags) {
            mask |= f.bit();
        }
        return mask;
    }
}
