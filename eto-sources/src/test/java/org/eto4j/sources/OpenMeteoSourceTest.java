package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenMeteoSourceTest {
    private static final String ARCHIVE = "/v1/archive";
    /** FAO-56 eq. 47 at 10 m: u2 = u10 × 4.87 / ln(67.8 × 10 − 5.42) = u10 × 0.747951. */
    private static final double EQ47_10M = 4.87 / Math.log(672.58);
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private DailySeries threeDays() {
        server.on(ARCHIVE, FixtureServer.Reply.fixture("open-meteo-archive.json"));
        return Fixtures.sources(server, clock).source(SourceId.OPEN_METEO_ARCHIVE)
                .daily(WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(2)));
    }

    @Test
    void asksForDailyAndHourlyVariablesInMetresPerSecondAndLocalTime() {
        threeDays();
        FixtureServer.Request r = server.requests().get(0);
        assertEquals("-22.71", r.param("latitude"));
        assertEquals("-47.63", r.param("longitude"));
        assertEquals("2023-01-01", r.param("start_date"));
        assertEquals("2023-01-03", r.param("end_date"));
        assertEquals("ms", r.param("wind_speed_unit"));
        assertEquals("auto", r.param("timezone"));
        assertTrue(r.param("daily").contains("et0_fao_evapotranspiration"));
        assertTrue(r.param("hourly").contains("wind_speed_10m"));
    }

    @Test
    void aggregatesHourlyValuesOverTheLocalDay() {
        DailySeries s = threeDays();
        assertEquals(ZoneId.of("America/Sao_Paulo"), s.zone());
        assertEquals(612.0, s.elevation().orElseThrow().metres());
        // Fixture: T = 10 + h (+ day index) → mean of 10…33 = 21.5; RH = 90 − 2h → 90, 44, mean 67.
        assertEquals(21.5, s.value(0, Variable.TMEAN).orElseThrow(), 1e-12);
        assertEquals(22.5, s.value(1, Variable.TMEAN).orElseThrow(), 1e-12);
        assertEquals(90, s.value(0, Variable.RH_MAX).orElseThrow(), 1e-12);
        assertEquals(44, s.value(0, Variable.RH_MIN).orElseThrow(), 1e-12);
        assertEquals(67, s.value(0, Variable.RH_MEAN).orElseThrow(), 1e-12);
        assertEquals(12, s.value(0, Variable.TDEW).orElseThrow(), 1e-12);
        assertEquals(Set.of(ValueFlag.AGGREGATED_FROM_HOURLY), s.flags(0, Variable.RH_MAX));
        // Wind 2, 3, 2, 3 … m/s at 10 m → mean 2.5; at 2 m by FAO-56 eq. 47: 2.5 × 0.747951 = 1.869878.
        assertEquals(2.5, s.value(0, Variable.WIND_SPEED_10M).orElseThrow(), 1e-12);
        assertEquals(2.5 * EQ47_10M, s.value(0, Variable.WIND_SPEED_2M).orElseThrow(), 1e-12);
        assertEquals(1.869878, s.value(0, Variable.WIND_SPEED_2M).orElseThrow(), 1e-6);
        assertEquals(Set.of(ValueFlag.WIND_FROM_10M, ValueFlag.AGGREGATED_FROM_HOURLY),
                s.flags(0, Variable.WIND_SPEED_2M));
    }

    @Test
    void takesDailyValuesAsGivenAndFlagsWhatItFilled() {
        DailySeries s = threeDays();
        assertEquals(33.0, s.value(0, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(10.0, s.value(0, Variable.TMIN).orElseThrow(), 1e-12);
        assertEquals(25.1, s.value(0, Variable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(Set.of(), s.flags(0, Variable.SOLAR_RADIATION));
        // shortwave_radiation_sum is null on day 2, between 25.1 and 24.3: filled to 24.7.
        assertEquals(24.7, s.value(1, Variable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(Set.of(ValueFlag.FILLED_LINEAR), s.flags(1, Variable.SOLAR_RADIATION));
        assertEquals(5.12, s.value(0, Variable.SOURCE_ETO).orElseThrow(), 1e-12);
        assertEquals(3.2, s.value(1, Variable.PRECIPITATION).orElseThrow(), 1e-12);
    }

    @Test
    void aDayWithFewerThanTwentyHoursOfWindHasNoDailyWind() {
        DailySeries s = threeDays();
        // Day 3 of the fixture lacks wind for five hours: 19 values are not enough for a daily mean.
        assertTrue(s.value(2, Variable.WIND_SPEED_10M).isEmpty());
        assertTrue(s.value(2, Variable.WIND_SPEED_2M).isEmpty());
        assertEquals(Set.of(ValueFlag.MISSING), s.flags(2, Variable.WIND_SPEED_2M));
    }

    @Test
    void splitsALongPeriodIntoChunksAndReportsEach() {
        server.on(ARCHIVE, r -> FixtureServer.Reply.fixture("open-meteo-chunk-" + r.param("start_date") + ".json"));
        List<String> progress = new CopyOnWriteArrayList<>();
        FetchObserver observer = new FetchObserver() {
            @Override
            public void chunkDone(SourceId source, int done, int total) {
                progress.add(source.token() + " " + done + "/" + total);
            }
        };
        WeatherSource archive = Fixtures.sources(server, clock, b -> b.chunkDays(SourceId.OPEN_METEO_ARCHIVE, 2))
                .source(SourceId.OPEN_METEO_ARCHIVE);
        WeatherRequest request = WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
        assertEquals(3, archive.chunks(request));
        DailySeries s = archive.daily(request, observer);
        assertEquals(List.of("2023-01-01/2023-01-02", "2023-01-03/2023-01-04", "2023-01-05/2023-01-05"),
                server.requests().stream().map(r -> r.param("start_date") + "/" + r.param("end_date")).toList());
        assertEquals(List.of("open-meteo-archive 1/3", "open-meteo-archive 2/3", "open-meteo-archive 3/3"), progress);
        assertEquals(5, s.size());
        for (int d = 0; d < 5; d++) {
            // Each chunk's fixture continues the pattern: Tmax = 33 + day index, mean T = 21.5 + day index.
            assertEquals(33.0 + d, s.value(d, Variable.TMAX).orElseThrow(), 1e-12, "day " + d);
            assertEquals(21.5 + d, s.value(d, Variable.TMEAN).orElseThrow(), 1e-12, "day " + d);
        }
        assertEquals(LocalDate.of(2023, 1, 5), s.end());
    }

    @Test
    void forecastUsesTheForecastEndpointAndTheRequestedZone() {
        server.on("/v1/forecast", FixtureServer.Reply.fixture("open-meteo-forecast.json"));
        DailySeries s = Fixtures.sources(server, clock).source(SourceId.OPEN_METEO_FORECAST).daily(
                WeatherRequest.of(new GeoPoint(59.91, 10.75), LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 29))
                        .withZone(ZoneId.of("GMT")));
        assertEquals("GMT", server.requests().get(0).param("timezone"));
        assertEquals(2, s.size());
        assertEquals(34.0, s.value(1, Variable.TMAX).orElseThrow(), 1e-12);
    }

    @Test
    void hourlyRadiationIsMovedToTheHourItCoversAndConvertedToMegajoules() {
        server.on(ARCHIVE, FixtureServer.Reply.fixture("open-meteo-archive.json"));
        HourlySeries h = Fixtures.sources(server, clock).source(SourceId.OPEN_METEO_ARCHIVE).hourly(
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(2)), FetchObserver.NONE);
        assertEquals(72, h.size());
        // 2023-01-01T00:00 in São Paulo (UTC−3) is 03:00 UTC.
        assertEquals(Instant.parse("2023-01-01T03:00:00Z"), h.time(0));
        // The fixture's 07:00 value (200 W m⁻²) is the mean over 06:00–07:00: the row of 06:00 gets
        // 200 × 3600 J m⁻² = 0.72 MJ m⁻².
        assertEquals(0.72, h.value(6, HourlyVariable.SOLAR_RADIATION).orElseThrow(), 1e-12);
        assertEquals(16.0, h.value(6, HourlyVariable.AIR_TEMPERATURE).orElseThrow(), 1e-12);
        assertTrue(h.value(71, HourlyVariable.SOLAR_RADIATION).isEmpty(), "the hour after the last is unknown");
    }
}
