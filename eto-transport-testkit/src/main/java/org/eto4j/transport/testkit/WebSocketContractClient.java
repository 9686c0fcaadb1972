package org.eto4j.transport.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The WebSocket client of the contract, on {@link java.net.http.WebSocket}: one message requested at a time. */
final class WebSocketContractClient extends RecordingClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompletableFuture<WebSocket> socket;
    private final StringBuilder text = new StringBuilder();

    WebSocketContractClient(HttpClient http, URI endpoint, SubscribeRequest request) {
        super(TransportUnderTest.Kind.WEBSOCKET);
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
        if (request.origin() != null) {
            b.header("Origin", request.origin());
        }
        socket = b.buildAsync(endpoint, this).whenComplete((ws, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof WebSocketHandshakeException h) {
                    httpStatus = h.getResponse().statusCode();
                    end(Ending.REFUSED, ContractClients.closeCodeOfStatus(httpStatus), null);
                } else {
                    end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
                }
                return;
            }
            httpStatus = 101;
            if (request.token() != null) {
                ws.sendText(subscribeMessage(request), true);
            }
        });
    }

    static String subscribeMessage(SubscribeRequest request) {
        try {
            return "{\"type\":\"subscribe\",\"token\":" + JSON.writeValueAsString(request.token())
                    + (request.sinceSeq() == null ? "" : ",\"sinceSeq\":" + request.sinceSeq()) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String frame = text.toString();
            text.setLength(0);
            onFrameText(frame, null, null);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        violation("binary frame from the server");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(Ending.CLOSED, statusCode, reason);
        return null; // the JDK answers the close frame
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
    }

    private WebSocket socket() {
        try {
            return socket.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("WebSocket handshake failed; " + this, e);
        }
    }

    @Override
    public void send(String message) {
        try {
            socket().sendText(message, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server may already have closed: the close code tells the test what happened
        }
    }

    @Override
    public void drop() {
        socket().abort();
        end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
    }

    @Override
    public void close() {
        socket.thenAccept(WebSocket::abort); // now, or when a pending handshake completes
        end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
    }
}
