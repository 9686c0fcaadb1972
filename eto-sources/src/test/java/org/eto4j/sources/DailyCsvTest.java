package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DailyCsvTest {
    private final FixtureServer server = new FixtureServer();
    private final TestClock clock = new TestClock();

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
        // POWER gives no RH max/min: those columns are left out.
        assertEquals("date,tmax,tmin,rh_mean,tdew,u2,rs,flags", lines[0]);
        assertEquals("2023-01-01,30.12,19,70.5,18,1.8,22.5,", lines[1]);
        assertEquals("2023-01-02,31.5,19.5,68.2,18.3,2.1,,rs:missing", lines[2]);
        assertEquals("2023-01-04,28.9,18.2,80,17.5,1.9,,tmax:filled_linear|rs:missing", lines[4]);
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
        assertTrue(day2[1].matches("\\d\\.\\d{1,4}"), day2[1]);
        assertTrue(day2[2].contains("rs_from_temperature_range"), day2[2]);
    }
}
