package org.eto4j.progress.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eto4j.errors.Code;
import org.eto4j.errors.CodedError;
import org.eto4j.progress.ProgressErrorCode;
import org.junit.jupiter.api.Test;

class TaskStoreUnavailableExceptionTest {

    @Test
    void aStoreThatCannotBeReachedReportsTheStoreNeutralCode() {
        IOException cause = new IOException("connection refused");
        TaskStoreUnavailableException e = new TaskStoreUnavailableException("RemoteTaskStore", cause);

        assertEquals(ProgressErrorCode.STORE_UNAVAILABLE, e.code());
        assertEquals("PRG-3001", e.errorCode());
        assertEquals("error.task.store_unavailable", e.messageKey());
        assertEquals(List.of("RemoteTaskStore"), e.args());
        assertSame(cause, e.getCause());
        assertEquals("PRG-3001 error.task.store_unavailable args=[RemoteTaskStore]", e.getMessage());
    }

    @Test
    void aStoreWithCodesOfItsOwnIsCaughtAsTheStoreNeutralType() {
        RuntimeException thrown = new OwnStoreException(null);

        CodedError caught = null;
        try {
            throw thrown;
        } catch (TaskStoreUnavailableException e) {
            caught = e;
        }

        assertEquals("OWN-2001", caught.errorCode());
        assertEquals("error.own.down", caught.messageKey());
        assertEquals(Arrays.asList("select", null), caught.args());
    }

    @Test
    void aNullStoreNameIsKept() {
        assertNull(new TaskStoreUnavailableException(null, null).args().get(0));
    }

    enum OwnCode implements Code {
        DOWN;

        @Override
        public String code() {
            return "OWN-2001";
        }

        @Override
        public String messageKey() {
            return "error.own.down";
        }
    }

    static final class OwnStoreException extends TaskStoreUnavailableException {
        private static final long serialVersionUID = 1L;

        OwnStoreException(Throwable cause) {
            super(OwnCode.DOWN, cause, "select", null);
        }
    }
}
