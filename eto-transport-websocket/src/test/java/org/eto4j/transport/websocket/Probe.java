package org.eto4j.transport.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eto4j.transport.testkit.Await;

/** A protocol-level test client on the JDK WebSocket: records every server frame and the close code. */
final class Probe implements WebSocket.Listener {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;
    volatile WebSocket ws;
    private final StringBuilder text = new StringBuilder();

    static Probe open(URI uri) {
        return open(uri, null);
    }

    static Probe open(URI uri, String origin) {
        Probe p = new Probe();
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            b.header("Origin", origin);
        }
        p.ws = b.buildAsync(uri, p).join();
        return p;
    }

    Probe send(String message) {
        ws.sendText(message, true).join();
        return this;
    }

    Probe subscribe(String token) {
        return send("{\"type\":\"subscribe\",\"token\":\"" + token + "\"}");
    }

    Probe subscribe(String token, long sinceSeq) {
        return send("{\"type\":\"subscribe\",\"token\":\"" + token + "\",\"sinceSeq\":" + sinceSeq + "}");
    }

    int awaitClose() {
        try {
            return closeCode.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no close frame; frames so far: " + frames, e);
        }
    }

    JsonNode awaitFrame(Predicate<JsonNode> p, String what) {
        Await.until(() -> frames.stream().anyMatch(p), Duration.ofSeconds(20), () -> what + " in " + frames);
        return frames.stream().filter(p).findFirst().orElseThrow();
    }

    static Predicate<JsonNode> type(String type) {
        return f -> type.equals(f.path("type").asText());
    }

    List<String> types() {
        List<String> out = new ArrayList<>();
        for (JsonNode f : frames) {
            out.add(f.path("type").asText());
        }
        return out;
    }

    /** Checks the common envelope of every frame and that seq never decreases. */
    void assertEnvelopes(String taskId) {
        long last = -1;
        for (JsonNode f : frames) {
            if (f.path("v").asInt() != 1 || !taskId.equals(f.path("taskId").asText()) || !f.has("seq")
                    || !f.path("seq").isIntegralNumber()) {
                throw new AssertionError("bad envelope: " + f);
            }
            Instant.parse(f.path("ts").asText()); // ISO-8601 UTC, e.g. 2026-11-28T21:00:00.123Z
            if (!f.path("ts").asText().endsWith("Z")) {
                throw new AssertionError("ts not UTC: " + f);
            }
            long seq = f.path("seq").asLong();
            if (seq < last) {
                throw new AssertionError("seq went down from " + last + " in " + f + "; all: " + frames);
            }
            last = seq;
        }
    }

    void abort() {
        ws.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(text.toString()));
            } catch (Exception e) {
                frames.add(JSON.getNodeFactory().textNode("UNPARSABLE " + text));
            }
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }
}
