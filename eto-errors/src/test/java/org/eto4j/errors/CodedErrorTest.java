package org.eto4j.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CodedErrorTest {

    /** The smallest implementation a module writes: its code, key and arguments; no field, no row. */
    record Minimal(String errorCode, String messageKey, List<Object> args) implements CodedError {
        Minimal {
            args = Errors.arguments(args);
        }
    }

    @Test
    void anErrorAboutNoFieldOrRowAnswersEmptyNotNull() {
        CodedError e = new Minimal("X-0001", "error.x", List.of());

        assertEquals(Optional.empty(), e.fieldName());
        assertEquals(OptionalInt.empty(), e.rowIndex());
    }

    @Test
    void anImplementationFollowingTheNullRuleNeverAnswersNullArguments() {
        CodedError none = new Minimal("X-0001", "error.x", null);
        CodedError withNull = new Minimal("X-0001", "error.x", java.util.Arrays.asList("a", null));

        assertEquals(List.of(), none.args());
        assertEquals(2, withNull.args().size());
        assertNull(withNull.args().get(1));
        assertThrows(UnsupportedOperationException.class, () -> withNull.args().add("b"));
    }
}
