package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a listener hears of cache look-ups, HTTP exchanges and retries, for metrics without a metrics library. */
class SourceListenerTest {
    private static final String DAILY = "/api/temporal/daily/point";
    private final FixtureServer server = new FixtureServer();
    private final ManualClock clock = Fixtures.clock();

    @AfterEach
    void close() {
        server.close();
    }

    /** Records "cache:hit", "response:503", "retry:2:SERVICE_ERROR", … with the source. */
    static final class Log implements SourceListener {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void cacheLookup(String source, boolean hit) {
            lines.add(source + " cache:" + (hit ? "hit" : "miss"));
        }

        @Override
        public void response(String source, int status, Duration elapsed) {
            assertFalse(elapsed.isNegative());
            lines.add(source + " response:" + status);
        }

        @Override
        public void requestFailed(String source, SourceErrorCode code, Duration elapsed) {
            lines.add(source + " failed:" + code);
        }

        @Override
        public void retrying(String source, int nextAttempt, SourceErrorCode cause, Duration wait) {
            lines.add(source + " retry:" + nextAttempt + ":" + cause + ":" + wait.toSeconds());
        }
    }

    @Test
    void hearsLookUpsExchangesAndRetriesInOrder() {
        server.on(DAILY, FixtureServer.Reply.status(503, Map.of("Retry-After", "3")),
                FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSources sources = Fixtures.sources(server, clock,
                b -> b.minRequestInterval(SourceId.NASA_POWER, Duration.ZERO));
        Log log = new Log();
        sources.addListener(log);
        sources.addListener(log); // twice: no further effect
        sources.addListener(new SourceListener() {
            @Override
            public void response(String source, int status, Duration elapsed) {
                throw new IllegalStateException("listener bug"); // never fails the request
            }
        });
        WeatherRequest request = WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
        sources.source(SourceId.NASA_POWER).daily(request);
        sources.source(SourceId.NASA_POWER).daily(request);
        assertEquals(List.of("nasa-power cache:miss", "nasa-power response:503",
                "nasa-power retry:2:SERVICE_ERROR:3", "nasa-power response:200", "nasa-power cache:hit"), log.lines);

        assertTrue(sources.removeListener(log));
        sources.source(SourceId.NASA_POWER).daily(request);
        assertEquals(5, log.lines.size());
    }
}
