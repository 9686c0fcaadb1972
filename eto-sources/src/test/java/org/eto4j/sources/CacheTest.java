package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheTest {
    private static final String DAILY = "/api/temporal/daily/point";
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private static WeatherRequest fiveDays(GeoPoint p) {
        return WeatherRequest.of(p, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
    }

    @Test
    void aSecondIdenticalRequestIsServedFromTheCacheWithoutAnyHttpCall() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSources sources = Fixtures.sources(server, clock);
        DailySeries first = sources.source(SourceId.NASA_POWER).daily(fiveDays(Fixtures.PIRACICABA));
        assertEquals(1, server.count());
        DailySeries second = sources.source(SourceId.NASA_POWER).daily(fiveDays(Fixtures.PIRACICABA));
        assertEquals(1, server.count(), "no second HTTP call");
        assertEquals(first.value(0, Variable.TMAX), second.value(0, Variable.TMAX));
        assertEquals(first.flags(3, Variable.TMAX), second.flags(3, Variable.TMAX));
        assertEquals(1, sources.cachedAnswers());
    }

    @Test
    void concurrentIdenticalRequestsShareOneHttpCall() throws Exception {
        server.on(DAILY, FixtureServer.Reply.gated("nasa-power-daily.json"));
        WeatherSource power = Fixtures.sources(server, clock).source(SourceId.NASA_POWER);
        java.util.concurrent.CompletableFuture<DailySeries> first = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> power.daily(fiveDays(Fixtures.PIRACICABA)));
        assertEquals(true, server.arrived.await(10, java.util.concurrent.TimeUnit.SECONDS));
        Thread second = new Thread(() -> power.daily(fiveDays(Fixtures.PIRACICABA)));
        second.start();
        // Wait (with a deadline) until the second caller is parked waiting for the first one's answer.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        server.gate.countDown();
        second.join(10_000);
        assertEquals(30.12, first.get(10, java.util.concurrent.TimeUnit.SECONDS).value(0, Variable.TMAX).orElseThrow(),
                1e-12);
        assertEquals(1, server.count());
    }

    @Test
    void aSharedRequestsErrorReachesEveryWaitingCaller() throws Exception {
        server.on(DAILY, new FixtureServer.Reply(400, Map.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                FixtureServer.Reply.Mode.GATED));
        WeatherSource power = Fixtures.sources(server, clock).source(SourceId.NASA_POWER);
        java.util.concurrent.CompletableFuture<DailySeries> first = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> power.daily(fiveDays(Fixtures.PIRACICABA)));
        assertEquals(true, server.arrived.await(10, java.util.concurrent.TimeUnit.SECONDS));
        java.util.concurrent.CompletableFuture<SourceException> secondError =
                new java.util.concurrent.CompletableFuture<>();
        Thread second = new Thread(() -> {
            try {
                power.daily(fiveDays(Fixtures.PIRACICABA));
                secondError.complete(null);
            } catch (SourceException e) {
                secondError.complete(e);
            }
        });
        second.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (second.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        server.gate.countDown();
        SourceException e = secondError.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(SourceErrorCode.SERVICE_ERROR, e.code());
        assertEquals(400, e.args().get(1));
        java.util.concurrent.ExecutionException leader = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> first.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(SourceErrorCode.SERVICE_ERROR, ((SourceException) leader.getCause()).code());
        assertEquals(1, server.count());
    }

    @Test
    void aNearbyPointInTheSameGridCellSharesTheCachedAnswer() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSources sources = Fixtures.sources(server, clock);
        sources.source(SourceId.NASA_POWER).daily(fiveDays(Fixtures.PIRACICABA));
        sources.source(SourceId.NASA_POWER).daily(fiveDays(new GeoPoint(-22.60, -47.40)));
        assertEquals(1, server.count());
        sources.source(SourceId.NASA_POWER).daily(fiveDays(new GeoPoint(-23.0, -47.40)));
        assertEquals(2, server.count(), "another cell is another answer");
    }

    @Test
    void archiveAnswersLiveThirtyDays() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSource power = Fixtures.sources(server, clock).source(SourceId.NASA_POWER);
        power.daily(fiveDays(Fixtures.PIRACICABA));
        clock.advance(Duration.ofDays(29));
        power.daily(fiveDays(Fixtures.PIRACICABA));
        assertEquals(1, server.count());
        clock.advance(Duration.ofDays(2));
        power.daily(fiveDays(Fixtures.PIRACICABA));
        assertEquals(2, server.count());
    }

    @Test
    void recentDaysLiveTwelveHours() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSource power = Fixtures.sources(server, clock).source(SourceId.NASA_POWER);
        // The test clock's today is 2026-11-28: a period ending a week ago is recent.
        WeatherRequest recent = WeatherRequest.of(Fixtures.PIRACICABA, LocalDate.of(2026, 11, 17),
                LocalDate.of(2026, 11, 21));
        power.daily(recent);
        clock.advance(Duration.ofHours(11));
        power.daily(recent);
        assertEquals(1, server.count());
        clock.advance(Duration.ofHours(2));
        power.daily(recent);
        assertEquals(2, server.count());
    }

    @Test
    void forecastsLiveOneHour() {
        server.on("/v1/forecast", FixtureServer.Reply.fixture("open-meteo-forecast.json"));
        WeatherSource forecast = Fixtures.sources(server, clock).source(SourceId.OPEN_METEO_FORECAST);
        WeatherRequest r = WeatherRequest.of(new GeoPoint(59.91, 10.75), LocalDate.of(2026, 11, 28),
                LocalDate.of(2026, 11, 29));
        forecast.daily(r);
        clock.advance(Duration.ofMinutes(59));
        forecast.daily(r);
        assertEquals(1, server.count());
        clock.advance(Duration.ofMinutes(2));
        forecast.daily(r);
        assertEquals(2, server.count());
    }

    @Test
    void metNorwayIsCachedUntilExpiresThenAskedWithIfModifiedSince() {
        String lastModified = "Sat, 28 Nov 2026 11:43:21 GMT";
        String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Fixtures.START.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
        String expiresLater = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Fixtures.START.plus(Duration.ofMinutes(90)), ZoneOffset.UTC));
        server.on("/weatherapi/locationforecast/2.0/complete",
                FixtureServer.Reply.fixture("met-norway-complete.json")
                        .withHeaders(Map.of("Expires", expires, "Last-Modified", lastModified)),
                new FixtureServer.Reply(304, Map.of("Expires", expiresLater), new byte[0],
                        FixtureServer.Reply.Mode.NORMAL));
        WeatherSource met = Fixtures.sources(server, clock).source(SourceId.MET_NORWAY);
        WeatherRequest r = WeatherRequest.of(new GeoPoint(59.9139, 10.7522), LocalDate.of(2026, 11, 28),
                LocalDate.of(2026, 11, 30)).withZone(ZoneOffset.UTC);
        DailySeries first = met.daily(r);
        assertNull(server.requests().get(0).header("If-Modified-Since"));
        clock.advance(Duration.ofMinutes(29));
        met.daily(r);
        assertEquals(1, server.count(), "fresh until Expires");
        clock.advance(Duration.ofMinutes(2));
        DailySeries third = met.daily(r);
        assertEquals(2, server.count());
        assertEquals(lastModified, server.requests().get(1).header("If-Modified-Since"));
        assertEquals(first.value(0, Variable.TMEAN), third.value(0, Variable.TMEAN), "304 keeps the cached data");
        clock.advance(Duration.ofMinutes(50));
        met.daily(r);
        assertEquals(2, server.count(), "the 304's Expires renewed the lifetime");
    }

    @Test
    void aZeroSizeCacheAsksEveryTime() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSource power = Fixtures.sources(server, clock, b -> b.cacheMaximumSize(0)).source(SourceId.NASA_POWER);
        power.daily(fiveDays(Fixtures.PIRACICABA));
        power.daily(fiveDays(Fixtures.PIRACICABA));
        assertEquals(2, server.count());
    }
}
