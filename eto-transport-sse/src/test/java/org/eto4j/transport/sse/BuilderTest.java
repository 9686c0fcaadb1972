package org.eto4j.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Options are validated in build(), each refusal naming the option; the lifecycle refuses misuse. */
class BuilderTest {
    private static final TaskEngine ENGINE = TaskEngine.builder().workers(1).threadNamePrefix("test-engine").build();

    @AfterAll
    static void shutdown() {
        ENGINE.shutdown(Duration.ofSeconds(1));
    }

    private static SseTransport.Builder valid() {
        return SseTransport.builder(ENGINE).tokenKey(Fixture.KEY);
    }

    @Test
    void refusesEachOptionOutOfRangeNamingIt() {
        Map<String, UnaryOperator<SseTransport.Builder>> bad = Map.ofEntries(
                Map.entry("heartbeatInterval", b -> b.heartbeatInterval(Duration.ofSeconds(16))),
                Map.entry("retryHint", b -> b.retryHint(Duration.ZERO)),
                Map.entry("outboxCapacity", b -> b.outboxCapacity(3)),
                Map.entry("slowConsumerTimeout", b -> b.slowConsumerTimeout(Duration.ofMillis(9))),
                Map.entry("maxBufferedBytes", b -> b.maxBufferedBytes(1023)),
                Map.entry("writerThreads", b -> b.writerThreads(0)),
                Map.entry("threadNamePrefix", b -> b.threadNamePrefix("")),
                Map.entry("tokenTtl", b -> b.tokenTtl(Duration.ofDays(31))));
        bad.forEach((option, change) -> {
            TransportException e = assertThrows(TransportException.class, () -> change.apply(valid()).build(), option);
            assertEquals(TransportErrorCode.INVALID_OPTION, e.code());
            assertEquals(option, e.args().get(0));
        });
        TransportException e = assertThrows(TransportException.class, () -> SseTransport.builder(ENGINE).build());
        assertEquals("tokenKey", e.args().get(0));
        e = assertThrows(TransportException.class, () -> SseTransport.builder(ENGINE).tokenKey(new byte[16]).build());
        assertEquals("tokenKey", e.args().get(0));
    }

    @Test
    void acceptsTheLimitsOfEachRange() {
        valid().heartbeatInterval(Duration.ofMillis(10)).build().close();
        valid().heartbeatInterval(SseTransport.Builder.MAX_HEARTBEAT_INTERVAL).outboxCapacity(4)
                .maxBufferedBytes(1024).writerThreads(1).build().close();
        TaskTokens shared = TaskTokens.builder().key(Fixture.KEY).build();
        try (SseTransport t = SseTransport.builder(ENGINE).tokens(shared).build()) {
            assertEquals(shared, t.tokens());
        }
    }

    @Test
    void startsOnceAndStopsIdempotently() {
        SseTransport t = valid().build();
        assertFalse(t.isRunning());
        t.start();
        assertTrue(t.isRunning());
        TransportException e = assertThrows(TransportException.class, t::start);
        assertEquals(TransportErrorCode.ILLEGAL_STATE, e.code());
        t.stop();
        t.stop();
        assertFalse(t.isRunning());
        assertThrows(TransportException.class, t::start);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(th -> th.isAlive() && th.getName().startsWith("eto-sse-")), "threads stopped");
    }
}
