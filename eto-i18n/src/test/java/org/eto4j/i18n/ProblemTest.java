package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.errors.CodedError;
import org.eto4j.fusion.FusionErrorCode;
import org.eto4j.fusion.FusionException;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskRejectedException;
import org.eto4j.progress.postgres.PostgresStoreErrorCode;
import org.eto4j.progress.postgres.PostgresStoreException;
import org.eto4j.progress.store.TaskStoreUnavailableException;
import org.eto4j.transport.TransportErrorCode;
import org.eto4j.transport.TransportException;
import org.junit.jupiter.api.Test;

/** A problem follows eto-errors' null rule and is made from any eto4j error in one call. */
class ProblemTest {

    @Test
    void aNullArgumentIsKeptAndANullListIsNone() {
        assertNull(Problem.of("error.missing_input", "rs", null).args().get(1));
        assertEquals(List.of(), new Problem("error.missing_input", null, null, -1).args());
        assertEquals(List.of(), Problem.of("error.missing_input", (List<?>) null).args());
        assertEquals(List.of(), Problem.of("error.missing_input", (Object[]) null).args());
    }

    @Test
    void anExceptionBecomesAProblemWithItsFieldAndRow() {
        CodedError e = new EtoException(ErrorCode.TMIN_ABOVE_TMAX, "tmin", 11, 31.0, 30.0);

        Problem p = Problem.of(e);

        assertEquals(new Problem("error.tmin_above_tmax", List.of(31.0, 30.0), "tmin", 11), p);
        assertEquals(Optional.of("tmin"), p.fieldName());
        assertEquals(OptionalInt.of(11), p.rowIndex());
        assertEquals(Messages.bundled().describe(Locale.ENGLISH, p),
                Messages.bundled().describe(Locale.ENGLISH, Problem.of(e.messageKey(), e.args()).withField("tmin")
                        .withRow(11)));
    }

    /** The sample of eto-errors' README: any module's error, caught as a CodedError, rendered in one call. */
    @Test
    void anyErrorOfAnyModuleRendersInOneCall() {
        Messages messages = Messages.bundled();
        List<RuntimeException> thrown = List.of(new EtoException(ErrorCode.TMIN_ABOVE_TMAX, "tmin", 2, 31.0, 30.0),
                new TaskRejectedException(ProgressErrorCode.QUEUE_FULL, 100),
                new TaskStoreUnavailableException("RemoteTaskStore", null),
                new PostgresStoreException(PostgresStoreErrorCode.DATABASE_ERROR, null, "claim"),
                new TransportException(TransportErrorCode.RECONNECTS_EXHAUSTED, 5),
                new FusionException(FusionErrorCode.TOO_FEW_SOURCES, 1, 2));
        for (RuntimeException e : thrown) {
            for (Locale locale : messages.supportedLocales()) {
                if (e instanceof CodedError error) {
                    String text = messages.describe(locale, Problem.of(error));
                    assertFalse(text.isBlank() || text.contains(error.messageKey()), locale + ": " + text);
                } else {
                    throw new AssertionError(e.getClass() + " is not a CodedError");
                }
            }
        }
        assertEquals("The task database cannot be reached or refused the operation (claim). Please try again in a"
                + " moment.", messages.describe(Locale.ENGLISH, Problem.of((CodedError) thrown.get(3))));
    }

    @Test
    void aTaskErrorWithANullArgumentRendersInsteadOfThrowing() {
        TaskError error = new TaskError("ETO-1008", "error.missing_input", Arrays.asList("rs", null), false);

        Problem p = Problem.of(error);

        assertEquals(-1, p.row());
        assertNull(p.field());
        String text = Messages.bundled().describe(Locale.ENGLISH, p);
        assertEquals(false, text.isBlank(), text);
    }
}
