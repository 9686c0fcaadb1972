package org.eto4j.transport.testkit;

import java.net.URI;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eto4j.transport.TransportStats;

/**
 * A running transport as the contract sees it: where a task's stream is served, the transport's resource
 * counts, and how to stop it. {@link TransportContract#start} returns one, started with the contract's engine,
 * tokens and {@link ContractSettings}.
 *
 * <pre>{@code
 * WebSocketTransport ws = WebSocketTransport.builder(engine).tokens(tokens)
 *         .heartbeatInterval(settings.heartbeatInterval())   // ... every ContractSettings value
 *         .build().start();
 * return TransportUnderTest.of(id -> URI.create("ws://127.0.0.1:" + ws.port() + "/ws/" + id), ws::stats, ws::stop);
 * }</pre>
 */
public interface TransportUnderTest {

    /** The client a transport is driven with: which protocol binding it speaks. */
    enum Kind {
        /**
         * Protocol v1 over WebSocket: connect to the endpoint, send {@code {"type":"subscribe","token":…,
         * "sinceSeq":n}}, receive JSON text frames, end with a WebSocket close code.
         */
        WEBSOCKET,
        /**
         * Protocol v1 over Server-Sent Events: {@code GET} the endpoint with {@code Authorization: Bearer} (or
         * {@code ?token=}) and {@code Last-Event-ID} (or {@code ?sinceSeq=}); records {@code id:/event:/data:},
         * comment heartbeats, {@code event: close} with the code; refusals are HTTP statuses with a JSON body.
         */
        SSE
    }

    /**
     * The URI a client opens for a task: {@code ws://host:port/<path>/<id>} or {@code http://host:port/<path>/<id>}.
     *
     * @param rawTaskId the task id as a client would put it in the path; the contract also passes ids that are
     *                  not valid task ids (they must be refused like an unknown task)
     * @return the endpoint, without a query
     */
    URI endpoint(String rawTaskId);

    /**
     * The transport's current resource counts (connections, subscriptions, queued and buffered frames,
     * slow-consumer closes).
     *
     * @return the counts, as the transport's own {@code stats()} reports them
     */
    TransportStats stats();

    /**
     * Stops the transport: every open stream ends with 1001 (SSE: {@code event: close} with code 1001), their
     * subscriptions are released, and the server it runs in is stopped. Must be idempotent: the contract calls
     * it again after each test.
     */
    void stop();

    /**
     * A transport described by three functions.
     *
     * @param endpoint the endpoint of a raw task id
     * @param stats    the transport's resource counts
     * @param stop     stops the transport and its server (idempotent)
     * @return the transport under test
     */
    static TransportUnderTest of(Function<String, URI> endpoint, Supplier<TransportStats> stats, Runnable stop) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(stop, "stop");
        return new TransportUnderTest() {
            @Override
            public URI endpoint(String rawTaskId) {
                return endpoint.apply(rawTaskId);
            }

            @Override
            public TransportStats stats() {
                return stats.get();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }
}
