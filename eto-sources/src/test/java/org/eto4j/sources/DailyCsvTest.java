package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eto4j.i18n.CsvDialect;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DailyCsvTest {
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void writesTheCliInputColumnsWithEmptyCellsForMissingValues() {
        server.on("/api/temporal/daily/point", FixtureServer.Reply.fixture("nasa-power-daily.json"));
        DailySeries s = Fixtures.sources(server, clock).source(SourceId.NASA_POWER)
                .daily(WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4)));
        StringBuilder csv = new StringBuilder();
        DailyCsv.write(s, csv);
        String[] lines = csv.toString().split("\n");
        // POWER gives no RH max/min: those columns are left out. Every number has the rule's four decimals.
        assertEquals("date,tmax,tmin,tmean,rh_mean,tdew,u2,rs,flags", lines[0]);
        assertEquals("2023-01-01,30.1200,19.0000,24.1000,70.5000,18.0000,1.8000,22.5000,", lines[1]);
        assertEquals("2023-01-02,31.5000,19.5000,25.0000,68.2000,18.3000,2.1000,,rs:missing", lines[2]);
        assertEquals("2023-01-04,28.9000,18.2000,23.0000,80.0000,17.5000,1.9000,,tmax:filled_linear|rs:missing",
                lines[4]);
        assertEquals(6, lines.length);
    }

    @Test
    void writesEtoWithFourDecimalsAndFlags() {
        server.on("/api/temporal/daily/point", FixtureServer.Reply.fixture("nasa-power-daily.json"));
        PointEtoSeries s = PointEto.builder(Fixtures.sources(server, clock)).build().daily(SourceId.NASA_POWER,
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(1)));
        StringBuilder csv = new StringBuilder();
        DailyCsv.writeEto(s, csv);
        String[] lines = csv.toString().split("\n");
        assertEquals("date,eto,flags", lines[0]);
        String[] day2 = lines[2].split(",", -1);
        assertEquals("2023-01-02", day2[0]);
        assertTrue(day2[1].matches("\\d\\.\\d{4}"), day2[1]);
        assertTrue(day2[2].contains("rs_from_temperature_range"), day2[2]);
        for (int d = 0; d < 2; d++) {
            assertEquals(CsvDialect.formatNumber(s.days().get(d).etoMillimetres().orElseThrow(), 4),
                    lines[d + 1].split(",", -1)[1], "the one number rule");
        }
    }

    @Test
    void etoDecimalsFollowTheOneNumberRule() {
        server.on("/api/temporal/daily/point", FixtureServer.Reply.fixture("nasa-power-daily.json"));
        PointEtoSeries s = PointEto.builder(Fixtures.sources(server, clock)).build().daily(SourceId.NASA_POWER,
                WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(1)));
        StringBuilder csv = new StringBuilder();
        DailyCsv.writeEto(s, csv, 1);
        String day1 = csv.toString().split("\n")[1].split(",", -1)[1];
        assertEquals(CsvDialect.formatNumber(s.days().get(0).etoMillimetres().orElseThrow(), 1), day1);
        assertTrue(day1.matches("\\d\\.\\d"), day1);
    }
}
