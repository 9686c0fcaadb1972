package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.eto4j.errors.CodedError;
import org.junit.jupiter.api.Test;

class FusionExceptionTest {

    @Test
    void aNullArgumentIsKeptAsNullNotAsText() {
        FusionException e = new FusionException(FusionErrorCode.MISSING_VARIABLE, "nasa-power", null);

        assertEquals(Arrays.asList("nasa-power", null), e.args());
        assertNull(e.args().get(1));
        assertEquals("FUS-1007 error.fusion.missing_variable args=[nasa-power, null]", e.getMessage());
    }

    @Test
    void itIsACodedError() {
        CodedError e = new FusionException(FusionErrorCode.TOO_FEW_SOURCES, 1, 2);

        assertEquals("FUS-1002", e.errorCode());
        assertEquals("error.fusion.too_few_sources", e.messageKey());
        assertEquals(List.of(1, 2), e.args());
        assertEquals(List.of(), new FusionException(FusionErrorCode.MISSING_LONGITUDE, (Object[]) null).args());
    }
}
