package org.eto4j.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Consumer;
import org.eto4j.progress.testing.ManualClock;

/** Builds sources that talk only to the loopback fixture server, with a manual clock and a recording sleeper. */
final class Fixtures {
    static final GeoPoint PIRACICABA = new GeoPoint(-22.712, -47.634);
    static final LocalDate JAN_1 = LocalDate.of(2023, 1, 1);
    /** Where every test's clock starts. */
    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    private Fixtures() {
    }

    /** A clock at {@link #START} that moves only when a test or a {@link RecordingSleeper} moves it. */
    static ManualClock clock() {
        return new ManualClock(START);
    }

    static WeatherSources sources(FixtureServer server, ManualClock clock) {
        return sources(server, new RecordingSleeper(clock), b -> { });
    }

    static WeatherSources sources(FixtureServer server, ManualClock clock, Consumer<WeatherSources.Builder> extra) {
        return sources(server, new RecordingSleeper(clock), extra);
    }

    static WeatherSources sources(FixtureServer server, RecordingSleeper sleeper) {
        return sources(server, sleeper, b -> { });
    }

    static WeatherSources sources(FixtureServer server, RecordingSleeper sleeper,
            Consumer<WeatherSources.Builder> extra) {
        WeatherSources.Builder b = WeatherSources.builder()
                .clock(sleeper.clock)
                .sleeper(sleeper)
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
