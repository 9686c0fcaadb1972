package org.eto4j.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A loopback HTTP server (JDK HttpServer on 127.0.0.1, ephemeral port) answering from scripted responses and
 * fixture files, recording every request it receives.
 */
final class FixtureServer implements AutoCloseable {
    /** One scripted answer. */
    record Reply(int status, Map<String, String> headers, byte[] body, Mode mode) {
        enum Mode { NORMAL, TRUNCATED_TRANSPORT, HANG, GATED }

        static Reply json(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8),
                    Mode.NORMAL);
        }

        static Reply fixture(String name) {
            return json(FixtureServer.resource(name));
        }

        static Reply status(int status, Map<String, String> headers) {
            return new Reply(status, headers,
                    "{\"error\":true,\"reason\":\"scripted\"}".getBytes(StandardCharsets.UTF_8),
                    Mode.NORMAL);
        }

        Reply withHeaders(Map<String, String> extra) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.putAll(extra);
            return new Reply(status, all, body, mode);
        }

        static Reply truncatedTransport(String name) {
            return new Reply(200, Map.of(), resource(name).getBytes(StandardCharsets.UTF_8), Mode.TRUNCATED_TRANSPORT);
        }

        /** The fixture, sent once {@link FixtureServer#gate} opens. */
        static Reply gated(String name) {
            return new Reply(200, Map.of(), resource(name).getBytes(StandardCharsets.UTF_8), Mode.GATED);
        }

        static Reply hang() {
            return new Reply(200, Map.of(), new byte[0], Mode.HANG);
        }
    }

    /** A request as received. */
    record Request(String path, String query, Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String param(String name) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Reply>> dynamic = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released at close so that hanging handlers end. */
    final CountDownLatch release = new CountDownLatch(1);
    /** Opens the gate of {@link Reply#gated} answers. */
    final CountDownLatch gate = new CountDownLatch(1);
    /** Counted down each time a request arrives. */
    volatile CountDownLatch arrived = new CountDownLatch(1);

    FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for a path; the last one repeats when the queue runs out. */
    FixtureServer on(String path, Reply... replies) {
        scripts.computeIfAbsent(path, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /** Answers a path by a function of the request. */
    FixtureServer on(String path, Function<Request, Reply> handler) {
        dynamic.put(path, handler);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    int count() {
        return requests.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            Request request = new Request(path, query == null ? "" : query, Map.copyOf(exchange.getRequestHeaders()));
            requests.add(request);
            arrived.countDown();
            Reply reply;
            if (dynamic.containsKey(path)) {
                reply = dynamic.get(path).apply(request);
            } else {
                Deque<Reply> queue = scripts.get(path);
                if (queue == null || queue.isEmpty()) {
                    reply = new Reply(404, Map.of(), new byte[0], Reply.Mode.NORMAL);
                } else {
                    synchronized (queue) {
                        reply = queue.size() > 1 ? queue.poll() : queue.peek();
                    }
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            switch (reply.mode()) {
                case HANG -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(503, -1);
                }
                case GATED -> {
                    try {
                        gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(reply.status(), reply.body().length);
                    exchange.getResponseBody().write(reply.body());
                }
                case TRUNCATED_TRANSPORT -> {
                    // Promise the whole body, send half, then drop the connection.
                    exchange.sendResponseHeaders(reply.status(), reply.body().length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(reply.body(), 0, reply.body().length / 2);
                    out.flush();
                    throw new IOException("connection dropped on purpose");
                }
                default -> {
                    if (reply.status() == 304 || reply.body().length == 0) {
                        exchange.sendResponseHeaders(reply.status(), -1);
                    } else {
                        exchange.sendResponseHeaders(reply.status(), reply.body().length);
                        exchange.getResponseBody().write(reply.body());
                    }
                }
            }
        }
    }

    static String resource(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        release.countDown();
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
