package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;

/** A plain HTTP client of the REST API (JDK {@code java.net.http}), for the API tests. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    final URI base;

    Http(URI base) {
        this.base = base;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery));
    }

    HttpResponse<String> postJson(String json, String... headers) {
        HttpRequest.Builder b = request("/api/v1/calculations").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(headers.length > 0 ? b.headers(headers) : b);
    }

    HttpResponse<String> postCsv(String query, String csv, String... headers) {
        HttpRequest.Builder b = request("/api/v1/calculations?" + query).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv));
        return send(headers.length > 0 ? b.headers(headers) : b);
    }

    /**
     * The WebSocket address of a {@code websocketUrl} as the API gives it: a path ({@code /ws/…}) on the app's
     * own host and HTTP port, as a browser resolves it against the page; an absolute one as it is.
     */
    URI webSocketUri(String websocketUrl) {
        if (websocketUrl.startsWith("/")) {
            return URI.create("ws://" + base.getHost() + ':' + base.getPort() + websocketUrl);
        }
        return URI.create(websocketUrl);
    }

    /** Subscribes to a task over the WebSocket with its token and returns the first frame (the snapshot). */
    JsonNode firstWebSocketFrame(String websocketUrl, String token) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = client.newWebSocketBuilder().buildAsync(webSocketUri(websocketUrl), new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    first.complete(text.toString());
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"subscribe\",\"token\":\"" + token + "\"}", true);
        try {
            return JSON.readTree(first.get(10, TimeUnit.SECONDS));
        } finally {
            ws.abort();
        }
    }

    /**
     * A status answer without its time stamp and without the links that a WebSocket snapshot {@code frame} does
     * not carry (a large result's {@code resultUrl} is in both); removes the frame's time stamp too.
     */
    static com.fasterxml.jackson.databind.node.ObjectNode snapshotOfStatus(JsonNode status,
            com.fasterxml.jackson.databind.node.ObjectNode frame) {
        com.fasterxml.jackson.databind.node.ObjectNode rest =
                (com.fasterxml.jackson.databind.node.ObjectNode) status.deepCopy();
        rest.remove("ts");
        frame.remove("ts");
        for (String link : java.util.List.of("websocketUrl", "eventsUrl", "statusUrl", "resultUrl")) {
            if (!frame.has(link)) {
                rest.remove(link);
            }
        }
        return rest;
    }

    HttpResponse<String> get(String url, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(url)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(headers.length > 0 ? b.headers(headers) : b);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls a task's status URL every 50 ms until it has ended, up to {@link #TIMEOUT}; for apps in another
     * process or tasks run by another app on the same database.
     *
     * @return the final status
     */
    JsonNode awaitEndByPolling(String statusUrl, String token) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = get(statusUrl, token);
            if (r.statusCode() != 200) {
                throw new AssertionError("status " + r.statusCode() + ": " + r.body());
            }
            JsonNode status = json(r);
            String state = status.get("state").asText();
            if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ended within " + TIMEOUT + ": " + status);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Waits (on an engine subscription, no polling) until the task has ended. */
    static void awaitEnd(WebApp app, String taskId) {
        CountDownLatch ended = new CountDownLatch(1);
        app.engine().subscribe(TaskId.of(taskId), event -> {
            if (event instanceof TaskEvent.Terminal
                    || event instanceof TaskEvent.Snapshot s && s.task().isTerminal()) {
                ended.countDown();
            }
        });
        try {
            if (!ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("task " + taskId + " did not end in " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
