package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.errors.CodedError;
import org.junit.jupiter.api.Test;

/** The web app's errors have eto-errors' shape and null rule. */
class ApiExceptionTest {

    @Test
    void aNullArgumentIsKeptInsteadOfThrowing() {
        ApiException e = ApiException.of(WebErrorCode.UNSUPPORTED_VALUE, "method", null);

        assertEquals(Arrays.asList("method", null), e.args());
        assertNull(e.args().get(1));
        assertEquals(List.of(), ApiException.of(WebErrorCode.NOT_FOUND, (Object[]) null).args());
        assertThrows(UnsupportedOperationException.class, () -> e.args().add("x"));
    }

    @Test
    void aCoreErrorKeepsItsCodeFieldAndRow() {
        CodedError e = ApiException.of(422, new EtoException(ErrorCode.TMIN_ABOVE_TMAX, "tmin", 9, 31.0, 30.0));

        assertEquals("ETO-1003", e.errorCode());
        assertEquals("error.tmin_above_tmax", e.messageKey());
        assertEquals(Optional.of("tmin"), e.fieldName());
        assertEquals(OptionalInt.of(9), e.rowIndex());
    }

    @Test
    void aWebErrorHasNoRowAndItsParameterAsField() {
        CodedError e = ApiException.forField(WebErrorCode.REQUIRED, "latitude", "latitude");

        assertEquals("WEB-4001", e.errorCode());
        assertEquals(Optional.of("latitude"), e.fieldName());
        assertEquals(OptionalInt.empty(), e.rowIndex());
    }
}
