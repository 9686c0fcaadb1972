package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NasaPowerSourceTest {
    private static final String DAILY = "/api/temporal/daily/point";
    private static final String HOURLY = "/api/temporal/hourly/point";
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private DailySeries fetch() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        return Fixtures.sources(server, clock).source(SourceId.NASA_POWER)
                .daily(WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4)));
    }

    @Test
    void asksForTheAgCommunityParametersAtTheGridCell() {
        fetch();
        FixtureServer.Request r = server.requests().get(0);
        assertEquals("AG", r.param("community"));
        assertEquals("T2M_MAX,T2M_MIN,T2M,RH2M,WS2M,ALLSKY_SFC_SW_DWN,T2MDEW,PRECTOTCORR", r.param("parameters"));
        // −22.712 snaps to −22.5 on the 0.5° grid, −47.634 to −47.5 on the 0.625° grid.
        assertEquals("-22.5", r.param("latitude"));
        assertEquals("-47.5", r.param("longitude"));
        assertEquals("20230101", r.param("start"));
        assertEquals("20230105", r.param("end"));
        assertEquals("JSON", r.param("format"));
        assertEquals("eto4j-tests/1.0 (tests@eto4j.org)", r.header("User-Agent"));
    }

    @Test
    void readsValuesInEto4jUnits() {
        DailySeries s = fetch();
        assertEquals(5, s.size());
        assertEquals(30.12, s.value(0, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(19.0, s.value(0, Variable.TMIN).orElseThrow(), 1e-12);
        assertEquals(70.5, s.value(0, Variable.RH_MEAN).orElseThrow(), 1e-12);
        assertEquals(1.8, s.value(0, Variable.WIND_SPEED_2M).orElseThrow(), 1e-12);
        assertEquals(18.0, s.value(0, Variable.TDEW).orElseThrow(), 1e-12);
        // AG community answers MJ/m^2/day: taken as is.
        assertEquals(22.5, s.value(0, Variable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(Set.of(), s.flags(0, Variable.TMAX));
        assertEquals(546.79, s.elevation().orElseThrow().metres(), 1e-9);
        assertEquals(Elevation.Origin.SOURCE, s.elevation().orElseThrow().origin());
        // POWER's daily values are local-solar-time days: UTC offset = longitude / 15 h = −3 h 10 min.
        assertEquals(ZoneOffset.ofHoursMinutes(-3, -10), s.zone());
        assertEquals(new GeoPoint(-22.5, -47.5), s.gridPoint());
    }

    @Test
    void fillValueAndNullAreMissingAndShortInteriorGapsAreInterpolated() {
        DailySeries s = fetch();
        // T2M_MAX on 2023-01-04 is −999 between 29.8 and 28.0: one-day gap, filled to the midpoint.
        assertEquals(28.9, s.value(3, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(Set.of(ValueFlag.FILLED_LINEAR), s.flags(3, Variable.TMAX));
        // RH2M on the last day is null: at the edge nothing is filled.
        assertTrue(s.value(4, Variable.RH_MEAN).isEmpty());
        assertEquals(Set.of(ValueFlag.MISSING), s.flags(4, Variable.RH_MEAN));
        // ALLSKY_SFC_SW_DWN is −999 three days running: longer than the 2-day limit, left missing.
        for (int d = 1; d <= 3; d++) {
            assertTrue(s.value(d, Variable.SOLAR_RADIATION).isEmpty());
            assertEquals(Set.of(ValueFlag.MISSING), s.flags(d, Variable.SOLAR_RADIATION));
        }
        // Precipitation is never interpolated.
        assertTrue(s.value(2, Variable.PRECIPITATION).isEmpty());
        assertEquals(3, s.count(Variable.SOLAR_RADIATION, ValueFlag.MISSING));
        assertTrue(Double.isNaN(s.valueOrNaN(2, Variable.PRECIPITATION)));
    }

    @Test
    void longerGapLimitFillsTheThreeDayGap() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        DailySeries s = Fixtures.sources(server, clock, b -> b.maxGapDays(3)).source(SourceId.NASA_POWER)
                .daily(WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4)));
        // 22.5 → 20.0 over four steps: 21.875, 21.25, 20.625.
        assertEquals(21.875, s.value(1, Variable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(21.25, s.value(2, Variable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(20.625, s.value(3, Variable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(3, s.count(Variable.SOLAR_RADIATION, ValueFlag.FILLED_LINEAR));
    }

    @Test
    void convertsRadiationUnitsByTheAnswersOwnUnits() {
        NasaPowerSource power = (NasaPowerSource) Fixtures.sources(server, clock).source(SourceId.NASA_POWER);
        assertEquals(1.0, power.radiationToMegajoules("MJ/m^2/day", true));
        // 1 kWh = 3.6 MJ.
        assertEquals(3.6, power.radiationToMegajoules("kW-hr/m^2/day", true));
        // 1 W m⁻² over a day = 86 400 J m⁻² = 0.0864 MJ m⁻²; over an hour 0.0036.
        assertEquals(0.0864, power.radiationToMegajoules("W/m^2", true), 1e-15);
        assertEquals(0.0036, power.radiationToMegajoules("W/m^2", false), 1e-15);
        SourceException e = assertThrows(SourceException.class, () -> power.radiationToMegajoules("langley", true));
        assertEquals(SourceErrorCode.MALFORMED_RESPONSE, e.code());
    }

    @Test
    void hourlyConvertsWattsToMegajoulesPerHourAndKeepsUtcInstants() {
        server.on(HOURLY, FixtureServer.Reply.fixture("nasa-power-hourly.json"));
        HourlySeries h = Fixtures.sources(server, clock).source(SourceId.NASA_POWER).hourly(
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1).withZone(ZoneOffset.UTC),
                FetchObserver.NONE);
        assertEquals("UTC", server.requests().get(0).param("time-standard"));
        assertEquals(3, h.size());
        assertEquals(Instant.parse("2023-01-01T01:00:00Z"), h.time(1));
        // 100 W m⁻² for an hour = 0.36 MJ m⁻²; 250 W m⁻² = 0.9 MJ m⁻².
        assertEquals(0.36, h.value(1, HourlyVariable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(0.9, h.value(2, HourlyVariable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertTrue(h.value(2, HourlyVariable.AIR_TEMPERATURE).isEmpty(), "−999 is missing");
        assertEquals(1.4, h.value(1, HourlyVariable.WIND_SPEED_2M).orElseThrow(), 1e-12);
        assertFalse(h.elevation().isEmpty());
    }
}
