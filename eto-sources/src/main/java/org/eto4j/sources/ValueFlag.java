package org.eto4j.sources;

import java.util.Locale;

/**
 * What happened to one value of one day, so that nobody mistakes an estimate for a measurement.
 *
 * <p>Each flag has a stable lower-case {@link #token()} (for CSV {@code flags} columns) and an i18n key.
 */
public enum ValueFlag {
    /** The value is absent: the source gave none (fill value −999, {@code null}) or it was rejected and not filled. */
    MISSING,
    /** The value was filled by linear interpolation between the nearest present days (gap within the limit). */
    FILLED_LINEAR,
    /** The value was aggregated from hourly (or 6-hourly) data over the local day. */
    AGGREGATED_FROM_HOURLY,
    /** The 2 m wind speed was converted from 10 m with the logarithmic profile, FAO-56 eq. 47. */
    WIND_FROM_10M,
    /** The value lay slightly beyond its physical limit (e.g. RH 101 %) and was set to the limit. */
    CLAMPED_TO_LIMIT,
    /** The value lay outside its physically possible range and was removed. */
    REJECTED_OUT_OF_RANGE,
    /**
     * Solar radiation exceeded extraterrestrial radiation Ra (FAO-56 eq. 21, with a 5 % + 0.5 MJ tolerance) and was
     * removed.
     */
    REJECTED_RS_ABOVE_RA,
    /** Tmin was above Tmax on this day; both were removed. */
    REJECTED_TMIN_ABOVE_TMAX;

    /** The stable lower-case token, e.g. {@code filled_linear}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The i18n message key, e.g. {@code flag.sources.filled_linear}. */
    public String messageKey() {
        return "flag.sources." + token();
    }
}
