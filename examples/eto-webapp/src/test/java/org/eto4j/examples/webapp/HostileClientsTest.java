package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a browser's cache, a malformed request and slow clients get: {@code Cache-Control: no-store} on every
 * answer with task data or an error; the app's error JSON (never an HTML page naming a class) for what the server
 * refuses before the app sees it; and a server that keeps serving while a hundred connections trickle their
 * heads, and cuts off a body that arrives too slowly.
 */
class HostileClientsTest {
    private static final String STATION = "latitude=-7.5312&longitude=-46.0390&elevation=256";
    /** Generous bound for one answer while the slow clients are connected: answered, not fast. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(5);

    static WebApp app;
    static Http http;

    @BeforeAll
    static void start() {
        app = WebApp.start(WebAppConfig.defaults().withHttpPort(0)
                .withLimits(WebAppConfig.DEFAULT_MAX_BODY_BYTES, 2000, 1_000_000)
                .withMinRequestBytesPerSecond(1024)
                // The slow heads below must stay open through the test, however slow the machine: the deadline
                // itself is RequestHeadDeadlineTest's.
                .withRequestHeadTimeout(Duration.ofSeconds(120)));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyAnswerWithTaskDataOrAnErrorSaysNoStore() {
        HttpResponse<String> submitted = http.postCsv(STATION, Fixtures.sampleHead(20));
        assertEquals(202, submitted.statusCode(), submitted.body());
        assertNoStore(submitted);
        JsonNode task = Http.json(submitted);
        String token = task.get("token").asText();
        Http.awaitEnd(app, task.get("taskId").asText());
        String result = task.get("resultUrl").asText();
        for (HttpResponse<String> r : List.of(
                http.get(task.get("statusUrl").asText(), token),
                http.get(result, token),
                http.get(result + (result.contains("?") ? "&" : "?") + "format=csv", token),
                http.send(http.request(task.get("statusUrl").asText()).header("Authorization", "Bearer " + token)
                        .DELETE()),
                http.get(task.get("statusUrl").asText(), "wrong"),
                http.get("/api/v1/nothing-here", null),
                http.postCsv(STATION, "not,a,table"),
                http.get("/no-such-page", null),
                http.get("/health/nothing", null))) {
            assertTrue(r.statusCode() == 200 || r.statusCode() >= 400 || r.statusCode() == 202, r.toString());
            assertNoStore(r);
        }
    }

    @Test
    void requestsTheServerRefusesGetTheErrorJsonNeverAnHtmlPage() {
        String big = "X-Big: " + "a".repeat(WebAppConfig.DEFAULT_MAX_REQUEST_HEADER_BYTES + 100);
        List<String> requests = List.of(
                "GET /api/v1/%zz HTTP/1.1\nHost: localhost\nConnection: close\n\n",
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\nHost: localhost\nConnection: close\n\n",
                "POST /api/v1/calculations HTTP/1.1\nHost: localhost\nContent-Type: text/csv\nContent-Length: abc\n"
                        + "Connection: close\n\n",
                "POST /api/v1/calculations HTTP/1.1\nHost: localhost\nContent-Type: text/csv\nContent-Length: 5\n"
                        + "Content-Length: 7\nConnection: close\n\nabcde",
                "GET / HTTP/1.1\nHost: localhost\n" + big + "\nConnection: close\n\n",
                "BREW /api/v1/calculations HTTP/1.1\nHost: localhost\nConnection: close\n\n",
                "G@T / HTTP/1.1\nHost: localhost\nConnection: close\n\n",
                "GET / HTTP/1.1\nHost: bad host name\nConnection: close\n\n",
                "GET / HTTP/1.1\nHost: a\nHost: b\nConnection: close\n\n",
                "GET / HTTP/1.1\nConnection: close\n\n",
                "GET / HTTP/9.9\nHost: localhost\n\n",
                "GET http://[::1 HTTP/1.1\nHost: localhost\nConnection: close\n\n");
        for (String request : requests) {
            String answer;
            try {
                answer = RawHttp.exchange(app.httpPort(), request);
            } catch (RuntimeException closed) {
                continue; // the connection was closed without an answer: allowed
            }
            String what = request.substring(0, Math.min(60, request.indexOf('\n'))) + " -> " + answer;
            String lower = answer.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("<html") || lower.contains("exception") || lower.contains("org.eclipse")
                    || lower.contains("jetty"), what);
            if (answer.isEmpty()) {
                continue; // closed
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            if (status >= 400) {
                assertTrue(lower.contains("content-type: application/json"), what);
                assertTrue(RawHttp.body(answer).startsWith("{\"error\":{\"code\":\"WEB-"), what);
                assertTrue(lower.contains("cache-control: no-store"), what);
            }
        }
    }

    @Test
    void aHundredSlowLorisConnectionsDoNotStopThePageOrTheApi() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", app.httpPort()), 5_000);
                s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow-" + i + ": ")
                        .getBytes(StandardCharsets.ISO_8859_1));
                slow.add(s);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWERED_WITHIN).build();
            URI base = app.baseUri();
            int answered = 0;
            // Three rounds, each after every slow socket has sent one more byte (one a second).
            for (int round = 0; round < 3; round++) {
                for (Socket s : slow) {
                    s.getOutputStream().write('a');
                    s.getOutputStream().flush();
                }
                assertEquals(200, client.send(HttpRequest.newBuilder(base.resolve("/")).timeout(ANSWERED_WITHIN)
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                assertEquals(200, client.send(HttpRequest.newBuilder(base.resolve("/app.js")).timeout(ANSWERED_WITHIN)
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
                HttpResponse<String> submitted = client.send(HttpRequest.newBuilder(
                                base.resolve("/api/v1/calculations?" + STATION)).timeout(ANSWERED_WITHIN)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(Fixtures.sampleHead(30))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(202, submitted.statusCode(), submitted.body());
                JsonNode task = Http.json(submitted);
                Http.awaitEnd(app, task.get("taskId").asText());
                HttpResponse<String> result = client.send(HttpRequest.newBuilder(
                                base.resolve(task.get("resultUrl").asText())).timeout(ANSWERED_WITHIN)
                        .header("Authorization", "Bearer " + task.get("token").asText()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, result.statusCode(), result.body());
                answered += 4;
                Thread.sleep(1_000);
            }
            assertEquals(12, answered);
            // The slow heads are still open (nothing was answered to them yet): they cost sockets, not threads.
            int open = 0;
            for (Socket s : slow) {
                open += s.isClosed() ? 0 : 1;
            }
            assertEquals(100, open);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aBodyTrickledSlowerThanTheMinimumRateIsCutOff() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", app.httpPort()), 5_000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/calculations?" + STATION + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean cut = false;
            InputStream in = s.getInputStream();
            s.setSoTimeout(500);
            StringBuilder answer = new StringBuilder();
            // A valid header first (a bad one is refused at once), then a short row every 0.5 s.
            out.write("date,tmax,tmin\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            LocalDate day = LocalDate.of(2020, 1, 1);
            while (!cut && System.nanoTime() < deadline) {
                try {
                    out.write((day + ",31,22\n").getBytes(StandardCharsets.ISO_8859_1)); // 17 bytes every 0.5 s
                    day = day.plusDays(1);
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                try {
                    int b = in.read();
                    if (b < 0) {
                        cut = true;
                    } else {
                        answer.append((char) b);
                        byte[] rest = new byte[4096];
                        int n = in.read(rest);
                        answer.append(new String(rest, 0, Math.max(0, n), StandardCharsets.ISO_8859_1));
                        cut = true;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing yet
                } catch (IOException reset) {
                    cut = true;
                }
            }
            assertTrue(cut, "a body at 34 bytes/s is cut off when 1024 bytes/s are required");
            if (answer.length() > 0) {
                assertTrue(answer.toString().startsWith("HTTP/1.1 408 "), answer.toString());
                assertTrue(answer.toString().contains("\"code\":\"WEB-4080\""), answer.toString());
            }
        }
    }

    private static void assertNoStore(HttpResponse<String> r) {
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""),
                r.request().method() + " " + r.uri() + " -> " + r.statusCode() + " " + r.headers().map());
    }
}
