package org.eto4j.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.junit.jupiter.api.Test;

/** Close codes, backoff, path parsing and builder validation. */
class ValuesTest {
    private static final TaskId ID = TaskId.of("abc");
    private static final Instant T = Instant.parse("2026-11-28T21:00:00.123Z");
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void closeCodesAndMessageKeys() {
        Set<Integer> codes = new HashSet<>();
        for (CloseCode c : CloseCode.values()) {
            assertEquals("transport.close." + c.code(), c.messageKey());
            assertTrue(codes.add(c.code()));
            assertEquals(Optional.of(c), CloseCode.of(c.code()));
        }
        assertEquals(Set.of(1000, 1001, 1009, 1011, 4400, 4403, 4408, 4429), codes);
        assertEquals(Optional.empty(), CloseCode.of(1006));
        assertTrue(CloseCode.SLOW_CONSUMER.retryable() && CloseCode.GOING_AWAY.retryable());
        assertFalse(CloseCode.FORBIDDEN.retryable() || CloseCode.NORMAL.retryable());
        for (TransportErrorCode e : TransportErrorCode.values()) {
            assertTrue(e.code().matches("WST-[12]\\d{3}") && e.messageKey().startsWith("error.transport."));
        }
    }

    @Test
    void backoffGrowsExponentiallyWithEqualJitterUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertEquals(Duration.ofMillis(50), b.delay(1, 0.0));
        assertEquals(Duration.ofMillis(99), b.delay(1, 0.999));
        assertEquals(Duration.ofMillis(100), b.delay(2, 0.0));
        assertEquals(Duration.ofMillis(200), b.delay(3, 0.0));
        assertEquals(Duration.ofSeconds(1), b.delay(10, 0.0));
        assertEquals(Duration.ofMillis(1999), b.delay(30, 0.9999));
        assertEquals(Duration.ofMillis(1999), b.delay(Integer.MAX_VALUE, 0.9999));
    }

    @Test
    void taskPathParsing() {
        assertEquals("abc", WebSocketTransport.taskPath("/ws/abc"));
        assertEquals("abc", WebSocketTransport.taskPath("/ws/abc?x=1"));
        assertNull(WebSocketTransport.taskPath("/ws/"));
        assertNull(WebSocketTransport.taskPath("/ws/a/b"));
        assertNull(WebSocketTransport.taskPath("/other/abc"));
    }

    @Test
    void transportBuilderNamesTheBadOption() {
        try (TaskEngine engine = TaskEngine.builder().workers(1).threadNamePrefix("test-engine").build()) {
            assertOption("tokenKey", () -> WebSocketTransport.builder(engine).build());
            assertOption("port", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).port(70_000).build());
            assertOption("outboxCapacity",
                    () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).outboxCapacity(1).build());
            assertOption("heartbeatInterval", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY)
                    .heartbeatInterval(Duration.ZERO).build());
            assertOption("connectionLostTimeout", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY)
                    .connectionLostTimeout(Duration.ofMillis(1500)).build());
            assertOption("maxFrameBytes",
                    () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).maxFrameBytes(10).build());
            assertOption("subscribeTimeout", () -> WebSocketTransport.builder(engine).tokenKey(Fixture.KEY)
                    .subscribeTimeout(Duration.ofHours(1)).build());
            assertOption("tokenKey", () -> WebSocketTransport.builder(engine).tokenKey(new byte[3]).build());
            WebSocketTransport t = WebSocketTransport.builder(engine).tokenKey(Fixture.KEY).build();
            assertThrows(TransportException.class, t::port); // not started
            t.stop(); // stopping an unstarted transport is harmless
        }
    }

    @Test
    void clientBuilderNamesTheBadOption() {
        URI base = URI.create("ws://127.0.0.1:1");
        assertOption("listener", () -> TaskEventClient.builder(base, ID, "t").connect());
        assertOption("serverUri", () -> TaskEventClient.builder(URI.create("http://x"), ID, "t").listener(u -> { }).connect());
        assertOption("maxBackoff", () -> TaskEventClient.builder(base, ID, "t").listener(u -> { })
                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).connect());
        assertOption("sinceSeq",
                () -> TaskEventClient.builder(base, ID, "t").listener(u -> { }).sinceSeq(-3).connect());
    }

    private static void assertOption(String option, org.junit.jupiter.api.function.Executable build) {
        TransportException e = assertThrows(TransportException.class, build);
        assertEquals(TransportErrorCode.INVALID_OPTION, e.code());
        assertEquals(option, e.args().get(0), e::getMessage);
    }
}
