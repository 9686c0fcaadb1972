package org.eto4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the example does on any store, over real HTTP on the application's random port: a CSV is posted, the answer
 * is a ticket, and the calculation is followed to its end over Server-Sent Events and over WebSocket; Actuator
 * shows the eto4j health component and the {@code eto.tasks.submitted} count.
 */
abstract class LiveCalculationContract {
    /**
     * FAO-56 example 18 (Brussels, 6 July: 50°48'N, 100 m; Tmax 21.5, Tmin 12.3 °C, RHmax 84, RHmin 63 %,
     * u2 2.078 m/s, Rs 22.07 MJ m⁻² day⁻¹): ETo 3.9 mm/day (3.88 unrounded), twice.
     */
    static final String CSV = """
            date,tmax,tmin,rh_max,rh_min,u2,rs
            2024-07-06,21.5,12.3,84,63,2.078,22.07
            2024-07-07,21.5,12.3,84,63,2.078,22.07
            """;
    static final double LATITUDE = 50.8;
    static final double ELEVATION = 100;
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The demo throttle, so that most subscriptions see the task run (the assertions hold either way). */
    static final String THROTTLE = "example.delay-per-row=20ms";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    JsonNode submit(String csv) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("/calculations?latitude=" + LATITUDE
                                + "&elevation=" + ELEVATION))
                        .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode ticket = json.readTree(r.body());
        assertThat(ticket.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("taskId", "token", "eventsUrl", "websocketUrl");
        return ticket;
    }

    /** The SSE records ({@code event} name + {@code data}) of a task, read to the end of the response. */
    List<String[]> followOverSse(JsonNode ticket) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url(ticket.get("eventsUrl").asText()))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + ticket.get("token").asText())
                .build();
        CompletableFuture<List<String[]>> records = CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<java.util.stream.Stream<String>> r = http.send(request,
                        HttpResponse.BodyHandlers.ofLines());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
                List<String[]> out = new ArrayList<>();
                String[] event = {null};
                r.body().forEach(line -> {
                    if (line.startsWith("event: ")) {
                        event[0] = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        out.add(new String[] {event[0], line.substring(6)});
                    }
                });
                return out; // the server ended the response after the close record
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return records.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The WebSocket frames of a task (protocol v1: subscribe first) and the close code, until the server closes. */
    Frames followOverWebSocket(JsonNode ticket) throws Exception {
        Frames frames = new Frames();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + ticket.get("websocketUrl").asText()), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"subscribe\",\"token\":\"" + ticket.get("token").asText() + "\"}", true);
        frames.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return frames;
    }

    static final class Frames implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }

    double submittedCount() throws Exception {
        JsonNode metric = getJson("/actuator/metrics/eto.tasks.submitted");
        for (JsonNode m : metric.get("measurements")) {
            if (m.get("statistic").asText().equals("COUNT")) {
                return m.get("value").asDouble();
            }
        }
        throw new AssertionError(metric.toString());
    }

    /**
     * The task's terminal frame: {@code completed} or {@code failed} as it happened, or — when the task ended before
     * the subscription — the first snapshot, which then carries the outcome's fields ({@code result}, {@code error}).
     */
    static JsonNode terminal(List<JsonNode> frames) {
        for (JsonNode f : frames) {
            if (f.has("result") || f.has("error")) {
                return f;
            }
        }
        throw new AssertionError("no outcome in " + frames);
    }

    @Test
    void aPostedCsvIsFollowedOverServerSentEventsToItsResult() throws Exception {
        JsonNode ticket = submit(CSV);
        assertThat(ticket.get("eventsUrl").asText()).isEqualTo("/eto/events/" + ticket.get("taskId").asText());

        List<String[]> records = followOverSse(ticket);
        List<String> types = records.stream().map(r -> r[0]).toList();
        assertThat(types.get(0)).isEqualTo("snapshot");
        assertThat(types.get(types.size() - 1)).isEqualTo("close");
        List<JsonNode> frames = new ArrayList<>();
        for (String[] r : records.subList(0, records.size() - 1)) {
            frames.add(json.readTree(r[1]));
        }
        JsonNode end = terminal(frames);
        assertThat(end.get("type").asText()).isIn("completed", "snapshot");
        assertThat(end.get("result").get("days").asInt()).isEqualTo(2);
        assertThat(end.get("result").get("meanMm").asDouble()).isCloseTo(3.88, within(0.05));
        assertThat(json.readTree(records.get(records.size() - 1)[1]).get("code").asInt()).isEqualTo(1000);
    }

    @Test
    void aPostedCsvIsFollowedOverWebSocketToItsResult() throws Exception {
        JsonNode ticket = submit(CSV);
        assertThat(ticket.get("websocketUrl").asText()).isEqualTo("/eto/ws/" + ticket.get("taskId").asText());

        Frames frames = followOverWebSocket(ticket);
        assertThat(frames.closed.get()).isEqualTo(1000);
        List<JsonNode> parsed = new ArrayList<>();
        for (String t : frames.texts) {
            parsed.add(json.readTree(t));
        }
        assertThat(parsed.get(0).get("type").asText()).isEqualTo("snapshot");
        assertThat(terminal(parsed).get("result").get("meanMm").asDouble()).isCloseTo(3.88, within(0.05));
    }

    @Test
    void anInvalidRowFailsTheTaskWithEtoCoresCodeAndRow() throws Exception {
        JsonNode ticket = submit("date,tmax,tmin\n2024-07-06,21.5,12.3\n2024-07-07,10.0,12.3\n");
        List<JsonNode> frames = new ArrayList<>();
        for (String[] r : followOverSse(ticket)) {
            frames.add(json.readTree(r[1]));
        }
        JsonNode error = terminal(frames).get("error");
        assertThat(error.get("messageKey").asText()).isEqualTo("error.tmin_above_tmax");
        assertThat(error.get("row").asInt()).isEqualTo(1);
    }

    @Test
    void aTokenForAnotherTaskIsRefused() throws Exception {
        JsonNode a = submit(CSV);
        JsonNode b = submit(CSV);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(a.get("eventsUrl").asText() + "?token="
                        + URLEncoder.encode(b.get("token").asText(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json.readTree(r.body()).get("code").asInt()).isEqualTo(4403);
    }

    @Test
    void actuatorShowsTheEto4jHealthComponentUp() throws Exception {
        JsonNode eto4j = getJson("/actuator/health").get("components").get("eto4j");
        assertThat(eto4j.get("status").asText()).isEqualTo("UP");
        assertThat(eto4j.get("components").get("engine").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void actuatorCountsSubmittedTasks() throws Exception {
        double before = submittedCount();
        followOverSse(submit(CSV));
        followOverSse(submit(CSV));
        assertThat(submittedCount()).isEqualTo(before + 2);
    }
}
