package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PointEtoTest {
    private static final String DAILY = "/api/temporal/daily/point";
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private PointEtoSeries nasa(PointEto.ElevationPolicy policy) {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on("/v1/elevation", FixtureServer.Reply.fixture("open-meteo-elevation.json"));
        return PointEto.builder(Fixtures.sources(server, clock)).elevationPolicy(policy).build().daily(
                SourceId.NASA_POWER,
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4)));
    }

    @Test
    void computesFao56FromTheSourcesValuesAtTheRequestedPoint() {
        PointEtoSeries s = nasa(PointEto.ElevationPolicy.SOURCE_THEN_LOOKUP);
        assertEquals(5, s.days().size());
        // The same day given to eto-core by hand: the fixture's values for 2023-01-01, POWER's elevation.
        Station station = Station.of(-22.712, -47.634, 546.79);
        double expected = Fao56.defaults().daily(station, DailyWeather.builder(Fixtures.JAN_1)
                .tmax(30.12).tmin(19.0).rhMean(70.5).tdew(18.0).u2(1.8).rs(22.5).build()).eto();
        assertEquals(expected, s.days().get(0).etoMillimetres().orElseThrow(), 0.0);
        // By hand, FAO-56 step by step: P = 95.00 kPa (eq. 7), γ = 0.06318 (eq. 8), es = 3.2349 (eq. 12),
        // ea = e°(Tdew 18.0) = 2.0640 (eq. 14), Δ = 0.18441 (eq. 13), Ra = 42.686 (eq. 21, J = 1, φ = −22.712°),
        // Rso = 32.482 (eq. 37), Rns = 17.325 (eq. 38), Rnl = 3.1366 (eq. 39), Rn = 14.188 (eq. 40),
        // ETo = 5.136 mm/day (eq. 6, G = 0).
        assertEquals(5.136, s.days().get(0).etoMillimetres().orElseThrow(), 0.002);
        assertEquals(new Elevation(546.79, Elevation.Origin.SOURCE), s.elevation());
        assertEquals(0, server.requests().stream().filter(r -> r.path().equals("/v1/elevation")).count());
    }

    @Test
    void missingRadiationIsEstimatedByEtoCoreAndSaysSo() {
        PointEtoSeries s = nasa(PointEto.ElevationPolicy.SOURCE_THEN_LOOKUP);
        EtoDay day2 = s.days().get(1);
        assertTrue(day2.etoMillimetres().isPresent());
        assertTrue(day2.result().has(EstimateFlag.RS_FROM_TEMPERATURE_RANGE));
        assertTrue(s.flagTokens(1).contains("rs_from_temperature_range"));
        // The filled Tmax of 2023-01-04 shows in that day's tokens.
        assertTrue(s.flagTokens(3).contains("tmax:filled_linear"), s.flagTokens(3)::toString);
        EtoSummary summary = s.summary();
        assertEquals(5, summary.days());
        assertEquals(5, summary.computedDays());
        assertEquals(3, summary.estimateCounts().get(EstimateFlag.RS_FROM_TEMPERATURE_RANGE));
        assertEquals(1, summary.inputFlagCounts().get(ValueFlag.FILLED_LINEAR));
        double total = s.days().stream().mapToDouble(d -> d.etoMillimetres().orElseThrow()).sum();
        assertEquals(total, summary.totalEtoMillimetres(), 1e-12);
    }

    @Test
    void lookupFirstUsesTheDemElevation() {
        PointEtoSeries s = nasa(PointEto.ElevationPolicy.LOOKUP_THEN_SOURCE);
        assertEquals(new Elevation(612.0, Elevation.Origin.LOOKUP), s.elevation());
        assertEquals(612.0, s.station().elevationMetres());
    }

    @Test
    void aFailedLookupFallsBackToTheSourcesElevationNeverToZero() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on("/v1/elevation", FixtureServer.Reply.status(400, Map.of()));
        PointEtoSeries s = PointEto.builder(Fixtures.sources(server, clock))
                .elevationPolicy(PointEto.ElevationPolicy.LOOKUP_THEN_SOURCE).build()
                .daily(SourceId.NASA_POWER, WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1));
        assertEquals(546.79, s.elevation().metres());
    }

    @Test
    void noElevationAnywhereIsAnError() {
        // MET Norway without altitude in its answer, and a failing lookup.
        String body = FixtureServer.resource("met-norway-complete.json").replace("[10.75,59.91,14]", "[10.75,59.91]")
                .replace("[\n   10.75,\n   59.91,\n   14\n  ]", "[10.75, 59.91]");
        server.on("/weatherapi/locationforecast/2.0/complete", FixtureServer.Reply.json(body));
        server.on("/v1/elevation", FixtureServer.Reply.status(400, Map.of()));
        PointEto eto = PointEto.builder(Fixtures.sources(server, clock)).build();
        SourceException e = assertThrows(SourceException.class, () -> eto.daily(SourceId.MET_NORWAY,
                WeatherRequest.of(new GeoPoint(59.9139, 10.7522), LocalDate.of(2026, 11, 28),
                        LocalDate.of(2026, 11, 30))));
        assertEquals(SourceErrorCode.ELEVATION_UNAVAILABLE, e.code());
    }

    @Test
    void aGivenElevationMakesNoLookup() {
        server.on("/v1/archive", FixtureServer.Reply.fixture("open-meteo-archive.json"));
        PointEtoSeries s = PointEto.builder(Fixtures.sources(server, clock)).build().daily(
                SourceId.OPEN_METEO_ARCHIVE,
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(2)),
                Optional.of(new Elevation(580, Elevation.Origin.GIVEN)), FetchObserver.NONE);
        assertEquals(580, s.station().elevationMetres());
        assertEquals(List.of("/v1/archive"), server.requests().stream().map(FixtureServer.Request::path).toList());
        // Open-Meteo's wind is at 10 m: converted by eq. 47 and flagged on the result as eto-core would.
        assertTrue(s.days().get(0).result().has(EstimateFlag.WIND_FROM_HEIGHT));
        assertTrue(s.flagTokens(0).contains("u2:wind_from_10m"));
        assertEquals(5.12, s.days().get(0).sourceEto().orElseThrow());
        assertTrue(s.summary().meanDifferenceFromSourceEto().isPresent());
        // Day 3 has no wind (too few hours): eto-core uses its 2 m/s default and says so.
        assertTrue(s.days().get(2).result().has(EstimateFlag.WIND_DEFAULT));
        assertFalse(s.days().get(2).result().has(EstimateFlag.WIND_FROM_HEIGHT));
    }

    @Test
    void aDayWithoutTemperaturesHasAnErrorInsteadOfAnEto() {
        String body = FixtureServer.resource("nasa-power-daily.json")
                .replace("\"20230102\": 19.5", "\"20230102\": -999")
                .replace("\"20230103\": 18.7", "\"20230103\": -999")
                .replace("\"20230104\": 18.2", "\"20230104\": -999");
        server.on(DAILY, FixtureServer.Reply.json(body));
        PointEtoSeries s = PointEto.builder(Fixtures.sources(server, clock)).build().daily(SourceId.NASA_POWER,
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4)));
        EtoDay day = s.days().get(2);
        assertTrue(day.etoMillimetres().isEmpty());
        assertTrue(day.result().error().isPresent());
        assertTrue(day.result().has(EstimateFlag.INVALID_ROW));
        assertEquals(2, s.summary().computedDays());
    }
}
