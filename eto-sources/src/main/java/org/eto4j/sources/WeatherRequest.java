package org.eto4j.sources;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A point and a period of whole local days, both ends included.
 *
 * @param point the point
 * @param start the first day
 * @param end   the last day (not before {@code start})
 * @param zone  the time zone whose days are wanted; empty lets the source choose (see {@link WeatherSource})
 */
public record WeatherRequest(GeoPoint point, LocalDate start, LocalDate end, Optional<ZoneId> zone) {
    /** The longest period one request may span, days (a little over 100 years). */
    public static final int MAX_DAYS = 36_600;

    /**
     * Validates the request.
     *
     * @throws SourceException {@link SourceErrorCode#INVALID_REQUEST} when the period is reversed or too long
     */
    public WeatherRequest {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (end.isBefore(start)) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "end", end);
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "end", end);
        }
    }

    /**
     * A request whose day boundaries the source chooses.
     *
     * @param point the point
     * @param start the first day
     * @param end   the last day, included
     * @return the request
     */
    public static WeatherRequest of(GeoPoint point, LocalDate start, LocalDate end) {
        return new WeatherRequest(point, start, end, Optional.empty());
    }

    /**
     * This request with days taken in {@code zone}.
     *
     * @param zone the time zone of the days
     * @return a new request
     */
    public WeatherRequest withZone(ZoneId zone) {
        return new WeatherRequest(point, start, end, Optional.of(zone));
    }

    /** The number of days in the period. */
    public int days() {
        return (int) (end.toEpochDay() - start.toEpochDay() + 1);
    }
}
