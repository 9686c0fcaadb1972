package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After, timeouts, malformed and truncated answers, rate limit and cancellation. */
class ResilienceTest {
    private static final String DAILY = "/api/temporal/daily/point";
    private final FixtureServer server = new FixtureServer();
    private final RecordingSleeper sleeper = new RecordingSleeper(Fixtures.clock());

    @AfterEach
    void close() {
        server.close();
    }

    private WeatherSource power() {
        return power(b -> { });
    }

    private WeatherSource power(java.util.function.Consumer<WeatherSources.Builder> extra) {
        return Fixtures.sources(server, sleeper, b -> {
            // No rate limit here, so that every recorded sleep is a retry wait.
            b.minRequestInterval(SourceId.NASA_POWER, Duration.ZERO);
            extra.accept(b);
        }).source(SourceId.NASA_POWER);
    }

    private static WeatherRequest fiveDays() {
        return WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOn429ThenSucceeds() {
        server.on(DAILY, FixtureServer.Reply.status(429, Map.of("Retry-After", "7")),
                FixtureServer.Reply.fixture("nasa-power-daily.json"));
        DailySeries s = power().daily(fiveDays());
        assertEquals(30.12, s.value(0, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(2, server.count());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.sleeps);
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Fixtures.START.plusSeconds(30), ZoneOffset.UTC));
        server.on(DAILY, FixtureServer.Reply.status(503, Map.of("Retry-After", date)),
                FixtureServer.Reply.fixture("nasa-power-daily.json"));
        power().daily(fiveDays());
        assertEquals(List.of(Duration.ofSeconds(30)), sleeper.sleeps);
    }

    @Test
    void retryAfterBeyondTheLimitFailsAtOnceAsRateLimited() {
        server.on(DAILY, FixtureServer.Reply.status(429, Map.of("Retry-After", "3600")));
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays()));
        assertEquals(SourceErrorCode.RATE_LIMITED, e.code());
        assertEquals(List.of("nasa-power", 3600L), e.args());
        assertTrue(e.retryable());
        assertEquals(1, server.count());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void persistent429EndsRateLimitedAfterEveryAttempt() {
        server.on(DAILY, FixtureServer.Reply.status(429, Map.of("Retry-After", "2")));
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays()));
        assertEquals(SourceErrorCode.RATE_LIMITED, e.code());
        assertEquals(WeatherSources.DEFAULT_MAX_ATTEMPTS, server.count());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2)), sleeper.sleeps);
    }

    @Test
    void a503ThenSuccessIsRetriedAfterAJitteredBackoff() {
        server.on(DAILY, FixtureServer.Reply.status(503, Map.of()),
                FixtureServer.Reply.fixture("nasa-power-daily.json"));
        DailySeries s = power().daily(fiveDays());
        assertEquals(5, s.size());
        assertEquals(2, server.count());
        assertEquals(1, sleeper.sleeps.size());
        // First backoff: 1 s, of which the second half is random: 0.5 s ≤ wait ≤ 1 s.
        Duration wait = sleeper.sleeps.get(0);
        assertTrue(wait.compareTo(Duration.ofMillis(500)) >= 0
                && wait.compareTo(Duration.ofSeconds(1)) <= 0, wait::toString);
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUntilTheAttemptsRunOut() {
        server.on(DAILY, FixtureServer.Reply.status(500, Map.of()));
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays()));
        assertEquals(SourceErrorCode.SERVICE_ERROR, e.code());
        assertEquals(500, e.args().get(1));
        assertTrue(e.retryable());
        assertEquals(4, server.count());
        long[][] bounds = {{500, 1000}, {1000, 2000}, {2000, 4000}};
        assertEquals(3, sleeper.sleeps.size());
        for (int i = 0; i < 3; i++) {
            long ms = sleeper.sleeps.get(i).toMillis();
            assertTrue(ms >= bounds[i][0] && ms <= bounds[i][1], "wait " + i + " = " + ms);
        }
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.on(DAILY, FixtureServer.Reply.status(422, Map.of()));
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays()));
        assertEquals(SourceErrorCode.SERVICE_ERROR, e.code());
        assertEquals(422, e.args().get(1));
        assertEquals(false, e.retryable());
        assertEquals(1, server.count());
    }

    @Test
    void malformedJsonIsATypedErrorAndIsNotCached() {
        server.on(DAILY, FixtureServer.Reply.fixture("malformed.json"));
        WeatherSource power = power();
        SourceException e = assertThrows(SourceException.class, () -> power.daily(fiveDays()));
        assertEquals(SourceErrorCode.MALFORMED_RESPONSE, e.code());
        assertEquals("nasa-power", e.args().get(0));
        assertEquals(1, server.count(), "a malformed answer is not retried");
        assertThrows(SourceException.class, () -> power.daily(fiveDays()));
        assertEquals(2, server.count(), "a malformed answer is not cached");
    }

    @Test
    void anAnswerWithoutTheDocumentedFieldsIsMalformed() {
        server.on(DAILY, FixtureServer.Reply.fixture("wrong-shape.json"));
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays()));
        assertEquals(SourceErrorCode.MALFORMED_RESPONSE, e.code());
        assertEquals("missing /properties/parameter", e.args().get(1));
    }

    @Test
    void acceptsGzipAndReadsCompressedAnswers() throws IOException {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
            gz.write(FixtureServer.resource("nasa-power-daily.json").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        server.on(DAILY, new FixtureServer.Reply(200, Map.of("Content-Encoding", "gzip"), zipped.toByteArray(),
                FixtureServer.Reply.Mode.NORMAL));
        DailySeries s = power().daily(fiveDays());
        assertEquals("gzip", server.requests().get(0).header("Accept-Encoding"));
        assertEquals(30.12, s.value(0, Variable.TMAX).orElseThrow(), 1e-12);
    }

    @Test
    void aBrokenGzipBodyIsMalformed() {
        server.on(DAILY, new FixtureServer.Reply(200, Map.of("Content-Encoding", "gzip"),
                new byte[] {31, -117, 8, 0, 1, 2}, FixtureServer.Reply.Mode.NORMAL));
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays()));
        assertEquals(SourceErrorCode.MALFORMED_RESPONSE, e.code());
    }

    @Test
    void aBodyCutShortByTheConnectionIsRetried() {
        server.on(DAILY, FixtureServer.Reply.truncatedTransport("nasa-power-daily.json"),
                FixtureServer.Reply.fixture("nasa-power-daily.json"));
        DailySeries s = power().daily(fiveDays());
        assertEquals(30.12, s.value(0, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(2, server.count());
    }

    @Test
    void aBodyAlwaysCutShortEndsAsNetworkUnavailable() {
        server.on(DAILY, FixtureServer.Reply.truncatedTransport("nasa-power-daily.json"));
        SourceException e = assertThrows(SourceException.class, () -> power(b -> b.maxAttempts(2)).daily(fiveDays()));
        assertEquals(SourceErrorCode.NETWORK_UNAVAILABLE, e.code());
        assertEquals(2, server.count());
    }

    @Test
    void aServiceThatNeverAnswersTimesOutOnEveryAttempt() {
        server.on(DAILY, FixtureServer.Reply.hang());
        SourceException e = assertThrows(SourceException.class,
                () -> power(b -> b.readTimeout(Duration.ofMillis(300)).maxAttempts(2)).daily(fiveDays()));
        assertEquals(SourceErrorCode.TIMEOUT, e.code());
        assertEquals(List.of("nasa-power", 300L), e.args());
        assertEquals(2, server.count());
        assertEquals(1, sleeper.sleeps.size());
    }

    @Test
    void anUnreachableServiceIsNetworkUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WeatherSource power = Fixtures.sources(server, sleeper, b -> b
                .baseUrl(SourceId.NASA_POWER, "http://127.0.0.1:" + closedPort)
                .minRequestInterval(SourceId.NASA_POWER, Duration.ZERO)).source(SourceId.NASA_POWER);
        SourceException e = assertThrows(SourceException.class, () -> power.daily(fiveDays()));
        assertEquals(SourceErrorCode.NETWORK_UNAVAILABLE, e.code());
        assertEquals(3, sleeper.sleeps.size(), "retried before giving up");
    }

    @Test
    void consecutiveRequestsAreSpacedByTheRateLimit() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        WeatherSource power = Fixtures.sources(server, sleeper, b -> b.chunkDays(SourceId.NASA_POWER, 2))
                .source(SourceId.NASA_POWER);
        power.daily(fiveDays());
        assertEquals(3, server.count());
        // NASA POWER's default: one request a second; the clock does not move between requests, so each later
        // request waits a full second after the one before.
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.sleeps);
    }

    @Test
    void aCancelledObserverStopsBeforeAnyRequest() {
        server.on(DAILY, FixtureServer.Reply.fixture("nasa-power-daily.json"));
        FetchObserver cancelled = new FetchObserver() {
            @Override
            public boolean cancelled() {
                return true;
            }
        };
        SourceException e = assertThrows(SourceException.class, () -> power().daily(fiveDays(), cancelled));
        assertEquals(SourceErrorCode.CANCELLED, e.code());
        assertEquals(0, server.count());
    }

    @Test
    void cancellingDuringASlowRequestEndsTheDownload() throws InterruptedException {
        server.on(DAILY, FixtureServer.Reply.hang());
        AtomicBoolean cancel = new AtomicBoolean();
        FetchObserver observer = new FetchObserver() {
            @Override
            public boolean cancelled() {
                return cancel.get();
            }
        };
        WeatherSource power = power();
        Thread canceller = new Thread(() -> {
            try {
                if (server.arrived.await(10, TimeUnit.SECONDS)) {
                    cancel.set(true);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();
        SourceException e = assertThrows(SourceException.class, () -> power.daily(fiveDays(), observer));
        canceller.join();
        assertEquals(SourceErrorCode.CANCELLED, e.code());
        assertEquals(1, server.count());
    }
}
