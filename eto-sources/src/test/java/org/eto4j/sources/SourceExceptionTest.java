package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.eto4j.errors.CodedError;
import org.junit.jupiter.api.Test;

class SourceExceptionTest {

    @Test
    void aNullArgumentIsKeptAsNullNotAsAnEmptyString() {
        SourceException e = new SourceException(SourceErrorCode.NETWORK_UNAVAILABLE, "nasa-power", null);

        assertEquals(Arrays.asList("nasa-power", null), e.args());
        assertNull(e.args().get(1));
        assertEquals("SRC-3001 error.sources.network_unavailable args=[nasa-power, null]", e.getMessage());
        assertTrue(e.retryable());
    }

    @Test
    void aServiceErrorWithANullStatusIsNotRetryable() {
        assertFalse(new SourceException(SourceErrorCode.SERVICE_ERROR, "open-meteo", null, "u").retryable());
        assertTrue(new SourceException(SourceErrorCode.SERVICE_ERROR, "open-meteo", 503, "u").retryable());
    }

    @Test
    void itIsACodedError() {
        CodedError e = new SourceException(SourceErrorCode.INVALID_REQUEST, new IllegalStateException(), "lat", 91);

        assertEquals("SRC-3007", e.errorCode());
        assertEquals("error.sources.invalid_request", e.messageKey());
        assertEquals(List.of("lat", 91), e.args());
    }
}
