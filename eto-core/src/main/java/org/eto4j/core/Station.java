package org.eto4j.core;

/**
 * A weather station: where the weather was measured.
 *
 * <p>Latitude is positive north. Longitude is positive <em>east</em> of Greenwich (ISO 6709; FAO-56 writes
 * longitudes in degrees west, the conversion is done internally); it may be {@code NaN} when unknown, which
 * daily and monthly steps accept and hourly steps reject ({@link ErrorCode#MISSING_INPUT}, field
 * {@code longitude}). The standard meridian of an hourly period is taken from the UTC offset of its time
 * stamp (Lz = −15° × offset hours, in FAO-56's degrees west), so it is always explicit.
 *
 * <p>The compact constructor validates every component and throws {@link EtoException} with code
 * {@link ErrorCode#VALUE_OUT_OF_RANGE} or {@link ErrorCode#VALUE_NOT_FINITE} and the field name
 * ({@code latitude}, {@code longitude}, {@code elevation}, {@code wind_height}).
 *
 * @param latitudeDegrees  latitude φ (decimal degrees, −90 to 90, positive north)
 * @param longitudeDegrees longitude (decimal degrees, −180 to 180, positive east), or NaN when unknown
 * @param elevationMetres  elevation above sea level z (m), −500 to 9000
 * @param windHeightMetres height of the wind measurement above ground (m), 0.5 to 100; 2 for the standard height
 */
public record Station(double latitudeDegrees, double longitudeDegrees, double elevationMetres,
                      double windHeightMetres) {

    /** Lowest accepted elevation, −500 m (the shore of the Dead Sea lies at about −430 m). */
    public static final double MIN_ELEVATION_METRES = -500.0;
    /** Highest accepted elevation, 9000 m (above the summit of Everest). */
    public static final double MAX_ELEVATION_METRES = 9000.0;
    /** Lowest accepted wind measurement height, 0.5 m (FAO-56 eq. 47 is meant for heights above the grass). */
    public static final double MIN_WIND_HEIGHT_METRES = 0.5;
    /** Highest accepted wind measurement height, 100 m (beyond it the logarithmic profile of eq. 47 fails). */
    public static final double MAX_WIND_HEIGHT_METRES = 100.0;

    /** Validates the components. */
    public Station {
        require("latitude", latitudeDegrees, -90.0, 90.0, false);
        require("longitude", longitudeDegrees, -180.0, 180.0, true);
        require("elevation", elevationMetres, MIN_ELEVATION_METRES, MAX_ELEVATION_METRES, false);
        require("wind_height", windHeightMetres, MIN_WIND_HEIGHT_METRES, MAX_WIND_HEIGHT_METRES, false);
    }

    /**
     * A station with unknown longitude and wind measured at 2 m (enough for daily and monthly steps).
     *
     * @param latitudeDegrees latitude (degrees, positive north)
     * @param elevationMetres elevation (m)
     * @return the station
     */
    public static Station of(double latitudeDegrees, double elevationMetres) {
        return new Station(latitudeDegrees, Double.NaN, elevationMetres, Wind.STANDARD_HEIGHT_METRES);
    }

    /**
     * A station with wind measured at 2 m.
     *
     * @param latitudeDegrees  latitude (degrees, positive north)
     * @param longitudeDegrees longitude (degrees, positive east)
     * @param elevationMetres  elevation (m)
     * @return the station
     */
    public static Station of(double latitudeDegrees, double longitudeDegrees, double elevationMetres) {
        return new Station(latitudeDegrees, longitudeDegrees, elevationMetres, Wind.STANDARD_HEIGHT_METRES);
    }

    /**
     * This station with another wind measurement height.
     *
     * @param heightMetres the height of the anemometer (m), 0.5 to 100
     * @return a new station
     */
    public Station withWindHeightMetres(double heightMetres) {
        return new Station(latitudeDegrees, longitudeDegrees, elevationMetres, heightMetres);
    }

    /**
     * This station with a known longitude.
     *
     * @param degreesEast the longitude (degrees, positive east)
     * @return a new station
     */
    public Station withLongitudeDegrees(double degreesEast) {
        return new Station(latitudeDegrees, degreesEast, elevationMetres, windHeightMetres);
    }

    /** Whether the longitude is known. */
    public boolean hasLongitude() {
        return !Double.isNaN(longitudeDegrees);
    }

    /** Latitude in radians (FAO-56 eq. 22). */
    public double latitudeRadians() {
        return Math.toRadians(latitudeDegrees);
    }

    private static void require(String field, double value, double min, double max, boolean nanAllowed) {
        if (Double.isNaN(value)) {
            if (nanAllowed) {
                return;
            }
            throw new EtoException(ErrorCode.VALUE_NOT_FINITE, field, -1, field);
        }
        if (Double.isInfinite(value)) {
            throw new EtoException(ErrorCode.VALUE_NOT_FINITE, field, -1, field);
        }
        if (value < min || value > max) {
            throw new EtoException(ErrorCode.VALUE_OUT_OF_RANGE, field, -1, field, value, min, max);
        }
    }
}
