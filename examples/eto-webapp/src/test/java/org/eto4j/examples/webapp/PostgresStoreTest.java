package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eto4j.progress.postgres.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app on the PostgreSQL store (a real server: embedded PostgreSQL, or {@code ETO4J_TEST_JDBC_URL}):
 * results and tokens survive a restart of the app, and two apps on one database serve each other's tasks.
 * Every number is compared with eto-core's own {@code Fao56.daily} for the same input.
 */
class PostgresStoreTest {
    /** The token key both "nodes" share (32 bytes, base64). */
    static final String KEY = Base64.getEncoder().encodeToString(
            "eto4j-webapp-test-key-32-bytes!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    static final String OTHER_KEY = Base64.getEncoder().encodeToString(
            "another-key-of-thirty-two-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    static final String STATION = "latitude=-7.5312&longitude=-46.0390&elevation=256";

    static TestDatabase db;

    @BeforeAll
    static void database() {
        db = TestDatabase.create();
    }

    @Test
    void resultsAndTokensSurviveARestartOfTheApp() throws Exception {
        String taskId;
        String token;
        JsonNode resultBefore;
        String csvBefore;
        try (WebApp first = WebApp.start(config(db, KEY))) {
            Http http = new Http(first.baseUri());
            JsonNode task = submit(http, Fixtures.sampleCsv());
            taskId = task.get("taskId").asText();
            token = task.get("token").asText();
            JsonNode status = awaitEnd(http, task);
            assertEquals("succeeded", status.get("state").asText());
            resultBefore = okJson(http.get(task.get("resultUrl").asText(), token));
            csvBefore = ok(http.get(task.get("resultUrl").asText() + "?format=csv", token,
                    "Accept-Language", "pt-BR")).body();
        }
        assertEquals(List.of("succeeded"), db.query("SELECT state FROM eto_task WHERE id = '" + taskId + "'"),
                "the task and its result are in the database");
        awaitNoConnections();

        try (WebApp second = WebApp.start(config(db, KEY))) {
            Http http = new Http(second.baseUri());
            JsonNode status = okJson(http.get("/api/v1/tasks/" + taskId, token));
            assertEquals("succeeded", status.get("state").asText(), "the old token still opens the task");
            assertEquals(Fixtures.SAMPLE_DAYS, status.get("progress").get("done").asInt());
            // Five years of rows are larger than a status answer carries: it links to the result instead.
            assertEquals("/api/v1/tasks/" + taskId + "/result", status.get("resultUrl").asText());
            assertFalse(status.has("result"));

            ObjectNode socket = (ObjectNode) http.firstWebSocketFrame(
                    "ws://localhost:" + second.httpPort() + "/ws/" + taskId, token);
            ObjectNode rest = Http.snapshotOfStatus(status, socket);
            assertEquals(rest, socket, "the WebSocket links to a large result by the same rule");

            JsonNode result = okJson(http.get("/api/v1/tasks/" + taskId + "/result", token));
            assertEquals(resultBefore, result, "the same result after the restart");
            assertSampleEqualsEtoCore(result, Fixtures.SAMPLE_DAYS);
            assertEquals(csvBefore, ok(http.get("/api/v1/tasks/" + taskId + "/result?format=csv", token,
                    "Accept-Language", "pt-BR")).body(), "the same CSV after the restart");
            assertTrue(csvBefore.startsWith("\uFEFFdate;eto_mm_day;flags\r\n2016-01-01;"
                    + Fixtures.fixed(Fixtures.expectedSampleEto().get(LocalDate.of(2016, 1, 1)), 4, ',') + ";"),
                    csvBefore.substring(0, 60));
        }

        try (WebApp otherKey = WebApp.start(config(db, OTHER_KEY))) {
            HttpResponse<String> refused = new Http(otherKey.baseUri()).get("/api/v1/tasks/" + taskId, token);
            assertEquals(403, refused.statusCode(), "a token is valid only under the key that signed it");
        }
    }

    @Test
    void twoAppsOnOneDatabaseServeEachOthersTasks() throws Exception {
        try (WebApp a = WebApp.start(config(db, KEY)); WebApp b = WebApp.start(config(db, KEY))) {
            Http onA = new Http(a.baseUri());
            Http onB = new Http(b.baseUri());

            JsonNode task = submit(onA, Fixtures.sampleHead(90));
            String id = task.get("taskId").asText();
            String token = task.get("token").asText();
            JsonNode status = awaitEnd(onB, "/api/v1/tasks/" + id, token);
            assertEquals("succeeded", status.get("state").asText());
            assertEquals(90, status.get("result").get("days").asInt(), "a small result is carried inline");
            JsonNode fromB = okJson(onB.get("/api/v1/tasks/" + id + "/result", token));
            assertSampleEqualsEtoCore(fromB, 90);
            assertEquals(okJson(onA.get("/api/v1/tasks/" + id + "/result", token)), fromB);

            // B's WebSocket gives the same snapshot as B's status URL for a task submitted on A.
            ObjectNode socket = (ObjectNode) onB.firstWebSocketFrame(
                    "ws://localhost:" + b.httpPort() + "/ws/" + id, token);
            ObjectNode rest = Http.snapshotOfStatus(okJson(onB.get("/api/v1/tasks/" + id, token)), socket);
            assertEquals(rest, socket);

            // An input error found on whichever node ran the task is answered with its field and row by both.
            String bad = Fixtures.sampleHead(5).replaceFirst("\n(2016-01-03),[^,\n]*,", "\n$1,abc,");
            JsonNode failing = submit(onB, bad);
            String failingId = failing.get("taskId").asText();
            String failingToken = failing.get("token").asText();
            assertEquals("failed", awaitEnd(onA, "/api/v1/tasks/" + failingId, failingToken).get("state").asText());
            for (Http node : List.of(onA, onB)) {
                HttpResponse<String> r = node.get("/api/v1/tasks/" + failingId + "/result", failingToken,
                        "Accept-Language", "en");
                assertEquals(422, r.statusCode(), r.body());
                JsonNode error = Http.json(r).get("error");
                assertEquals("ETO-2003", error.get("code").asText());
                assertEquals("tmax", error.get("field").asText());
                assertEquals(3, error.get("row").asInt());
                assertEquals("error.malformed_number", error.get("messageKey").asText());
                assertEquals(2, error.get("args").size(), "eto-core's arguments only: " + error);
                assertTrue(error.get("message").asText().startsWith("Row 3"), error.toString());
            }
        }
    }

    @Test
    void aCancelOnOneAppStopsTheTaskWhereverItRuns() {
        // The demo throttle (2 ms per record and stage) keeps five years running for about 15 s.
        WebAppConfig slow = config(db, KEY).withDemoDelayPerRowMicros(2000);
        try (WebApp a = WebApp.start(slow); WebApp b = WebApp.start(slow)) {
            Http onA = new Http(a.baseUri());
            Http onB = new Http(b.baseUri());
            JsonNode task = submit(onA, Fixtures.sampleCsv());
            String status = "/api/v1/tasks/" + task.get("taskId").asText();
            String token = task.get("token").asText();
            long deadline = System.nanoTime() + Http.TIMEOUT.toNanos();
            while (okJson(onB.get(status, token)).get("progress").get("done").asInt() == 0) {
                assertTrue(System.nanoTime() < deadline, "the task started");
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
            HttpResponse<String> cancel = onB.send(onB.request(status)
                    .header("Authorization", "Bearer " + token).DELETE());
            assertEquals(202, cancel.statusCode(), cancel.body());
            JsonNode end = awaitEnd(onA, status, token);
            assertEquals("cancelled", end.get("state").asText());
            assertEquals(409, onA.get(status + "/result", token).statusCode(), "a cancelled task has no result");
        }
    }

    @Test
    void bothNodesRunQueuedWorkAndEveryTaskRunsOnce() {
        try (WebApp a = WebApp.start(config(db, KEY)); WebApp b = WebApp.start(config(db, KEY))) {
            Http onA = new Http(a.baseUri());
            Http onB = new Http(b.baseUri());
            List<JsonNode> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(submit(i % 2 == 0 ? onA : onB, Fixtures.sampleHead(20 + i)));
            }
            for (int i = 0; i < tasks.size(); i++) {
                JsonNode t = tasks.get(i);
                Http reader = i % 2 == 0 ? onB : onA;
                JsonNode status = awaitEnd(reader, "/api/v1/tasks/" + t.get("taskId").asText(),
                        t.get("token").asText());
                assertEquals("succeeded", status.get("state").asText());
                assertEquals(20 + i, status.get("result").get("days").asInt());
            }
            String ids = String.join(",", tasks.stream().map(t -> "'" + t.get("taskId").asText() + "'").toList());
            Set<String> completed = Set.copyOf(db.query("SELECT task_id || ':' || count(*) FROM eto_task_event "
                    + "WHERE type = 'completed' AND task_id IN (" + ids + ") GROUP BY task_id"));
            assertEquals(tasks.size(), completed.size());
            assertTrue(completed.stream().allMatch(s -> s.endsWith(":1")), "one terminal event per task: " + completed);
        }
    }

    // ---- helpers ----

    /** Polls, up to 30 s, until no session but this query's own is connected to the test database. */
    private static void awaitNoConnections() {
        long deadline = System.nanoTime() + Http.TIMEOUT.toNanos();
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()";
        while (!db.query(sql).equals(List.of("0"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the closed app left connections open: " + db.query(
                        "SELECT application_name || ' ' || state FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }

    /** Each row's ETo equals eto-core's for the sample's day; the summary adds them up. */
    private static void assertSampleEqualsEtoCore(JsonNode result, int days) {
        Map<LocalDate, Double> expected = Fixtures.expectedSampleEto();
        JsonNode rows = result.get("rows");
        assertEquals(days, rows.size());
        double total = 0;
        for (JsonNode row : rows) {
            LocalDate date = LocalDate.parse(row.get("date").asText());
            assertEquals(expected.get(date), row.get("eto").asDouble(), "ETo of " + date);
            total += expected.get(date);
        }
        JsonNode summary = result.get("summary");
        assertEquals(days, summary.get("days").asInt());
        assertEquals(total, summary.get("total").asDouble(), 1e-9);
        assertEquals(total / days, summary.get("mean").asDouble(), 1e-12);
    }

    private static JsonNode submit(Http http, String csv) {
        HttpResponse<String> r = http.postCsv(STATION, csv);
        assertEquals(202, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static JsonNode awaitEnd(Http http, JsonNode task) {
        return awaitEnd(http, task.get("statusUrl").asText(), task.get("token").asText());
    }

    private static JsonNode awaitEnd(Http http, String statusUrl, String token) {
        return http.awaitEndByPolling(statusUrl, token);
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static JsonNode okJson(HttpResponse<String> r) {
        return Http.json(ok(r));
    }

    /** The web app's configuration on the test database (any free ports). */
    static WebAppConfig config(TestDatabase db, String tokenKey) {
        return WebAppConfig.defaults().withHttpPort(0).withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, 10_000, 10_000)
                .withPostgres(db.url(), db.user(), db.password(), tokenKey);
    }
}
