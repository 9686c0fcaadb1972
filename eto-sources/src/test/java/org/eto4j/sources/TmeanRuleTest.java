package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daily mean temperature option: FAO-56's (Tmax + Tmin)/2 by default, a measured mean on request, flagged. */
class TmeanRuleTest {
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    private PointEtoSeries nasa(PointEto.Builder options) {
        server.on("/api/temporal/daily/point", FixtureServer.Reply.fixture("nasa-power-daily.json"));
        return options.build().daily(SourceId.NASA_POWER,
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4)));
    }

    @Test
    void theDefaultIsFao56sStandardMeanFromTheExtremesAndEveryDaySaysSo() {
        PointEto eto = PointEto.builder(Fixtures.sources(server, clock)).build();
        assertSame(TmeanRule.FROM_EXTREMES, TmeanRule.DEFAULT);
        assertSame(TmeanRule.DEFAULT, eto.tmean());
        PointEtoSeries s = nasa(PointEto.builder(Fixtures.sources(server, clock)));
        for (int d = 0; d < s.days().size(); d++) {
            assertTrue(s.flagTokens(d).contains("tmean_from_extremes"), s.flagTokens(d)::toString);
        }
    }

    @Test
    void theMeasuredMeanIsUsedOnRequestAndTheFlagIsGone() {
        PointEtoSeries extremes = nasa(PointEto.builder(Fixtures.sources(server, clock)));
        PointEtoSeries measured = nasa(PointEto.builder(Fixtures.sources(server, clock))
                .tmean(TmeanRule.MEASURED_WHEN_GIVEN));
        Station station = Station.of(-22.712, -47.634, 546.79);
        // POWER's T2M of 2023-01-01 is 24.1 °C; (30.12 + 19.0)/2 = 24.56 °C.
        double byHand = Fao56.defaults().daily(station, DailyWeather.builder(Fixtures.JAN_1)
                .tmax(30.12).tmin(19.0).tmean(24.1).rhMean(70.5).tdew(18.0).u2(1.8).rs(22.5).build()).eto();
        assertEquals(byHand, measured.days().get(0).etoMillimetres().orElseThrow(), 0.0);
        assertNotEquals(extremes.days().get(0).etoMillimetres().orElseThrow(),
                measured.days().get(0).etoMillimetres().orElseThrow());
        for (int d = 0; d < measured.days().size(); d++) {
            assertFalse(measured.flagTokens(d).contains("tmean_from_extremes"), measured.flagTokens(d)::toString);
        }
    }

    @Test
    void aNullRuleIsRefusedNamingTheOption() {
        SourceException e = assertThrows(SourceException.class,
                () -> PointEto.builder(Fixtures.sources(server, clock)).tmean(null).build());
        assertEquals(SourceErrorCode.INVALID_OPTION, e.code());
        assertEquals("tmean", e.args().get(0));
    }

    @Test
    void applyDropsAMeasuredMeanOnlyWhereBothExtremesStandInForIt() {
        DailyWeather full = DailyWeather.builder(Fixtures.JAN_1).tmax(30).tmin(20).tmean(24).rs(20).build();
        DailyWeather meanOnly = DailyWeather.builder(Fixtures.JAN_1).tmean(24).rs(20).build();
        DailyWeather fromExtremes = TmeanRule.FROM_EXTREMES.apply(full);
        assertTrue(Double.isNaN(fromExtremes.tmean()));
        assertEquals(30, fromExtremes.tmax());
        assertEquals(20, fromExtremes.rs());
        assertTrue(Fao56.defaults().daily(Station.of(-22.7, 546), fromExtremes)
                .has(EstimateFlag.TMEAN_FROM_EXTREMES));
        assertSame(meanOnly, TmeanRule.FROM_EXTREMES.apply(meanOnly), "a temperature-only method still needs it");
        assertSame(full, TmeanRule.MEASURED_WHEN_GIVEN.apply(full));
    }

    @Test
    void bindDailyHidesTheMeanColumnUnderItsEveryName() {
        for (String name : List.of("tmean", "T2M", " TMean ")) {
            List<String> header = List.of("date", "tmax", "tmin", name);
            assertFalse(TmeanRule.FROM_EXTREMES.bindDaily(header).has("tmean"), name);
            assertTrue(TmeanRule.MEASURED_WHEN_GIVEN.bindDaily(header).has("tmean"), name);
            WeatherTable table = TmeanRule.FROM_EXTREMES.bindDaily(header);
            assertEquals(4, table.width());
            DailyWeather day = table.dailyRow(List.of("2023-01-01", "30", "20", "24"), 0);
            assertTrue(Double.isNaN(day.tmean()));
        }
    }

    @Test
    void tokensAreStable() {
        assertEquals(Optional.of(TmeanRule.FROM_EXTREMES), TmeanRule.fromToken("extremes"));
        assertEquals(Optional.of(TmeanRule.MEASURED_WHEN_GIVEN), TmeanRule.fromToken(" Measured"));
        assertEquals(Optional.empty(), TmeanRule.fromToken("hourly"));
        assertEquals(Optional.empty(), TmeanRule.fromToken(null));
        assertEquals("extremes", TmeanRule.FROM_EXTREMES.token());
    }
}
