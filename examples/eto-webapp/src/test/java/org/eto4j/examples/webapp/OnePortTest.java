package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything on one port: the WebSocket upgrade and the event stream beside the page and the API, the health
 * checks, the server's own errors as the app's JSON, and a stop that ends every stream with 1001.
 */
class OnePortTest {
    static WebApp app;
    static Http http;

    @BeforeAll
    static void start() {
        app = WebApp.start(WebAppConfig.defaults().withHttpPort(0)
                .withLimits(ApiTest.MAX_BODY, ApiTest.MAX_ROWS, 10_000));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theWebSocketUpgradesOnTheHttpPort() {
        JsonNode task = Http.json(http.postCsv(ApiTest.STATION, Fixtures.sampleHead(3)));
        String status = RawHttp.handshake(app.httpPort(), task.get("websocketUrl").asText(),
                "127.0.0.1:" + app.httpPort());
        assertEquals("HTTP/1.1 101 Switching Protocols", status);
        // A plain GET of the same path is no page.
        assertEquals(404, http.get(task.get("websocketUrl").asText(), null).statusCode());
    }

    @Test
    void theEventStreamOnTheHttpPortDeliversTheTaskToItsTerminalEvent() throws Exception {
        JsonNode task = Http.json(http.postCsv(ApiTest.STATION, Fixtures.sampleHead(30)));
        List<String[]> events = readEvents(http, task.get("eventsUrl").asText(), task.get("token").asText());
        assertEquals("snapshot", events.get(0)[0]);
        String[] close = events.get(events.size() - 1);
        assertEquals("close", close[0]);
        assertEquals(1000, Http.JSON.readTree(close[1]).get("code").asInt());
        String[] terminal = events.get(events.size() - 2);
        JsonNode end = Http.JSON.readTree(terminal[1]);
        if (terminal[0].equals("snapshot")) {
            assertEquals("succeeded", end.get("state").asText(), "the task had ended before the stream began");
        } else {
            assertEquals("completed", terminal[0]);
        }
        assertEquals(task.get("taskId").asText(), end.get("taskId").asText());
        assertEquals(30, end.get("result").get("days").asInt());
    }

    /** Reads an event stream to its end: each event's type and data. */
    static List<String[]> readEvents(Http http, String eventsUrl, String token) throws Exception {
        HttpRequest request = http.request(eventsUrl).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> r = http.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        CompletableFuture<List<String[]>> read = CompletableFuture.supplyAsync(() -> {
            List<String[]> events = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String type = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        type = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new String[] {type, line.substring(6)});
                        if ("close".equals(type)) {
                            break;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return events;
        });
        return read.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theHealthChecksAnswerWithoutAToken() {
        HttpResponse<String> live = http.get("/health/live", null);
        assertEquals(200, live.statusCode());
        assertEquals("{\"status\":\"UP\"}", live.body());
        HttpResponse<String> ready = http.get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("{\"status\":\"UP\",\"checks\":{\"engine\":\"UP\",\"store\":\"UP\"}}", ready.body());
        assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<String> other = http.get("/health/other", null);
        assertEquals(404, other.statusCode());
        assertEquals("WEB-4040", Http.json(other).get("error").get("code").asText());
    }

    @Test
    void theServersOwnErrorsAreTheAppsJsonNeverAnHtmlPage() {
        String badUri = RawHttp.exchange(app.httpPort(), "GET /api/v1/tasks/%zz HTTP/1.1\nHost: localhost\n\n");
        assertTrue(badUri.startsWith("HTTP/1.1 400"), badUri);
        assertJsonError(badUri, "WEB-4000");

        String bigHeader = RawHttp.exchange(app.httpPort(), "GET / HTTP/1.1\nHost: localhost\nX-Big: "
                + "x".repeat(WebAppConfig.DEFAULT_MAX_REQUEST_HEADER_BYTES + 10) + "\n\n");
        assertTrue(bigHeader.startsWith("HTTP/1.1 431"), bigHeader);
        assertJsonError(bigHeader, "WEB-4310");

        String pt = RawHttp.exchange(app.httpPort(), "GET /a/%2e%2e/%2e%2e/etc HTTP/1.1\nHost: localhost\n"
                + "Accept-Language: pt-BR\nConnection: close\n\n");
        assertTrue(pt.startsWith("HTTP/1.1 400") || pt.startsWith("HTTP/1.1 404"), pt);
        assertFalse(pt.contains("<html") || pt.contains("org.eclipse") || pt.contains("Exception"), pt);
    }

    private static void assertJsonError(String answer, String code) {
        assertFalse(answer.contains("<html") || answer.contains("org.eclipse") || answer.contains("Exception"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), answer);
        JsonNode error;
        try {
            error = Http.JSON.readTree(RawHttp.body(answer)).get("error");
        } catch (java.io.IOException e) {
            throw new AssertionError(answer, e);
        }
        assertEquals(code, error.get("code").asText(), answer);
        assertFalse(error.get("message").asText().isBlank());
    }

    @Test
    void aStopEndsEveryWebSocketAndEventStreamWith1001() throws Exception {
        try (WebApp slow = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withDemoDelayPerRowMicros(2000))) {
            Http h = new Http(slow.baseUri());
            JsonNode task = Http.json(h.postCsv(ApiTest.STATION, Fixtures.sampleCsv()));
            String token = task.get("token").asText();
            CompletableFuture<Integer> wsClosed = new CompletableFuture<>();
            CompletableFuture<Void> wsFirst = new CompletableFuture<>();
            WebSocket ws = h.client.newWebSocketBuilder().buildAsync(h.webSocketUri(task.get("websocketUrl").asText()),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            wsFirst.complete(null);
                            socket.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                            wsClosed.complete(statusCode);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + token + "\"}", true);
            wsFirst.get(10, TimeUnit.SECONDS);
            CompletableFuture<List<String[]>> sse = CompletableFuture.supplyAsync(() -> {
                try {
                    return readEvents(h, task.get("eventsUrl").asText(), token);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Both streams are open once the transports count both subscriptions.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (slow.liveUpdateStats().openSubscriptions() < 2 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            assertEquals(2, slow.liveUpdateStats().openSubscriptions());
            slow.close();
            assertEquals(1001, wsClosed.get(10, TimeUnit.SECONDS));
            List<String[]> events = sse.get(15, TimeUnit.SECONDS);
            String[] last = events.get(events.size() - 1);
            assertEquals("close", last[0]);
            assertEquals(1001, Http.JSON.readTree(last[1]).get("code").asInt());
        }
    }
}
