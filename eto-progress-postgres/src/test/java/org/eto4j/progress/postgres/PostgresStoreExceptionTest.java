package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;
import java.util.Arrays;
import org.eto4j.errors.CodedError;
import org.eto4j.progress.store.TaskStoreUnavailableException;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store's errors: caught as the SPI's store-neutral type, with eto-errors' null rule. */
class PostgresStoreExceptionTest {

    @Test
    void aDatabaseFailureIsCaughtAsTheStoreNeutralType() {
        SQLException cause = new SQLException("connection refused", "08001");
        TaskStoreUnavailableException caught = null;
        try {
            throw new PostgresStoreException(PostgresStoreErrorCode.DATABASE_ERROR, cause, "claim");
        } catch (TaskStoreUnavailableException e) {
            caught = e;
        }

        assertSame(PostgresStoreErrorCode.DATABASE_ERROR, caught.code());
        assertEquals("PGS-2001", caught.errorCode());
        assertEquals("error.task_store.database", caught.messageKey());
        assertSame(cause, caught.getCause());
        assertEquals("PGS-2001 error.task_store.database args=[claim]", caught.getMessage());
    }

    @Test
    void aNullArgumentIsKeptInsteadOfThrowing() {
        PostgresStoreException e = new PostgresStoreException(PostgresStoreErrorCode.INVALID_OPTION, null,
                "jdbcUrl", null, "a jdbc:postgresql: URL");

        assertEquals(Arrays.asList("jdbcUrl", null, "a jdbc:postgresql: URL"), e.args());
        assertNull(e.args().get(1));
        CodedError shape = e;
        assertEquals("PGS-1001", shape.errorCode());
    }
}
