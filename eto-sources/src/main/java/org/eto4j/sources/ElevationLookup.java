package org.eto4j.sources;

/**
 * Looks up the elevation of a point in a digital elevation model.
 *
 * <p>A failure is always a {@link SourceException} with {@link SourceErrorCode#ELEVATION_UNAVAILABLE}, never
 * a silent 0 m: an elevation of 0 m instead of 1,000 m changes the psychrometric constant by 12 %.
 */
public interface ElevationLookup {
    /**
     * The elevation of {@code point}.
     *
     * @param point the point
     * @return the elevation, origin {@link Elevation.Origin#LOOKUP}
     * @throws SourceException {@link SourceErrorCode#ELEVATION_UNAVAILABLE} (with the cause attached) when the
     *                         service cannot say, or {@link SourceErrorCode#CANCELLED}
     */
    Elevation elevation(GeoPoint point);
}
