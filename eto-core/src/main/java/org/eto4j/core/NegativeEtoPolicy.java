package org.eto4j.core;

/** What to do with a negative ETo (condensation, dew), which is a physical result. */
public enum NegativeEtoPolicy {
    /** Return it as computed (default). */
    KEEP,
    /** Return 0 instead. */
    CLIP_AT_ZERO
}
