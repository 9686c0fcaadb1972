package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void taskIdsAreValidated() {
        assertEquals("abc-1_2", TaskId.of("abc-1_2").value());
        assertTrue(TaskId.random().value().matches("[0-9a-f-]{36}"));
        ProgressException e = assertThrows(ProgressException.class, () -> TaskId.of("a/b"));
        assertEquals(ProgressErrorCode.INVALID_TASK_ID, e.code());
        assertThrows(ProgressException.class, () -> TaskId.of(""));
        assertThrows(ProgressException.class, () -> TaskId.of("x".repeat(65)));
    }

    @Test
    void progressFractionAndArguments() {
        TaskProgress p = new TaskProgress(25, 100, Stage.COMPUTE, List.of("A", 3, true), 1500);
        assertEquals(0.25, p.fraction().orElseThrow());
        assertEquals(Duration.ofMillis(1500), p.eta().orElseThrow());
        assertTrue(new TaskProgress(3, TaskProgress.UNKNOWN, Stage.COMPUTE, List.of(), -1).fraction().isEmpty());
        ProgressException e = assertThrows(ProgressException.class,
                () -> new TaskProgress(1, 2, Stage.COMPUTE, List.of(new Object()), -1));
        assertEquals("args", e.args().get(0));
        assertThrows(ProgressException.class, () -> new TaskProgress(-1, 2, Stage.COMPUTE, List.of(), -1));
    }

    @Test
    void retryBackoffGrowsAndIsCapped() {
        RetryPolicy r = RetryPolicy.exponential(5, Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(1), r.backoffBefore(2));
        assertEquals(Duration.ofSeconds(2), r.backoffBefore(3));
        assertEquals(Duration.ofSeconds(3), r.backoffBefore(4));
        assertEquals(Duration.ofSeconds(3), r.backoffBefore(5));
        ProgressException e = assertThrows(ProgressException.class,
                () -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO));
        assertEquals(List.of("maxAttempts", 0, ">= 1"), e.args());
    }

    @Test
    void builderNamesTheBadOptionAndItsRange() {
        ProgressException e = assertThrows(ProgressException.class, () -> TaskEngine.builder().workers(0).build());
        assertEquals(ProgressErrorCode.INVALID_OPTION, e.code());
        assertEquals(List.of("workers", 0, "1..1024"), e.args());
        e = assertThrows(ProgressException.class,
                () -> TaskEngine.builder().publishInterval(Duration.ofMillis(-1)).build());
        assertEquals("publishInterval", e.args().get(0));
        e = assertThrows(ProgressException.class, () -> TaskOptions.defaults().withTimeout(Duration.ZERO));
        assertEquals("timeout", e.args().get(0));
    }

    @Test
    void aTaskErrorNamesItsPlaceOnlyWhenItHasOne() {
        TaskError plain = TaskError.of(ProgressErrorCode.TIMEOUT, false, 10_000L);
        assertNull(plain.field());
        assertEquals(-1, plain.row());
        TaskError placed = new TaskError("ETO-2003", "error.malformed_number", List.of("tmin", "abc"), false)
                .at("tmin", 7);
        assertEquals("tmin", placed.field());
        assertEquals(7, placed.row());
        assertEquals(List.of("tmin", "abc"), placed.args());
        assertEquals(-1, placed.at(null, -42).row(), "any negative row means none");
    }
}
