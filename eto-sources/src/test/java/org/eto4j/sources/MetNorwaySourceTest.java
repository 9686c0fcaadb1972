package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetNorwaySourceTest {
    private static final String PATH = "/weatherapi/locationforecast/2.0/complete";
    private static final double EQ47_10M = 4.87 / Math.log(672.58);
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private DailySeries sixDays() {
        server.on(PATH, FixtureServer.Reply.fixture("met-norway-complete.json"));
        return Fixtures.sources(server, clock).source(SourceId.MET_NORWAY).daily(WeatherRequest.of(
                new GeoPoint(59.9139, 10.7522), LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 3))
                .withZone(ZoneOffset.UTC));
    }

    @Test
    void sendsADescriptiveUserAgentAndRoundedCoordinates() {
        sixDays();
        FixtureServer.Request r = server.requests().get(0);
        assertEquals("eto4j-tests/1.0 (tests@eto4j.org)", r.header("User-Agent"));
        assertEquals("59.91", r.param("lat"));
        assertEquals("10.75", r.param("lon"));
    }

    @Test
    void aggregatesHourlyStepsToADay() {
        DailySeries s = sixDays();
        // Fixture, hourly part: T = −2 + 0.25 h → mean −2 + 0.25 × 11.5 = 0.875, max 3.75, min −2;
        // RH = 80 + 0.5 h → mean 85.75, max 91.5, min 80; wind 4, 5, 4, 5 … → 4.5 m/s at 10 m;
        // next_1_hours precipitation 0.1 mm × 24 = 2.4 mm.
        for (int d = 0; d < 2; d++) {
            assertEquals(0.875, s.value(d, Variable.TMEAN).orElseThrow(), 1e-12);
            assertEquals(3.75, s.value(d, Variable.TMAX).orElseThrow(), 1e-12);
            assertEquals(-2, s.value(d, Variable.TMIN).orElseThrow(), 1e-12);
            assertEquals(85.75, s.value(d, Variable.RH_MEAN).orElseThrow(), 1e-12);
            assertEquals(91.5, s.value(d, Variable.RH_MAX).orElseThrow(), 1e-12);
            assertEquals(80, s.value(d, Variable.RH_MIN).orElseThrow(), 1e-12);
            assertEquals(-4, s.value(d, Variable.TDEW).orElseThrow(), 1e-12);
            assertEquals(4.5 * EQ47_10M, s.value(d, Variable.WIND_SPEED_2M).orElseThrow(), 1e-12);
            assertEquals(2.4, s.value(d, Variable.PRECIPITATION).orElseThrow(), 1e-9);
        }
        assertTrue(s.flags(0, Variable.TMAX).contains(ValueFlag.AGGREGATED_FROM_HOURLY));
        assertEquals(14.0, s.elevation().orElseThrow().metres());
    }

    @Test
    void aggregatesSixHourlyStepsWithTheirExtremes() {
        DailySeries s = sixDays();
        // 2026-11-30: instants T 1, 3, 5, 2 (each for six hours) → mean 2.75; next_6_hours max 3.5, 6.0, 5.5,
        // 2.5 → Tmax 6.0; min 0.5, 1.0, 2.0, 0.0 → Tmin 0.0; RH 90, 80, 70, 85 → 81.25; wind 5, 6, 7, 6 → 6;
        // precipitation 1.0 + 0.5 + 0.0 + 2.0 = 3.5 mm.
        assertEquals(2.75, s.value(2, Variable.TMEAN).orElseThrow(), 1e-12);
        assertEquals(6.0, s.value(2, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(0.0, s.value(2, Variable.TMIN).orElseThrow(), 1e-12);
        assertEquals(81.25, s.value(2, Variable.RH_MEAN).orElseThrow(), 1e-12);
        assertEquals(6 * EQ47_10M, s.value(2, Variable.WIND_SPEED_2M).orElseThrow(), 1e-12);
        assertEquals(3.5, s.value(2, Variable.PRECIPITATION).orElseThrow(), 1e-12);
    }

    @Test
    void daysTheForecastDoesNotCoverAreMissingAndRadiationIsNotProvided() {
        DailySeries s = sixDays();
        // 2026-12-02 has a single instant at midnight: not a covered day. 2026-12-03 is beyond the forecast.
        assertTrue(s.value(4, Variable.TMAX).isEmpty());
        assertTrue(s.value(5, Variable.TMAX).isEmpty());
        assertEquals(Set.of(ValueFlag.MISSING), s.flags(4, Variable.TMAX));
        assertFalse(s.variables().contains(Variable.SOLAR_RADIATION));
        assertEquals(Set.of(ValueFlag.MISSING), s.flags(0, Variable.SOLAR_RADIATION));
    }

    @Test
    void precipitationIsMissingWhenStepsStraddleTheLocalMidnight() {
        server.on(PATH, FixtureServer.Reply.fixture("met-norway-complete.json"));
        // In UTC+2 the 6-hourly steps (00, 06, 12, 18 UTC) start at 02, 08, 14, 20 local: the 20:00 step runs
        // past midnight, so 2026-11-30's total cannot be told.
        DailySeries s = Fixtures.sources(server, clock).source(SourceId.MET_NORWAY).daily(WeatherRequest.of(
                new GeoPoint(59.9139, 10.7522), LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30))
                .withZone(ZoneOffset.ofHours(2)));
        assertTrue(s.value(0, Variable.PRECIPITATION).isEmpty());
        assertTrue(s.value(0, Variable.TMEAN).isPresent());
    }

    @Test
    void aPeriodOutsideTheForecastIsAnError() {
        server.on(PATH, FixtureServer.Reply.fixture("met-norway-complete.json"));
        SourceException e = assertThrows(SourceException.class, () -> Fixtures.sources(server, clock)
                .source(SourceId.MET_NORWAY).daily(WeatherRequest.of(new GeoPoint(59.9139, 10.7522),
                        LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 21))));
        assertEquals(SourceErrorCode.PERIOD_NOT_COVERED, e.code());
    }
}
