package org.eto4j.progress;

import static org.eto4j.progress.TaskState.CANCELLED;
import static org.eto4j.progress.TaskState.CANCELLING;
import static org.eto4j.progress.TaskState.FAILED;
import static org.eto4j.progress.TaskState.QUEUED;
import static org.eto4j.progress.TaskState.RUNNING;
import static org.eto4j.progress.TaskState.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskStateTest {
    /** The table of issue 4, written out independently of the implementation. */
    private static final Set<List<TaskState>> LEGAL = Set.of(
            List.of(QUEUED, RUNNING), List.of(QUEUED, CANCELLED),
            List.of(RUNNING, SUCCEEDED), List.of(RUNNING, FAILED), List.of(RUNNING, CANCELLING),
            List.of(RUNNING, QUEUED),
            List.of(CANCELLING, CANCELLED), List.of(CANCELLING, SUCCEEDED));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int legal = 0;
        int illegal = 0;
        for (TaskState from : TaskState.values()) {
            for (TaskState to : TaskState.values()) {
                boolean expected = LEGAL.contains(List.of(from, to));
                assertEquals(expected, from.canMoveTo(to), from + " -> " + to);
                if (expected) {
                    assertEquals(to, from.requireMoveTo(to));
                    legal++;
                } else {
                    ProgressException e = assertThrows(ProgressException.class, () -> from.requireMoveTo(to));
                    assertEquals(ProgressErrorCode.ILLEGAL_TRANSITION, e.code());
                    assertEquals(List.of(from.wireName(), to.wireName()), e.args());
                    illegal++;
                }
            }
        }
        assertEquals(8, legal);
        assertEquals(28, illegal);
    }

    @Test
    void terminalStatesHaveNoExit() {
        Set<TaskState> terminal = new HashSet<>();
        for (TaskState s : TaskState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
                assertTrue(s.next().isEmpty());
            } else {
                assertFalse(s.next().isEmpty());
            }
        }
        assertEquals(Set.of(SUCCEEDED, FAILED, CANCELLED), terminal);
    }

    @Test
    void namesAndMessageKeysAreStable() {
        assertEquals("running", RUNNING.wireName());
        assertEquals("task.state.running", RUNNING.messageKey());
        assertEquals("task.state.cancelling", CANCELLING.messageKey());
        assertEquals(QUEUED, TaskState.fromWireName("queued"));
        assertEquals("task.stage.compute", Stage.messageKey(Stage.COMPUTE));
        assertEquals("task.cancel.shutdown", CancelReason.SHUTDOWN.messageKey());
        assertEquals("error.task.timeout", ProgressErrorCode.TIMEOUT.messageKey());
        Set<String> codes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (ProgressErrorCode c : ProgressErrorCode.values()) {
            assertTrue(c.code().matches("PRG-\\d{4}"), c.code());
            assertTrue(c.messageKey().startsWith("error.task."), c.messageKey());
            assertTrue(codes.add(c.code()), "duplicate code " + c.code());
            assertTrue(keys.add(c.messageKey()), "duplicate key " + c.messageKey());
        }
        for (String stage : Stage.KNOWN) {
            assertTrue(stage.matches("[a-z_]+"), stage);
        }
    }
}
