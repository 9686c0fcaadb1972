package org.eto4j.sources;

/**
 * The elevation of a point and where it came from.
 *
 * @param metres elevation above mean sea level, m
 * @param origin where the figure comes from
 */
public record Elevation(double metres, Origin origin) {
    /** Where an elevation comes from. */
    public enum Origin {
        /** Reported by the weather source for its grid cell or model terrain. */
        SOURCE,
        /** Looked up in a digital elevation model (Open-Meteo elevation API). */
        LOOKUP,
        /** Given by the caller. */
        GIVEN
    }

    /**
     * Validates the elevation.
     *
     * @throws SourceException {@link SourceErrorCode#INVALID_REQUEST} when not finite or outside −500…9000 m
     */
    public Elevation {
        if (!(metres >= -500 && metres <= 9000)) {
            throw new SourceException(SourceErrorCode.INVALID_REQUEST, "elevation", metres);
        }
        java.util.Objects.requireNonNull(origin, "origin");
    }
}
