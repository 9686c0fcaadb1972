package org.eto4j.sources;

/**
 * A point on the Earth (WGS 84).
 *
 * @param latitudeDegrees  latitude in decimal degrees, −90 to 90, north positive
 * @param longitudeDegrees longitude in decimal degrees, −180 to 180, east positive
 */
public record GeoPoint(double latitudeDegrees, double longitudeDegrees) {
    /**
     * Validates the point.
     *
     * @throws SourceException {@link SourceErrorCode#INVALID_REQUEST} when a coordinate is not finite or out of range
     */
    public GeoPoint {
        if (!(latitudeDegrees >= -90 && latitudeDegrees <= 90)) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "latitude", latitudeDegrees);
        }
        if (!(longitudeDegrees >= -180 && longitudeDegrees <= 180)) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "longitude", longitudeDegrees);
        }
    }

    /**
     * Returns this point snapped to the nearest node of a regular grid.
     *
     * @param latitudeStepDegrees  grid spacing in latitude, degrees (&gt; 0)
     * @param longitudeStepDegrees grid spacing in longitude, degrees (&gt; 0)
     * @return the nearest grid node, clamped to the valid range
     */
    public GeoPoint snapped(double latitudeStepDegrees, double longitudeStepDegrees) {
        double lat = Math.max(-90,
                Math.min(90, Math.round(latitudeDegrees / latitudeStepDegrees) * latitudeStepDegrees));
        double lon = Math.max(-180, Math.min(180,
                Math.round(longitudeDegrees / longitudeStepDegrees) * longitudeStepDegrees));
        // Rounding to a fixed number of decimals removes binary noise (0.1 * 3 = 0.30000000000000004) from URLs.
        return new GeoPoint(Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6);
    }
}
