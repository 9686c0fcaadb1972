package org.eto4j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.eto4j.errors.CodedError;
import org.junit.jupiter.api.Test;

class TransportExceptionTest {

    @Test
    void aNullArgumentIsKeptAsNullNotAsText() {
        TransportException e = new TransportException(TransportErrorCode.CLOSED_BY_SERVER, 1011, null);

        assertEquals(Arrays.asList(1011, null), e.args());
        assertNull(e.args().get(1));
        assertEquals("WST-2001 error.transport.closed_by_server args=[1011, null]", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> e.args().add("x"));
    }

    @Test
    void itIsACodedError() {
        CodedError e = new TransportException(TransportErrorCode.RECONNECTS_EXHAUSTED, new RuntimeException(), 5);

        assertEquals("WST-2002", e.errorCode());
        assertEquals("error.transport.reconnects_exhausted", e.messageKey());
        assertEquals(List.of(5), e.args());
        assertEquals(List.of(), new TransportException(TransportErrorCode.CLIENT_CLOSED, (Object[]) null).args());
    }
}
