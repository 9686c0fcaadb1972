package org.eto4j.transport.websocket;

import java.net.URI;
import java.time.Duration;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.testkit.ContractSettings;
import org.eto4j.transport.testkit.TransportContract;
import org.eto4j.transport.testkit.TransportUnderTest;

/** The transport contract, run against the standalone server on an ephemeral loopback port. */
class WebSocketContractTest extends TransportContract {

    @Override
    protected TransportUnderTest.Kind kind() {
        return TransportUnderTest.Kind.WEBSOCKET;
    }

    @Override
    protected TransportUnderTest start(TaskEngine engine, TaskTokens tokens, ContractSettings settings) {
        WebSocketTransport ws = WebSocketTransport.builder(engine).tokens(tokens)
                .heartbeatInterval(settings.heartbeatInterval())
                .outboxCapacity(settings.outboxCapacity())
                .slowConsumerTimeout(settings.slowConsumerTimeout())
                .subscribeTimeout(settings.subscribeTimeout())
                .allowedOrigins(settings.allowedOrigins())
                // Dead peers are another test's subject: pings must not cut a stalled reader before the
                // slow-consumer policy does, nor a busy client of the fan-out test.
                .connectionLostTimeout(Duration.ofSeconds(60))
                .threadNamePrefix("contract-ws")
                .build()
                .start();
        return TransportUnderTest.of(
                id -> URI.create("ws://127.0.0.1:" + ws.port() + WebSocketTransport.PATH_PREFIX + id),
                ws::stats, ws::stop);
    }
}
