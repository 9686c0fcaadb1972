package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Strict input on a real server: trailing JSON content is refused, control characters never reach the CSV
 * export, and the bound of upload bytes in flight answers 503 with Retry-After while it is used up.
 */
class StrictUploadTest {
    static final String STATION = "latitude=-7.5312&longitude=-46.0390&elevation=256";
    static final String ROW = "{\"date\":\"2016-01-01\",\"tmax\":31.88,\"tmin\":23.78}";
    static final String BODY = "{\"latitude\":-7.5312,\"elevation\":256,\"rows\":[" + ROW + "]}";

    @Test
    void trailingJsonContentIsA400AndControlCharactersNeverReachTheExport() {
        try (WebApp app = WebApp.start(WebAppConfig.defaults().withHttpPort(0))) {
            Http http = new Http(app.baseUri());
            for (String bad : new String[] {BODY + " {\"latitude\":95}", BODY + "garbage", BODY + "]"}) {
                HttpResponse<String> r = http.postJson(bad);
                assertEquals(400, r.statusCode(), bad);
                assertEquals("WEB-4000", Http.json(r).get("error").get("code").asText());
            }
            HttpResponse<String> ok = http.postJson(BODY.replace("{\"latitude\"",
                    "{\"name\":\"Bal\\r\\nsas\\u0000\\u001b[31m\",\"latitude\""));
            assertEquals(202, ok.statusCode(), ok.body());
            JsonNode task = Http.json(ok);
            Http.awaitEnd(app, task.get("taskId").asText());
            String csv = http.get(task.get("resultUrl").asText() + "?format=csv&lang=en", task.get("token").asText())
                    .body();
            String[] lines = csv.split("\r\n");
            assertEquals(2, lines.length, csv);
            assertTrue(lines[1].startsWith("Balsas[31m,2016-01-01,"), lines[1]);
            assertTrue(csv.chars().noneMatch(c -> c < 0x20 && c != '\r' && c != '\n'), csv);
        }
    }

    @Test
    void uploadsOverTheBoundOfBytesInFlightGet503WithRetryAfterUntilItFrees() throws IOException {
        // 48 KiB in flight at most (the body limit: a smaller bound is raised to it); a 30 KiB upload held
        // half-sent uses most of it.
        try (WebApp app = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withLimits(48 * 1024, 100_000, 10_000)
                .withMaxUploadBytesInFlight(20 * 1024))) {
            Http http = new Http(app.baseUri());
            String csv = Fixtures.sampleHead(700);
            byte[] body = csv.getBytes(StandardCharsets.UTF_8);
            assertTrue(body.length > 24 * 1024 && body.length < 40 * 1024, "body " + body.length);
            try (Socket slow = new Socket()) {
                slow.connect(new InetSocketAddress("127.0.0.1", app.httpPort()), 5_000);
                slow.setSoTimeout(10_000);
                OutputStream out = slow.getOutputStream();
                out.write(("POST /api/v1/calculations?" + STATION + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, body.length / 2);
                out.flush();
                // Let the server start reading it (a probe that came first would take the room itself).
                sleep(500);
                // The held upload reserved its declared length: another that does not fit is refused at once.
                HttpResponse<String> refused = awaitRefusal(http, csv);
                assertEquals(503, refused.statusCode());
                assertEquals("WEB-5030", Http.json(refused).get("error").get("code").asText());
                assertEquals(ApiServlet.UPLOADS_RETRY_AFTER_SECONDS,
                        refused.headers().firstValue("Retry-After").orElse(""));
                // A small one still fits.
                assertEquals(202, http.postCsv(STATION, Fixtures.sampleHead(5)).statusCode());

                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                String answer = readAnswer(slow.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 202"), answer);
            }
            // The held upload gave its bytes back.
            assertEquals(202, http.postCsv(STATION, csv).statusCode());
        }
    }

    /** The server may not have read the held upload's headers yet: retried briefly until it has. */
    private static HttpResponse<String> awaitRefusal(Http http, String csv) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            HttpResponse<String> r = http.postCsv(STATION, csv);
            if (r.statusCode() == 503 || System.nanoTime() > deadline) {
                return r;
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            String text = out.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int cl = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
                if (cl >= 0) {
                    int len = Integer.parseInt(text.substring(cl + 15, text.indexOf("\r\n", cl)).trim());
                    if (out.size() - (end + 4) >= len) {
                        return text;
                    }
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
