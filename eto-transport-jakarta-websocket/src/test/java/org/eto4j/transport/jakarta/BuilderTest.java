package org.eto4j.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.eto4j.transport.websocket.WebSocketTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The builder's refusals name the option and its range; its defaults are the standalone server's. */
class BuilderTest {
    private static TaskEngine engine;

    @BeforeAll
    static void engine() {
        engine = TaskEngine.builder().workers(1).threadNamePrefix("test-builder-engine").build();
    }

    @AfterAll
    static void shutdown() {
        engine.shutdown(Duration.ofSeconds(5));
    }

    private static JakartaWebSocketTransport.Builder valid() {
        return JakartaWebSocketTransport.builder(engine).tokenKey(JettyFixture.KEY).threadNamePrefix("test-jws");
    }

    private static void assertRefused(String option, UnaryOperator<JakartaWebSocketTransport.Builder> bad) {
        TransportException e = assertThrows(TransportException.class, () -> bad.apply(valid()).build());
        assertEquals(TransportErrorCode.INVALID_OPTION, e.code());
        assertEquals("error.transport.invalid_option", e.messageKey());
        assertEquals(option, e.args().get(0), e::toString);
        assertEquals(3, e.args().size(), e::toString); // option, value, accepted range
    }

    @Test
    void refusesEveryOptionOutsideItsRangeNamingIt() {
        assertRefused("path", b -> b.path("ws/{taskId}"));
        assertRefused("path", b -> b.path("/ws/{id}"));
        assertRefused("path", b -> b.path("/ws/x{taskId}"));
        assertRefused("path", b -> b.path("/ws/{taskId}?a=b"));
        assertRefused("outboxCapacity", b -> b.outboxCapacity(3));
        assertRefused("outboxCapacity", b -> b.outboxCapacity(100_001));
        assertRefused("maxFrameBytes", b -> b.maxFrameBytes(255));
        assertRefused("maxFrameBytes", b -> b.maxFrameBytes((1 << 20) + 1));
        assertRefused("subscribeTimeout", b -> b.subscribeTimeout(Duration.ofMillis(9)));
        assertRefused("subscribeTimeout", b -> b.subscribeTimeout(Duration.ofMinutes(6)));
        assertRefused("heartbeatInterval", b -> b.heartbeatInterval(Duration.ZERO));
        assertRefused("heartbeatInterval", b -> b.heartbeatInterval(Duration.ofMinutes(6)));
        assertRefused("slowConsumerTimeout", b -> b.slowConsumerTimeout(Duration.ofMillis(-1)));
        assertRefused("slowConsumerTimeout", b -> b.slowConsumerTimeout(Duration.ofMinutes(11)));
        assertRefused("maxInlineResultBytes", b -> b.largeResults(1023, id -> URI.create("https://x/" + id)));
        assertRefused("threadNamePrefix", b -> b.threadNamePrefix(""));
        assertRefused("protocol", b -> b.protocol(ProtocolV1.defaults()).objectMapper(new ObjectMapper()));
        assertRefused("tokenKey", b -> JakartaWebSocketTransport.builder(engine));
        TransportException shortKey = assertThrows(TransportException.class,
                () -> JakartaWebSocketTransport.builder(engine).tokenKey(new byte[8]).build());
        assertEquals(TransportErrorCode.INVALID_OPTION, shortKey.code());
    }

    @Test
    void defaultsAreTheStandaloneServersDefaults() {
        assertEquals(WebSocketTransport.PATH_PREFIX + "{taskId}", JakartaWebSocketTransport.Builder.DEFAULT_PATH);
        assertEquals(WebSocketTransport.Builder.DEFAULT_SUBSCRIBE_TIMEOUT,
                JakartaWebSocketTransport.Builder.DEFAULT_SUBSCRIBE_TIMEOUT);
        assertEquals(WebSocketTransport.Builder.DEFAULT_HEARTBEAT_INTERVAL,
                JakartaWebSocketTransport.Builder.DEFAULT_HEARTBEAT_INTERVAL);
        assertEquals(WebSocketTransport.Builder.DEFAULT_OUTBOX_CAPACITY,
                JakartaWebSocketTransport.Builder.DEFAULT_OUTBOX_CAPACITY);
        assertEquals(WebSocketTransport.Builder.DEFAULT_SLOW_CONSUMER_TIMEOUT,
                JakartaWebSocketTransport.Builder.DEFAULT_SLOW_CONSUMER_TIMEOUT);
        assertEquals(WebSocketTransport.Builder.DEFAULT_MAX_FRAME_BYTES,
                JakartaWebSocketTransport.Builder.DEFAULT_MAX_FRAME_BYTES);
        assertEquals(WebSocketTransport.Builder.DEFAULT_MAX_INLINE_RESULT_BYTES,
                JakartaWebSocketTransport.Builder.DEFAULT_MAX_INLINE_RESULT_BYTES);
    }

    @Test
    void endpointConfigCarriesThePathAndIsOneInstance() {
        TaskTokens tokens = TaskTokens.builder().key(JettyFixture.KEY).build();
        try (JakartaWebSocketTransport t = JakartaWebSocketTransport.builder(engine).tokens(tokens)
                .path("/api/tasks/{taskId}/events").threadNamePrefix("test-jws").build()) {
            assertEquals("/api/tasks/{taskId}/events", t.endpointConfig().getPath());
            assertSame(t.endpointConfig(), t.endpointConfig());
            assertSame(tokens, t.tokens());
            assertEquals(0, t.stats().openConnections());
        }
    }

    @Test
    void customPathAndLargeResultsAreServed() {
        try (JettyFixture fx = new JettyFixture(b -> b.path("/api/tasks/{taskId}/events")
                .largeResults(1024, id -> URI.create("https://app.example.org/api/tasks/" + id + "/result")))) {
            TaskId id = fx.submitGated(new CountDownLatch(0), 2, List.of("x".repeat(2048)));
            Probe p = Probe.open(fx.base().resolve("/api/tasks/" + id + "/events")).subscribe(fx.token(id));
            assertEquals(1000, p.awaitClose());
            JsonNode end = p.frames.get(p.frames.size() - 1);
            assertEquals("https://app.example.org/api/tasks/" + id + "/result", end.path("resultUrl").asText(),
                    end::toString);
            assertTrue(end.path("result").isMissingNode(), end::toString);
        }
    }

    @Test
    void aSharedCodecIsUsedAsIs() {
        ProtocolV1 codec = ProtocolV1.builder().objectMapper(new ObjectMapper()).build();
        try (JettyFixture fx = new JettyFixture(b -> b.protocol(codec))) {
            TaskId id = fx.submitGated(new CountDownLatch(0), 2, 42);
            Probe p = Probe.open(fx.uri(id)).subscribe(fx.token(id));
            assertEquals(1000, p.awaitClose());
            assertEquals(42, p.frames.get(p.frames.size() - 1).path("result").asInt());
        }
    }
}
