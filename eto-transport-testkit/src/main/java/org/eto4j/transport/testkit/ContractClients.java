package org.eto4j.transport.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@link ContractClient}s of one {@link TransportUnderTest.Kind} on one shared {@link HttpClient} whose
 * callbacks run on a small fixed pool, so that a thousand clients need a handful of threads. Close it to stop
 * that pool.
 */
public final class ContractClients implements AutoCloseable {
    /** Threads running the clients' callbacks (decoding and recording frames), whatever the number of clients. */
    public static final int CALLBACK_THREADS = 4;
    /** The receive buffer of a {@link StalledReader}: small, so the server's side of the connection backs up. */
    public static final int STALLED_RECEIVE_BUFFER_BYTES = 2048;

    private final TransportUnderTest.Kind kind;
    private final ExecutorService callbacks;
    private final HttpClient http;

    /**
     * Clients of one kind.
     *
     * @param kind the protocol binding they speak
     */
    public ContractClients(TransportUnderTest.Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        AtomicInteger n = new AtomicInteger();
        this.callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, r -> {
            Thread t = new Thread(r, "contract-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1: an SSE stream is one long response per connection, and no h2c upgrade is attempted.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** The protocol binding of these clients. */
    public TransportUnderTest.Kind kind() {
        return kind;
    }

    /**
     * Opens a client; connecting, subscribing and receiving happen in the background.
     *
     * @param endpoint the task's endpoint ({@link TransportUnderTest#endpoint})
     * @param request  token, resume point, origin
     * @return the client, recording from now on
     */
    public ContractClient open(URI endpoint, SubscribeRequest request) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(request, "request");
        return kind == TransportUnderTest.Kind.WEBSOCKET
                ? new WebSocketContractClient(http, endpoint, request)
                : new SseContractClient(http, endpoint, request);
    }

    /**
     * Opens a subscriber that never reads after its request (see {@link StalledReader}).
     *
     * @param endpoint the task's endpoint
     * @param token    a valid token of the task
     * @return the reader, subscribed
     */
    public StalledReader stalled(URI endpoint, String token) {
        try {
            return new StalledReader(kind, endpoint, token, STALLED_RECEIVE_BUFFER_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The close code an HTTP refusal stands for: 403 → 4403, 400 → 4400, 503 → 1001, 500 → 1011; any other
     * status is returned as is.
     *
     * @param status an HTTP status
     * @return the close code
     */
    public static int closeCodeOfStatus(int status) {
        return switch (status) {
            case 403 -> 4403;
            case 400 -> 4400;
            case 503 -> 1001;
            case 500 -> 1011;
            default -> status;
        };
    }

    /** Stops the callback threads (open clients stop receiving). */
    @Override
    public void close() {
        callbacks.shutdownNow();
        try {
            callbacks.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
