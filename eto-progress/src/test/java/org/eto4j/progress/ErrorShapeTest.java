package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.errors.CodedError;
import org.junit.jupiter.api.Test;

/** eto-progress's errors share eto-errors' shape and its null rule. */
class ErrorShapeTest {

    @Test
    void aProgressExceptionKeepsANullArgument() {
        ProgressException e = new ProgressException(ProgressErrorCode.INVALID_OPTION, "timeout", null, "> 0");

        assertEquals(Arrays.asList("timeout", null, "> 0"), e.args());
        assertEquals("PRG-1003", e.errorCode());
        assertEquals("PRG-1003 error.task.invalid_option args=[timeout, null, > 0]", e.getMessage());
        assertEquals(List.of(), new ProgressException(ProgressErrorCode.ENGINE_SHUT_DOWN, (Object[]) null).args());
        assertThrows(UnsupportedOperationException.class, () -> e.args().set(0, "x"));
    }

    @Test
    void aRejectionIsACodedError() {
        CodedError e = new TaskRejectedException(ProgressErrorCode.QUEUE_FULL, 100);

        assertEquals("PRG-1001", e.errorCode());
        assertEquals("error.task.queue_full", e.messageKey());
        assertEquals(List.of(100), e.args());
        assertEquals(Optional.empty(), e.fieldName());
        assertEquals(OptionalInt.empty(), e.rowIndex());
    }

    @Test
    void aTaskErrorKeepsANullArgumentAndStillTurnsEnumsIntoNames() {
        TaskError e = new TaskError("ETO-1008", "error.missing_input", Arrays.asList("rs", null, TaskState.QUEUED),
                false);

        assertEquals(Arrays.asList("rs", null, "QUEUED"), e.args());
        assertEquals(Arrays.asList(1, null), TaskError.of(ProgressErrorCode.LEASE_EXPIRED, false, 1, null).args());
        assertEquals(List.of(), TaskError.of(ProgressErrorCode.TASK_FAILED, false, (Object[]) null).args());
        assertEquals(List.of(), new TaskError("X-1", "k", null, false).args());
        assertThrows(ProgressException.class,
                () -> new TaskError("X-1", "k", Arrays.asList(null, new Object()), false));
    }

    @Test
    void aTaskErrorIsACodedErrorWithItsPlace() {
        CodedError e = new TaskError("ETO-1003", "error.tmin_above_tmax", List.of(31.0, 30.0), false).at("tmin", 7);
        CodedError nowhere = new TaskError("PRG-2001", "error.task.timeout", List.of(1000), true);

        assertEquals("ETO-1003", e.errorCode());
        assertEquals(Optional.of("tmin"), e.fieldName());
        assertEquals(OptionalInt.of(7), e.rowIndex());
        assertEquals(Optional.empty(), nowhere.fieldName());
        assertEquals(OptionalInt.empty(), nowhere.rowIndex());
    }

    @Test
    void aCancellationIsACodedErrorWithoutArguments() {
        TaskCancelledException e = new TaskCancelledException();

        assertEquals(ProgressErrorCode.CANCELLED, e.code());
        assertEquals("PRG-2004", e.errorCode());
        assertEquals("error.task.cancelled", e.messageKey());
        assertEquals(List.of(), e.args());
    }

    @Test
    void eachCodeIsStableAndUnique() {
        assertEquals(ProgressErrorCode.values().length,
                Arrays.stream(ProgressErrorCode.values()).map(ProgressErrorCode::code).distinct().count());
        assertEquals("PRG-3001", ProgressErrorCode.STORE_UNAVAILABLE.code());
        assertEquals("error.task.store_unavailable", ProgressErrorCode.STORE_UNAVAILABLE.messageKey());
    }

    @Test
    void nullIsKeptByTheErrorAndByTheFailureThatCarriesIt() {
        TaskFailure f = TaskFailure.permanent("SRC-3002", "error.sources.service_error", "nasa-power", null, "u");

        assertNull(f.error().args().get(1));
    }
}
