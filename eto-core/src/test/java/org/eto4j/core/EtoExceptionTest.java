package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.errors.Code;
import org.eto4j.errors.CodedError;
import org.junit.jupiter.api.Test;

class EtoExceptionTest {

    @Test
    void aNullArgumentIsKeptInsteadOfThrowing() {
        EtoException e = new EtoException(ErrorCode.MISSING_INPUT, "rs", 3, "rs", null);

        assertEquals(2, e.args().size());
        assertEquals("rs", e.args().get(0));
        assertNull(e.args().get(1));
        assertEquals("ETO-1008 error.missing_input field=rs row=3 args=[rs, null]", e.getMessage());
        assertNull(e.atRow(4).args().get(1));
    }

    @Test
    void aNullArrayMeansNoArguments() {
        EtoException e = new EtoException(ErrorCode.UNKNOWN_METHOD, null, -1, (Object[]) null);

        assertEquals(List.of(), e.args());
        assertEquals("ETO-2010 error.unknown_method", e.getMessage());
    }

    @Test
    void itIsACodedErrorWithItsFieldAndRow() {
        CodedError e = new EtoException(ErrorCode.TMIN_ABOVE_TMAX, "tmin", 12, 31.0, 30.0);

        assertEquals("ETO-1003", e.errorCode());
        assertEquals("error.tmin_above_tmax", e.messageKey());
        assertEquals(List.of(31.0, 30.0), e.args());
        assertEquals(Optional.of("tmin"), e.fieldName());
        assertEquals(OptionalInt.of(12), e.rowIndex());
        assertThrows(UnsupportedOperationException.class, () -> e.args().add(1.0));

        CodedError nowhere = new EtoException(ErrorCode.UNKNOWN_METHOD, null, -5, "x");
        assertEquals(Optional.empty(), nowhere.fieldName());
        assertEquals(OptionalInt.empty(), nowhere.rowIndex());
    }

    @Test
    void everyErrorCodeIsACode() {
        for (ErrorCode c : ErrorCode.values()) {
            Code code = c;
            assertEquals(c.code(), code.code());
            assertEquals("error." + c.name().toLowerCase(java.util.Locale.ROOT), code.messageKey());
        }
    }
}
