package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy: links from the configured public base URL only, forwarded headers believed only from
 * trusted proxies, the rate limit per forwarded client, and the origins allowed to open the WebSocket and read
 * the event stream.
 */
class ReverseProxyTest {
    static final String BASE = "https://eto.example.org";

    private static WebAppConfig config(int perMinute) {
        return WebAppConfig.defaults().withHttpPort(0).withLimits(ApiTest.MAX_BODY, ApiTest.MAX_ROWS, perMinute);
    }

    private static HttpResponse<String> submit(Http http, String... headers) {
        return http.postCsv(ApiTest.STATION, Fixtures.sampleHead(2), headers);
    }

    @Test
    void aPublicBaseUrlGivesAbsoluteHttpsAndWssLinks() {
        try (WebApp app = WebApp.start(config(10_000).withProxy(BASE, List.of()))) {
            Http http = new Http(app.baseUri());
            HttpResponse<String> r = submit(http);
            assertEquals(202, r.statusCode(), r.body());
            JsonNode task = Http.json(r);
            String id = task.get("taskId").asText();
            assertEquals("wss://eto.example.org/ws/" + id, task.get("websocketUrl").asText());
            assertEquals(BASE + "/api/v1/events/" + id, task.get("eventsUrl").asText());
            assertEquals(BASE + "/api/v1/tasks/" + id, task.get("statusUrl").asText());
            assertEquals(BASE + "/api/v1/tasks/" + id + "/result", task.get("resultUrl").asText());
            assertEquals(BASE + "/api/v1/tasks/" + id, r.headers().firstValue("Location").orElseThrow());
            Http.awaitEnd(app, id);
            JsonNode status = Http.json(http.get("/api/v1/tasks/" + id, task.get("token").asText()));
            assertEquals("wss://eto.example.org/ws/" + id, status.get("websocketUrl").asText());
            assertEquals(BASE + "/api/v1/events/" + id, status.get("eventsUrl").asText());
        }
        try (WebApp plain = WebApp.start(config(10_000).withProxy("http://eto.lan:8000/eto", List.of()))) {
            JsonNode task = Http.json(submit(new Http(plain.baseUri())));
            assertEquals("ws://eto.lan:8000/eto/ws/" + task.get("taskId").asText(), task.get("websocketUrl").asText());
        }
    }

    @Test
    void noAbsoluteLinkIsTakenFromRequestHeaders() {
        try (WebApp app = WebApp.start(config(10_000).withProxy("", List.of("127.0.0.1")))) {
            HttpResponse<String> r = submit(new Http(app.baseUri()), "X-Forwarded-Host", "evil.example",
                    "X-Forwarded-Proto", "https", "Forwarded", "for=198.51.100.1;host=evil.example;proto=https");
            JsonNode task = Http.json(r);
            String id = task.get("taskId").asText();
            assertEquals("/ws/" + id, task.get("websocketUrl").asText());
            assertEquals("/api/v1/tasks/" + id, task.get("statusUrl").asText());
            assertEquals("/api/v1/tasks/" + id, r.headers().firstValue("Location").orElseThrow());
        }
    }

    @Test
    void forwardedHeadersOfAnUntrustedPeerAreIgnoredByTheRateLimit() {
        // No proxy trusted, or proxies elsewhere: the loopback peer is the client, whatever it forwards.
        for (List<String> trusted : List.of(List.<String>of(), List.of("10.0.0.0/8"))) {
            try (WebApp app = WebApp.start(config(3).withProxy("", trusted))) {
                Http http = new Http(app.baseUri());
                for (int i = 1; i <= 3; i++) {
                    assertEquals(202, submit(http, "X-Forwarded-For", "198.51.100." + i).statusCode());
                }
                assertEquals(429, submit(http, "X-Forwarded-For", "198.51.100.4").statusCode());
                assertEquals(429, submit(http, "Forwarded", "for=198.51.100.5").statusCode());
            }
        }
    }

    @Test
    void theRateLimitIsPerForwardedClientBehindATrustedProxy() {
        try (WebApp app = WebApp.start(config(30).withProxy("", List.of("127.0.0.1", "::1")))) {
            Http http = new Http(app.baseUri());
            // 31 users behind one proxy: each has its own 30 per minute.
            for (int i = 1; i <= 31; i++) {
                HttpResponse<String> r = submit(http, "X-Forwarded-For", "203.0.113.77, 198.51.100." + i);
                assertEquals(202, r.statusCode(), "client " + i + ": " + r.body());
            }
            // One of them goes over its own limit; RFC 7239's header names it as well.
            for (int i = 2; i <= 30; i++) {
                assertEquals(202, submit(http, "Forwarded", "for=198.51.100.1").statusCode(), "request " + i);
            }
            HttpResponse<String> over = submit(http, "Forwarded", "for=\"198.51.100.1:4711\"");
            assertEquals(429, over.statusCode(), over.body());
            assertEquals(202, submit(http, "X-Forwarded-For", "198.51.100.2").statusCode(), "the others are not");
        }
    }

    @Test
    void theWebSocketOriginFollowsThePublicBaseUrl() {
        try (WebApp app = WebApp.start(config(10_000).withProxy(BASE, List.of("127.0.0.1")))) {
            int port = app.httpPort();
            String host = "127.0.0.1:" + port;
            assertEquals("HTTP/1.1 101 Switching Protocols", RawHttp.handshake(port, "/ws/x", host,
                    "Origin: " + BASE));
            assertEquals("HTTP/1.1 101 Switching Protocols", RawHttp.handshake(port, "/ws/x", host),
                    "no Origin: not a browser");
            assertEquals("HTTP/1.1 403 Forbidden", RawHttp.handshake(port, "/ws/x", host,
                    "Origin: http://localhost:" + port));
            assertEquals("HTTP/1.1 403 Forbidden", RawHttp.handshake(port, "/ws/x", host,
                    "Origin: https://evil.example"));

            // The event stream: the public origin may read it across origins; others are refused.
            Http http = new Http(app.baseUri());
            JsonNode task = Http.json(submit(http));
            HttpRequest.Builder events = http.request("/api/v1/events/" + task.get("taskId").asText())
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + task.get("token").asText());
            Http.awaitEnd(app, task.get("taskId").asText());
            HttpResponse<String> allowed = http.send(events.copy().header("Origin", BASE));
            assertEquals(200, allowed.statusCode(), allowed.body());
            assertEquals(BASE, allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            HttpResponse<String> refused = http.send(events.copy().header("Origin", "https://evil.example"));
            assertEquals(403, refused.statusCode(), refused.body());
            assertFalse(refused.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        }
    }

    @Test
    void withoutConfiguredOriginsThePagesOwnOriginIsAllowedWhereverItIsReached() {
        try (WebApp app = WebApp.start(config(10_000))) {
            int port = app.httpPort();
            // As with --host 0.0.0.0 reached at a LAN name: the Origin matches the Host the request came to.
            assertEquals("HTTP/1.1 101 Switching Protocols", RawHttp.handshake(port, "/ws/x", "eto.lan:" + port,
                    "Origin: http://eto.lan:" + port));
            assertEquals("HTTP/1.1 403 Forbidden", RawHttp.handshake(port, "/ws/x", "eto.lan:" + port,
                    "Origin: http://evil.example:" + port));
            assertEquals("HTTP/1.1 403 Forbidden", RawHttp.handshake(port, "/ws/x", "eto.lan:" + port,
                    "Origin: https://eto.lan:" + port), "another scheme is another origin");
            // Forwarded scheme and host are not believed from an untrusted peer.
            assertEquals("HTTP/1.1 403 Forbidden", RawHttp.handshake(port, "/ws/x", "127.0.0.1:" + port,
                    "Origin: https://eto.example.org", "X-Forwarded-Proto: https",
                    "X-Forwarded-Host: eto.example.org", "X-Forwarded-For: 198.51.100.1"));
        }
        try (WebApp proxied = WebApp.start(config(10_000).withProxy("", List.of("127.0.0.1")))) {
            int port = proxied.httpPort();
            // Behind a trusted proxy without a public base URL: the origin the proxy says the client asked for.
            assertEquals("HTTP/1.1 101 Switching Protocols", RawHttp.handshake(port, "/ws/x", "127.0.0.1:" + port,
                    "Origin: https://eto.example.org", "X-Forwarded-Proto: https",
                    "X-Forwarded-Host: eto.example.org", "X-Forwarded-For: 198.51.100.1"));
        }
    }
}
