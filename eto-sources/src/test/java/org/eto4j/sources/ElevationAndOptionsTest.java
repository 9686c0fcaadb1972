package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElevationAndOptionsTest {
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void looksUpTheElevationAndCachesIt() {
        server.on("/v1/elevation", FixtureServer.Reply.fixture("open-meteo-elevation.json"));
        WeatherSources sources = Fixtures.sources(server, clock);
        Elevation e = sources.elevation().elevation(Fixtures.PIRACICABA);
        assertEquals(new Elevation(612.0, Elevation.Origin.LOOKUP), e);
        assertEquals("-22.712", server.requests().get(0).param("latitude"));
        sources.elevation().elevation(Fixtures.PIRACICABA);
        assertEquals(1, server.count());
    }

    @Test
    void aFailedLookupIsAnErrorNeverZeroMetres() {
        server.on("/v1/elevation", FixtureServer.Reply.status(503, Map.of()));
        WeatherSources sources = Fixtures.sources(server, clock, b -> b.maxAttempts(2));
        SourceException e = assertThrows(SourceException.class,
                () -> sources.elevation().elevation(Fixtures.PIRACICABA));
        assertEquals(SourceErrorCode.ELEVATION_UNAVAILABLE, e.code());
        assertEquals(List.of(-22.712, -47.634), e.args());
        SourceException cause = assertInstanceOf(SourceException.class, e.getCause());
        assertEquals(SourceErrorCode.SERVICE_ERROR, cause.code());
    }

    @Test
    void aMalformedLookupIsElevationUnavailable() {
        server.on("/v1/elevation", FixtureServer.Reply.json("{\"elevation\":[null]}"));
        SourceException e = assertThrows(SourceException.class,
                () -> Fixtures.sources(server, clock).elevation().elevation(Fixtures.PIRACICABA));
        assertEquals(SourceErrorCode.ELEVATION_UNAVAILABLE, e.code());
    }

    @Test
    void invalidOptionsAreNamedWithTheirAcceptedRange() {
        SourceException e = assertThrows(SourceException.class, () -> WeatherSources.builder().maxAttempts(0).build());
        assertEquals(SourceErrorCode.INVALID_OPTION, e.code());
        assertEquals(List.of("maxAttempts", 0, "1..10"), e.args());
        e = assertThrows(SourceException.class,
                () -> WeatherSources.builder().baseUrl(SourceId.MET_NORWAY, "ftp://example.org").build());
        assertEquals("baseUrl(met-norway)", e.args().get(0));
        e = assertThrows(SourceException.class, () -> WeatherSources.builder().maxGapDays(40).build());
        assertEquals(List.of("maxGapDays", 40, "0..31"), e.args());
        e = assertThrows(SourceException.class,
                () -> WeatherSources.builder().backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build());
        assertEquals("backoff.max", e.args().get(0));
        e = assertThrows(SourceException.class, () -> WeatherSources.builder().userAgent(" ").build());
        assertEquals("userAgent", e.args().get(0));
        e = assertThrows(SourceException.class,
                () -> WeatherSources.builder().chunkDays(SourceId.NASA_POWER, 0).build());
        assertEquals("chunkDays(nasa-power)", e.args().get(0));
    }

    @Test
    void invalidRequestsAreTypedErrors() {
        SourceException e = assertThrows(SourceException.class, () -> new GeoPoint(91, 0));
        assertEquals(List.of("latitude", 91.0), e.args());
        e = assertThrows(SourceException.class, () -> new GeoPoint(0, Double.NaN));
        assertEquals(SourceErrorCode.INVALID_REQUEST, e.code());
        e = assertThrows(SourceException.class,
                () -> WeatherRequest.of(Fixtures.PIRACICABA, LocalDate.of(2023, 1, 2), LocalDate.of(2023, 1, 1)));
        assertEquals("end", e.args().get(0));
        assertEquals("SRC-3007", e.code().code());
        assertEquals("error.sources.invalid_request", e.messageKey());
    }

    @Test
    void sourcesAreFoundByTheirCliTokens() {
        assertEquals(SourceId.OPEN_METEO_ARCHIVE, SourceId.fromToken("Open-Meteo-Archive").orElseThrow());
        assertEquals(SourceId.MET_NORWAY, SourceId.fromToken("met-norway").orElseThrow());
        assertEquals(true, SourceId.fromToken("weather.com").isEmpty());
    }
}
