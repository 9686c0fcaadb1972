package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eto4j.fusion.FusionCalibration;
import org.eto4j.fusion.FusionErrorCode;
import org.eto4j.fusion.FusionException;
import org.eto4j.fusion.FusionFlag;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NASA POWER and Open-Meteo fused under the shipped {@code matopiba} calibration, against the loopback fixture
 * server. The fixtures' values are served for a point inside the calibration's region (Balsas, MA).
 */
class FusedPointEtoTest {
    private static final String POWER = "/api/temporal/daily/point";
    private static final String ARCHIVE = "/v1/archive";
    private static final GeoPoint BALSAS = new GeoPoint(-7.53, -46.04);
    private static final WeatherRequest REQUEST = WeatherRequest.of(BALSAS, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(2));
    private static final FusionCalibration MATOPIBA = FusionCalibration.named(FusionCalibration.MATOPIBA);
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private FusedPointEtoSeries run() {
        return FusedPointEto.builder(Fixtures.sources(server, clock), MATOPIBA).build()
                .daily(REQUEST, Optional.of(new Elevation(256, Elevation.Origin.GIVEN)), FetchObserver.NONE);
    }

    @Test
    void bothSourcesGiveOneCorrectedEtoWithItsInterval() {
        server.on(POWER, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on(ARCHIVE, FixtureServer.Reply.fixture("open-meteo-archive.json"));
        FusedPointEtoSeries s = run();
        assertEquals(3, s.dates().size());
        assertEquals(Map.of(), s.failures());
        assertEquals(Set.of(SourceId.NASA_POWER, SourceId.OPEN_METEO_ARCHIVE), s.weather().keySet());
        // 2023-01-01: both sources complete.
        assertEquals(Set.of(FusionFlag.CORRECTED), s.flags(0));
        assertTrue(s.etoLower(0) < s.eto(0) && s.eto(0) < s.etoUpper(0), s.fused()::toString);
        assertTrue(s.eto(0) > 2 && s.eto(0) < 9, () -> "eto " + s.eto(0));
        // 2023-01-02: POWER has no radiation (-999), so only Open-Meteo is used that day, and it says so.
        assertTrue(s.flags(1).contains(FusionFlag.SOURCE_MISSING) || s.flags(1).contains(FusionFlag.NO_SOURCE),
                s.flags(1)::toString);
        assertEquals(256, s.station().elevationMetres());
    }

    @Test
    void aFailedSourceDegradesToTheOtherFlaggedAndWider() {
        server.on(POWER, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on(ARCHIVE, FixtureServer.Reply.fixture("open-meteo-archive.json"));
        FusedPointEtoSeries both = run();
        server.close();

        FixtureServer failing = new FixtureServer();
        try {
            failing.on(POWER, FixtureServer.Reply.fixture("nasa-power-daily.json"));
            failing.on(ARCHIVE, FixtureServer.Reply.status(400, Map.of()));
            FusedPointEtoSeries s = FusedPointEto.builder(Fixtures.sources(failing, clock), MATOPIBA).build()
                    .daily(REQUEST, Optional.of(new Elevation(256, Elevation.Origin.GIVEN)), FetchObserver.NONE);
            assertEquals(Set.of(SourceId.OPEN_METEO_ARCHIVE), s.failures().keySet());
            assertEquals(SourceErrorCode.SERVICE_ERROR, s.failures().get(SourceId.OPEN_METEO_ARCHIVE).code());
            assertEquals(Set.of(SourceId.NASA_POWER), s.weather().keySet());
            for (int d = 0; d < 3; d++) {
                Set<FusionFlag> flags = s.flags(d);
                assertTrue(flags.contains(FusionFlag.SOURCE_MISSING) || flags.contains(FusionFlag.NO_SOURCE),
                        flags::toString);
            }
            // Day 1, POWER complete: a value from POWER alone, with a wider interval than both together.
            assertTrue(Double.isFinite(s.eto(0)));
            assertTrue(s.etoUpper(0) - s.etoLower(0) > both.etoUpper(0) - both.etoLower(0));
        } finally {
            failing.close();
        }
    }

    @Test
    void withoutAGivenElevationTheFirstSourcesIsUsed() {
        server.on(POWER, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on(ARCHIVE, FixtureServer.Reply.fixture("open-meteo-archive.json"));
        FusedPointEtoSeries s = FusedPointEto.builder(Fixtures.sources(server, clock), MATOPIBA).build()
                .daily(REQUEST);
        // NASA POWER's own elevation (the fixture's geometry); no lookup is made.
        assertEquals(new Elevation(546.79, Elevation.Origin.SOURCE), s.elevation());
        assertEquals(546.79, s.station().elevationMetres());
        assertEquals(0, server.requests().stream().filter(r -> r.path().equals("/v1/elevation")).count());
    }

    @Test
    void whenEverySourceFailsTheFirstFailureIsThrown() {
        server.on(POWER, FixtureServer.Reply.status(400, Map.of()));
        server.on(ARCHIVE, FixtureServer.Reply.status(400, Map.of()));
        SourceException e = assertThrows(SourceException.class, this::run);
        assertEquals(SourceErrorCode.SERVICE_ERROR, e.code());
    }

    @Test
    void aPointOutsideTheCalibrationIsRefusedWithItsCode() {
        server.on(POWER, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on(ARCHIVE, FixtureServer.Reply.fixture("open-meteo-archive.json"));
        WeatherRequest saoPaulo = WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(2));
        FusionException e = assertThrows(FusionException.class, () -> FusedPointEto.builder(
                Fixtures.sources(server, clock), MATOPIBA).build().daily(saoPaulo,
                Optional.of(new Elevation(546, Elevation.Origin.GIVEN)), FetchObserver.NONE));
        assertEquals(FusionErrorCode.OUTSIDE_CALIBRATION_DOMAIN, e.code());
    }
}
