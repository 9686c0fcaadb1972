package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics}: eto4j's meters in the Prometheus text format, moving as calculations run and are followed. */
class MetricsTest {
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
    void countsMoveAsCalculationsRunAndAreFollowed() throws Exception {
        String before = scrape();
        double submitted = value(before, "eto_tasks_submitted_tasks_total", ApiServlet.TASK_TYPE);
        double succeeded = value(before, "eto_tasks_ended_tasks_total", ApiServlet.TASK_TYPE, "outcome=\"succeeded\"");
        double failed = value(before, "eto_tasks_ended_tasks_total", ApiServlet.TASK_TYPE, "outcome=\"failed\"");
        double sseFrames = value(before, "eto_transport_frames_sent_frames_total", "transport=\"sse\"");

        for (int i = 0; i < 2; i++) {
            JsonNode task = Http.json(http.postCsv(ApiTest.STATION, Fixtures.sampleHead(5)));
            Http.awaitEnd(app, task.get("taskId").asText());
            if (i == 0) {
                OnePortTest.readEvents(http, task.get("eventsUrl").asText(), task.get("token").asText());
            }
        }
        JsonNode bad = Http.json(http.postCsv(ApiTest.STATION, "date,tmax,tmin\n2020-01-01,20,25\n"));
        Http.awaitEnd(app, bad.get("taskId").asText());

        String after = scrape();
        assertEquals(submitted + 3, value(after, "eto_tasks_submitted_tasks_total", ApiServlet.TASK_TYPE), after);
        assertEquals(succeeded + 2,
                value(after, "eto_tasks_ended_tasks_total", ApiServlet.TASK_TYPE, "outcome=\"succeeded\""), after);
        assertEquals(failed + 1,
                value(after, "eto_tasks_ended_tasks_total", ApiServlet.TASK_TYPE, "outcome=\"failed\""),
                after);
        assertTrue(value(after, "eto_transport_frames_sent_frames_total", "transport=\"sse\"") >= sseFrames + 1, after);
        assertTrue(after.contains("jvm_memory_used_bytes"), "the JVM's meters too");
    }

    @Test
    void onlyGetAndHeadAreAnswered() {
        HttpResponse<String> post = http.send(http.request("/metrics").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, post.statusCode());
        assertEquals(404, http.get("/metrics/other", null).statusCode());
    }

    private static String scrape() {
        HttpResponse<String> r = http.get("/metrics", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        return r.body();
    }

    /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}; 0 if none. */
    private static double value(String scrape, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l.contains("=") ? l : "type=\"" + l + "\"");
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
