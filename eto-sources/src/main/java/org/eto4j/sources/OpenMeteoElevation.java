package org.eto4j.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * Open-Meteo elevation API ({@code /v1/elevation?latitude=…&longitude=…}, answer {@code {"elevation":[38.0]}}),
 * backed by the Copernicus 90 m DEM.
 */
final class OpenMeteoElevation implements ElevationLookup {
    /** 0.001° (about 100 m) matches the DEM's 90 m resolution. */
    static final double GRID = 0.001;

    private final Settings settings;
    private final HttpGateway http;

    OpenMeteoElevation(Settings settings, HttpGateway http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public Elevation elevation(GeoPoint point) {
        GeoPoint grid = point.snapped(GRID, GRID);
        URI uri = URI.create(settings.elevationBaseUrl() + "/v1/elevation?latitude="
                + HttpSource.coordinate(grid.latitudeDegrees()) + "&longitude="
                + HttpSource.coordinate(grid.longitudeDegrees()));
        CacheKey key = new CacheKey("open-meteo-elevation", "elevation", grid.latitudeDegrees(),
                grid.longitudeDegrees(), null, null);
        try {
            double metres = http.get(uri, key, settings.archiveTtl(), false, this::parse, FetchObserver.NONE);
            return new Elevation(metres, Elevation.Origin.LOOKUP);
        } catch (SourceException e) {
            if (e.code() == SourceErrorCode.CANCELLED) {
                throw e;
            }
            throw new SourceException(SourceErrorCode.ELEVATION_UNAVAILABLE, e, point.latitudeDegrees(),
                    point.longitudeDegrees());
        }
    }

    private double parse(String body) {
        JsonNode root = Json.read(SourceId.OPEN_METEO_FORECAST, body);
        JsonNode values = root.path("elevation");
        if (!values.isArray() || values.size() != 1 || !values.get(0).isNumber()) {
            throw Json.malformed(SourceId.OPEN_METEO_FORECAST, "elevation is not an array of one number");
        }
        double metres = values.get(0).doubleValue();
        if (!(metres >= -500 && metres <= 9000)) {
            throw Json.malformed(SourceId.OPEN_METEO_FORECAST, "elevation out of range: " + metres);
        }
        return metres;
    }
}
