package org.eto4j.transport.sse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * Serves an {@link SseTransport} from the JDK's {@code com.sun.net.httpserver.HttpServer}. Mount it at a context
 * path; the task id is the last segment of the request path:
 *
 * <pre>{@code
 * server.createContext("/events", new SseHttpHandler(transport));   // GET /events/{taskId}
 * }</pre>
 *
 * <p>The handler returns as soon as the response headers are sent, so it suits the server's default executor
 * (the dispatcher thread). The response body is written by the transport's writer threads
 * ({@link SseTransport.Builder#writerThreads}), never by engine threads or the dispatcher; a writer that blocks
 * on a reader that stopped reading is released when that reader is dropped as a slow consumer (its connection
 * is closed).
 */
public final class SseHttpHandler implements HttpHandler {
    private final SseTransport transport;

    /**
     * A handler over {@code transport} (the same as {@link SseTransport#httpHandler()}).
     *
     * @param transport the transport
     */
    public SseHttpHandler(SseTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Answers one request: a refusal with its JSON body, a CORS preflight, or the start of an event stream.
     *
     * @param exchange the request and response
     * @throws IOException when the response headers cannot be sent
     */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ExchangeRequest request = new ExchangeRequest(exchange);
        Outcome outcome = transport.open(request, () -> new ExchangeSink(exchange, transport));
        Headers headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> h : outcome.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        if (outcome instanceof Outcome.Streaming s) {
            ExchangeSink sink = (ExchangeSink) s.sink();
            try {
                exchange.sendResponseHeaders(200, 0); // chunked: the stream has no length
                sink.begin(exchange.getResponseBody());
            } catch (IOException | RuntimeException e) {
                sink.finish();
                exchange.close();
                throw e;
            }
        } else if (outcome instanceof Outcome.Refused r) {
            byte[] body = SseFrames.refusalBody(r.code());
            headers.set("Content-Type", SseTransport.JSON);
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(r.status(), body.length);
                out.write(body);
            }
        } else {
            try (exchange) {
                exchange.sendResponseHeaders(204, -1);
            }
        }
    }

    /** The request as the transport reads it. */
    private static final class ExchangeRequest implements SseRequest {
        private final HttpExchange exchange;

        ExchangeRequest(HttpExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        @Override
        public String rawQuery() {
            return exchange.getRequestURI().getRawQuery();
        }

        @Override
        public String taskIdSegment() {
            String context = exchange.getHttpContext().getPath();
            String path = exchange.getRequestURI().getPath();
            if (path == null || path.length() <= context.length()) {
                return ""; // the mount point itself names no task
            }
            return SseRequest.lastSegment(path);
        }

        @Override
        public boolean http1() {
            return exchange.getProtocol() != null && exchange.getProtocol().startsWith("HTTP/1");
        }
    }
}
