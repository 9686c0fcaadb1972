package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.eto4j.core.EstimateFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's quick start, against the loopback fixtures instead of the public services. */
class ReadmeExampleTest {
    private final FixtureServer server = new FixtureServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void quickStart() {
        server.on("/v1/archive", FixtureServer.Reply.fixture("open-meteo-archive.json"));
        server.on("/api/temporal/daily/point", FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSources sources = WeatherSources.builder()
                .userAgent("my-irrigation-app/2.1 (ops@example.org)")
                .baseUrl(SourceId.OPEN_METEO_ARCHIVE, server.baseUrl())     // not in the README: tests stay local
                .baseUrl(SourceId.NASA_POWER, server.baseUrl())
                .build();

        WeatherRequest request = WeatherRequest.of(new GeoPoint(-22.71, -47.63),
                LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 3));
        DailySeries weather = sources.source(SourceId.OPEN_METEO_ARCHIVE).daily(request);
        OptionalDouble rs = weather.value(0, Variable.SOLAR_RADIATION);
        Set<ValueFlag> how = weather.flags(0, Variable.WIND_SPEED_2M);

        PointEto eto = PointEto.builder(sources).build();
        PointEtoSeries january = eto.daily(SourceId.NASA_POWER, request);
        double first = january.days().get(0).etoMillimetres().orElseThrow();
        List<String> flags = january.flagTokens(0);
        EtoSummary summary = january.summary();

        assertEquals(25.1, rs.orElseThrow(), 1e-12);
        assertEquals(Set.of(ValueFlag.WIND_FROM_10M, ValueFlag.AGGREGATED_FROM_HOURLY), how);
        assertTrue(first > 0);
        assertEquals(List.of(EstimateFlag.TMEAN_FROM_EXTREMES.token()), flags);
        assertEquals(3, summary.days());
    }
}
