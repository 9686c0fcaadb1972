package org.eto4j.sources;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Consumer;

/** Builds sources that talk only to the loopback fixture server, with a test clock and a recording sleeper. */
final class Fixtures {
    static final GeoPoint PIRACICABA = new GeoPoint(-22.712, -47.634);
    static final LocalDate JAN_1 = LocalDate.of(2023, 1, 1);

    private Fixtures() {
    }

    static WeatherSources sources(FixtureServer server, TestClock clock) {
        return sources(server, clock, b -> { });
    }

    static WeatherSources sources(FixtureServer server, TestClock clock, Consumer<WeatherSources.Builder> extra) {
        WeatherSources.Builder b = WeatherSources.builder()
                .clock(clock)
                .sleeper(clock.sleeper)
                .random(new Random(42))
                .readTimeout(Duration.ofSeconds(10))
                .userAgent("eto4j-tests/1.0 (tests@eto4j.org)")
                .elevationBaseUrl(server.baseUrl());
        for (SourceId id : SourceId.values()) {
            b.baseUrl(id, server.baseUrl());
        }
        extra.accept(b);
        return b.build();
    }
}
