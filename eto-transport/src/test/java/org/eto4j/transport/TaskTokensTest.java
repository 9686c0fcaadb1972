package org.eto4j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.testing.ManualClock;
import org.junit.jupiter.api.Test;

class TaskTokensTest {
    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef-test-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final TaskTokens tokens = TaskTokens.builder().key(KEY).ttl(Duration.ofMinutes(10)).clock(clock).build();
    private final TaskId id = TaskId.of("task-1");

    @Test
    void issuedTokenIsValidForItsTaskUntilItExpires() {
        String t = tokens.issue(id);
        assertTrue(t.startsWith("t1."));
        assertEquals(TaskTokens.Check.VALID, tokens.check(t, id));
        assertTrue(tokens.verify(t, id));
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertTrue(tokens.verify(t, id));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(TaskTokens.Check.EXPIRED, tokens.check(t, id));
        assertFalse(tokens.verify(t, id));
    }

    @Test
    void tokenIsBoundToTheTaskAndTheKey() {
        String t = tokens.issue(id);
        assertEquals(TaskTokens.Check.BAD_SIGNATURE, tokens.check(t, TaskId.of("task-2")));
        byte[] otherKey = TaskTokens.generateKey();
        TaskTokens other = TaskTokens.builder().key(otherKey).clock(clock).build();
        assertEquals(TaskTokens.Check.BAD_SIGNATURE, other.check(t, id));
        // the same key elsewhere (e.g. the REST API) accepts it
        TaskTokens rest = TaskTokens.builder().key(KEY).clock(clock).build();
        assertTrue(rest.verify(t, id));
    }

    @Test
    void alteredExpiryOrSignatureIsRejected() {
        String t = tokens.issue(id);
        String[] parts = t.split("\\.");
        String stretched = parts[0] + '.' + (Long.parseLong(parts[1]) + 86_400) + '.' + parts[2];
        assertEquals(TaskTokens.Check.BAD_SIGNATURE, tokens.check(stretched, id));
        char c = parts[2].charAt(3);
        String flipped = parts[0] + '.' + parts[1] + '.' + parts[2].substring(0, 3) + (c == 'A' ? 'B' : 'A')
                + parts[2].substring(4);
        assertEquals(TaskTokens.Check.BAD_SIGNATURE, tokens.check(flipped, id));
    }

    @Test
    void malformedTokens() {
        for (String bad : new String[] {null, "", "t1.", "t1.abc.def", "t2.1.AAAA", "t1.123", "t1.123.***",
                "t1.123." + "A".repeat(300)}) {
            assertEquals(TaskTokens.Check.MALFORMED, tokens.check(bad, id), String.valueOf(bad));
        }
    }

    @Test
    void tokensDifferPerTaskAndCustomTtl() {
        assertNotEquals(tokens.issue(id), tokens.issue(TaskId.of("task-2")));
        String shortLived = tokens.issue(id, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(TaskTokens.Check.EXPIRED, tokens.check(shortLived, id));
        assertThrows(TransportException.class, () -> tokens.issue(id, Duration.ZERO));
    }

    @Test
    void builderValidation() {
        TransportException e = assertThrows(TransportException.class, () -> TaskTokens.builder().build());
        assertEquals(TransportErrorCode.INVALID_OPTION, e.code());
        assertEquals("key", e.args().get(0));
        e = assertThrows(TransportException.class, () -> TaskTokens.builder().key(new byte[16]).build());
        assertEquals("16 bytes", e.args().get(1));
        e = assertThrows(TransportException.class,
                () -> TaskTokens.builder().key(KEY).ttl(Duration.ofDays(31)).build());
        assertEquals("ttl", e.args().get(0));
        assertEquals("error.transport.invalid_option", e.messageKey());
        assertEquals(32, TaskTokens.generateKey().length);
    }
}
