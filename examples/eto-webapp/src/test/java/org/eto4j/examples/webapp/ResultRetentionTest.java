package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Results under load with a deliberately small memory store: every accepted calculation's result stays readable
 * with its token (none lost), and a store full of results it promised to keep refuses new work with 503
 * {@code WEB-5031} and Retry-After instead of dropping one.
 */
class ResultRetentionTest {
    private static final String STATION = "latitude=-7.5312&longitude=-46.0390&elevation=256";
    /** The 5-year sample's weight in the store: its rows plus the per-task overhead. */
    private static final long SAMPLE_WEIGHT = TaskStores.expectedWeight(
            Map.of("table", Fixtures.sampleCsv().strip()), 2000);

    private static WebAppConfig config(Duration minimumRetention, long results) {
        return WebAppConfig.defaults().withHttpPort(0)
                .withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, 2000, 1_000_000)
                .withResultRetention(minimumRetention, results * SAMPLE_WEIGHT);
    }

    @Test
    void aFullStoreRefusesNewWorkWith503AndRetryAfterAndKeepsEveryAcceptedResult() {
        try (WebApp app = WebApp.start(config(Duration.ofMinutes(15), 3))) {
            Http http = new Http(app.baseUri());
            String csv = Fixtures.sampleCsv();
            List<JsonNode> accepted = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> r = http.postCsv(STATION, csv);
                if (r.statusCode() == 202) {
                    JsonNode task = Http.json(r);
                    accepted.add(task);
                    Http.awaitEnd(app, task.get("taskId").asText());
                } else {
                    assertFull(r);
                    refused++;
                }
            }
            assertEquals(3, accepted.size(), "as many as fit");
            assertEquals(5, refused);
            // Read every result (twice): reading within the minimum retention frees nothing, so still full.
            for (int round = 0; round < 2; round++) {
                for (JsonNode task : accepted) {
                    HttpResponse<String> result = http.get(task.get("resultUrl").asText(), task.get("token").asText());
                    assertEquals(200, result.statusCode(), result.body());
                    assertEquals(Fixtures.SAMPLE_DAYS, Http.json(result).get("rows").size());
                }
            }
            assertFull(http.postCsv(STATION, csv));
        }
    }

    @Test
    void underConcurrentLoadNoAcceptedResultIsLost() throws Exception {
        int clients = 32;
        int tasksPerClient = 5;
        // Room for six results; results that were read may go at once (minimum retention 0), unread ones stay.
        try (WebApp app = WebApp.start(config(Duration.ZERO, 6))) {
            String csv = Fixtures.sampleCsv();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refusals = new AtomicInteger();
            Map<String, String> lost = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
            long capacity = 6 * SAMPLE_WEIGHT;
            try {
                // Samples the held weight from /metrics while the clients run.
                pool.submit(() -> {
                    Http metrics = new Http(app.baseUri());
                    while (running.get()) {
                        peak.accumulateAndGet(held(metrics), Math::max);
                        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                    }
                    return null;
                });
                List<Future<?>> runs = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    runs.add(pool.submit(() -> {
                        Http http = new Http(app.baseUri());
                        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                        int done = 0;
                        while (done < tasksPerClient) {
                            HttpResponse<String> r = http.postCsv(STATION, csv);
                            if (r.statusCode() != 202) {
                                assertBusy(r);
                                refusals.incrementAndGet();
                                assertTrue(System.nanoTime() < deadline, "no room within 90 s");
                                // A client honouring Retry-After waits 30 s; this one retries soon to keep the test
                                // short.
                                LockSupport.parkNanos(Duration.ofMillis(20 + (long) (Math.random() * 80)).toNanos());
                                continue;
                            }
                            accepted.incrementAndGet();
                            JsonNode task = Http.json(r);
                            String token = task.get("token").asText();
                            JsonNode end = http.awaitEndByPolling(task.get("statusUrl").asText(), token);
                            assertEquals("succeeded", end.get("state").asText(), end.toString());
                            HttpResponse<String> result = http.get(task.get("resultUrl").asText(), token);
                            if (result.statusCode() != 200
                                    || Http.json(result).get("rows").size() != Fixtures.SAMPLE_DAYS) {
                                lost.put(task.get("taskId").asText(), result.statusCode() + " " + result.body());
                            }
                            done++;
                        }
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(120, TimeUnit.SECONDS);
                }
            } finally {
                running.set(false);
                pool.shutdownNow();
            }
            assertEquals(Map.of(), lost, "results lost");
            assertEquals(clients * tasksPerClient, accepted.get());
            // Memory stays bounded: admission and submission are one step, and a task never holds more than it
            // reserved.
            assertTrue(peak.get() <= capacity, "peak " + peak.get() + " of " + capacity + " rows");
            assertTrue(peak.get() > 0, "the gauge moved");
            System.out.printf("[retention] %d accepted, %d refused with 503 WEB-5031 while full, peak %d of %d rows%n",
                    accepted.get(), refusals.get(), peak.get(), capacity);
        }
    }

    /** The memory store's held rows, from the {@code eto_webapp_results_held_rows} gauge. */
    private static long held(Http http) {
        for (String line : http.get("/metrics", null).body().split("\n")) {
            if (line.startsWith("eto_webapp_results_held_rows ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no eto_webapp_results_held_rows gauge");
    }

    @Test
    void theRetentionOptionsAreReadFromFlagsAndEnvironment() {
        WebAppConfig c = WebAppConfig.parse(new String[] {"--result-retention-minutes", "5",
                "--result-capacity-rows", "123456"}, Map.of("ETO_MIN_REQUEST_BYTES_PER_SECOND", "0"));
        assertEquals(Duration.ofMinutes(5), c.resultRetention());
        assertEquals(123456, c.resultCapacityRows());
        assertEquals(0, c.minRequestBytesPerSecond());
        assertEquals(WebAppConfig.DEFAULT_RESULT_RETENTION, WebAppConfig.defaults().resultRetention());
        assertTrue(WebAppConfig.help().contains("--result-retention-minutes"));
        assertEquals(123456, c.resultCapacityRowsLimit(), "a configured capacity wins");
    }

    @Test
    void byDefaultTheStoreHoldsAThirdOfTheHeapInResultRows() {
        WebAppConfig c = WebAppConfig.defaults();
        assertEquals(0, c.resultCapacityRows());
        assertEquals(Runtime.getRuntime().maxMemory() / 3 / ResultRows.BYTES_PER_ROW, c.resultCapacityRowsLimit());
        assertEquals(20, WebAppConfig.RESULT_ROW_BYTES);
        assertTrue(WebAppConfig.help().contains("a third of the heap"), WebAppConfig.help());
    }

    /**
     * A documented "try again" of a loaded server: the store is full ({@link #assertFull}), or every upload slot
     * is taken by 32 clients uploading at once on a loaded machine ({@code WEB-5030}, 503 with Retry-After).
     */
    private static void assertBusy(HttpResponse<String> r) {
        if (r.statusCode() == 503 && Http.json(r).get("error").get("code").asText().equals("WEB-5030")) {
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.body());
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
            return;
        }
        assertFull(r);
    }

    private static void assertFull(HttpResponse<String> r) {
        assertEquals(503, r.statusCode(), r.body());
        assertEquals("WEB-5031", Http.json(r).get("error").get("code").asText(), r.body());
        assertEquals(String.valueOf(ApiServlet.FULL_RETRY_AFTER_SECONDS),
                r.headers().firstValue("Retry-After").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }
}
