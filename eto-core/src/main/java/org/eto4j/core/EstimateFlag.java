package org.eto4j.core;

/**
 * Marks a value in a result that was estimated, converted or assumed rather than measured, so that nobody
 * mistakes an estimate for a measurement.
 *
 * <p>Each flag has an i18n key ({@link #messageKey()}) and a short stable token ({@link #token()}) used in
 * CSV {@code flags} columns (tokens joined by {@code |}).
 */
public enum EstimateFlag {
    /** Actual vapour pressure estimated from Tmin (FAO-56 eq. 48, Tdew ≈ Tmin − offset). */
    EA_FROM_TMIN,
    /** Solar radiation estimated from sunshine hours with the Ångström formula (FAO-56 eq. 35). */
    RS_FROM_SUNSHINE,
    /** Solar radiation estimated from the temperature range, Hargreaves' radiation formula (FAO-56 eq. 50). */
    RS_FROM_TEMPERATURE_RANGE,
    /** Wind speed absent: the FAO-56 default of 2 m/s was used (FAO-56 ch. 3, missing wind data). */
    WIND_DEFAULT,
    /** Wind speed converted from the measurement height to 2 m (FAO-56 eq. 47). */
    WIND_FROM_HEIGHT,
    /** Rs/Rso was bounded (to ≤ 1.0, or to the configured range) before computing Rnl. */
    RS_RSO_BOUNDED,
    /** Night-time hour: Rs/Rso was assumed or carried forward from the last daytime hour. */
    NIGHT_RS_RSO_ASSUMED,
    /** Extraterrestrial radiation is zero (polar night): the cloudiness term used its documented default. */
    POLAR_NIGHT,
    /** Daily mean temperature taken as (Tmax + Tmin)/2 because no measured mean was given. */
    TMEAN_FROM_EXTREMES,
    /** Monthly soil heat flux from the previous month only (FAO-56 eq. 44). */
    SOIL_HEAT_FLUX_PREVIOUS_MONTH_ONLY,
    /** Monthly soil heat flux assumed zero: no neighbouring month was available. */
    SOIL_HEAT_FLUX_ASSUMED_ZERO,
    /** The row failed validation in lenient mode: ETo is NaN and the row must not be used. */
    INVALID_ROW;

    /** The i18n message key, e.g. {@code flag.ea_from_tmin}. */
    public String messageKey() {
        return "flag." + token();
    }

    /**
     * The bit of this flag in a flag mask, {@code 1L << ordinal()}, as written by the batch API. Constants are
     * only ever appended, so a bit keeps its meaning across releases.
     *
     * @return the bit
     */
    public long bit() {
        return 1L << ordinal();
    }

    /**
     * Decodes a flag mask written by the batch API.
     *
     * @param mask a bit mask of flag ordinals
     * @return the flags, as a new mutable set
     */
    public static java.util.EnumSet<EstimateFlag> fromMask(long mask) {
        java.util.EnumSet<EstimateFlag> set = java.util.EnumSet.noneOf(EstimateFlag.class);
        for (EstimateFlag f : VALUES) {
            if ((mask & f.bit()) != 0) {
                set.add(f);
            }
        }
        return set;
    }

    /**
     * Encodes flags as a bit mask.
     *
     * @param flags the flags
     * @return the mask
     */
    public static long toMask(java.util.Collection<EstimateFlag> flags) {
        long mask = 0;
        for (EstimateFlag f : flags) {
            mask |= f.bit();
        }
        return mask;
    }

    private static final EstimateFlag[] VALUES = values();

    /** The stable lower-case token, e.g. {@code ea_from_tmin}. */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
