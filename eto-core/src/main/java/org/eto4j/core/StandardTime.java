package org.eto4j.core;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Clock times on a fixed standard-time meridian, without daylight saving: the clock of station loggers and of
 * the Ref-ET program, whose data files give the hour on the clock of the "time zone longitude" all year
 * (Fallon, NV: 120° W, so 15:00 is 15:00 PST even in July). Such a clock time becomes the
 * {@link OffsetDateTime} of {@link HourlyWeather} with the offset −meridian/15 h; that offset is exactly the
 * standard meridian Lz of ASCE-EWRI (2005) eq. 55 (FAO-56 eq. 31).
 *
 * <p>Whether the stamp marks the start or the end of the period is the calculator's
 * {@link TimeStampConvention}; Ref-ET's is {@link TimeStampConvention#PERIOD_END}.
 */
public final class StandardTime {
    private StandardTime() {
    }

    /**
     * The UTC offset of a standard-time meridian.
     *
     * @param meridianDegreesWest the meridian Lz in degrees <em>west</em> of Greenwich (Ref-ET's and FAO-56's
     *                            sign: 120 for US Pacific standard time, −15 for Central European time),
     *                            −180 to 180
     * @return the offset, −meridian/15 hours, to the second
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} (option {@code standardMeridian}) outside −180–180
     *                      or not finite
     */
    public static ZoneOffset offsetOfMeridian(double meridianDegreesWest) {
        Options.check("standardMeridian", meridianDegreesWest, -180.0, 180.0);
        // 240 s per degree; offsets beyond ±18 h cannot occur inside ±180°.
        return ZoneOffset.ofTotalSeconds((int) Math.round(-meridianDegreesWest * 240.0));
    }

    /**
     * A clock time on a standard-time meridian.
     *
     * @param clock               the local clock time, standard time (never shifted for daylight saving)
     * @param meridianDegreesWest Lz in degrees west (see {@link #offsetOfMeridian})
     * @return the same clock time with its offset
     * @throws EtoException {@link ErrorCode#INVALID_OPTION} for a meridian outside −180–180
     */
    public static OffsetDateTime of(LocalDateTime clock, double meridianDegreesWest) {
        return OffsetDateTime.of(clock, offsetOfMeridian(meridianDegreesWest));
    }
}
