package org.eto4j.transport.sse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.testkit.ContractSettings;
import org.eto4j.transport.testkit.TransportContract;
import org.eto4j.transport.testkit.TransportUnderTest;

/** The transport contract, run against {@link SseHttpHandler} in the JDK's HTTP server on a loopback port. */
class SseContractJdkHttpServerTest extends TransportContract {
    /** Accept backlog: room for the contract's clients connecting at once. */
    private static final int BACKLOG = 1024;

    @Override
    protected TransportUnderTest.Kind kind() {
        return TransportUnderTest.Kind.SSE;
    }

    @Override
    protected TransportUnderTest start(TaskEngine engine, TaskTokens tokens, ContractSettings settings) {
        SseTransport sse = SseTransport.builder(engine).tokens(tokens)
                .heartbeatInterval(settings.heartbeatInterval())
                .outboxCapacity(settings.outboxCapacity())
                .slowConsumerTimeout(settings.slowConsumerTimeout())
                .allowedOrigins(settings.allowedOrigins())
                .threadNamePrefix("contract-sse")
                .build()
                .start();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/events", sse.httpHandler());
        http.start();
        int port = http.getAddress().getPort();
        AtomicBoolean stopped = new AtomicBoolean();
        return TransportUnderTest.of(id -> URI.create("http://127.0.0.1:" + port + "/events/" + id), sse::stats,
                () -> {
                    if (stopped.compareAndSet(false, true)) {
                        sse.stop(); // every stream ends with event close 1001 first
                        http.stop(0);
                    }
                });
    }
}
