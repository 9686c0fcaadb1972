package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every eto-core error, thrown as a real EtoException, renders as a full sentence with its arguments. */
class CoreErrorRenderingTest {

    private final Messages messages = Messages.bundled();

    /** A realistic exception for each code, with the arguments its documentation lists. */
    static EtoException sample(ErrorCode code) {
        return switch (code) {
            case VALUE_OUT_OF_RANGE -> new EtoException(code, "tmax", 11, "tmax", 75.5, -90, 60);
            case VALUE_NOT_FINITE -> new EtoException(code, "rs", 3, "rs");
            case TMIN_ABOVE_TMAX -> new EtoException(code, "tmin", 40, 31.2, 28.4);
            case RH_MIN_ABOVE_RH_MAX -> new EtoException(code, "rh_min", 7, 92, 88);
            case RS_ABOVE_EXTRATERRESTRIAL -> new EtoException(code, "rs", 100, 45.3, 41.1);
            case SUNSHINE_ABOVE_DAYLENGTH -> new EtoException(code, "sunshine_hours", 5, 14.5, 12.1);
            case TDEW_ABOVE_TEMPERATURE -> new EtoException(code, "tdew", 9, 26.3, 22.4);
            case MISSING_INPUT -> new EtoException(code, "rs", -1, "rs", "priestley-taylor");
            case LENGTH_MISMATCH -> new EtoException(code, "tmin", -1, "tmin", 364, 365);
            case INVALID_OPTION -> new EtoException(code, null, -1, "krs", 0.4, "0.1 – 0.3");
            case MISSING_HEADER -> new EtoException(code, null, -1);
            case EMPTY_INPUT -> new EtoException(code, null, -1);
            case MALFORMED_NUMBER -> new EtoException(code, "u2", 1234, "u2", "2,4x");
            case MALFORMED_DATE -> new EtoException(code, "date", 0, "date", "31/02/2024", "yyyy-MM-dd");
            case DUPLICATE_TIMESTAMP -> new EtoException(code, "date", 60, "date", "2024-03-01", 59);
            case MISSING_COLUMN -> new EtoException(code, "tmax", -1, "tmax");
            case DUPLICATE_COLUMN -> new EtoException(code, "tmax", -1, "tmax");
            case WRONG_CELL_COUNT -> new EtoException(code, null, 17, 5, 7);
            case TIMESTAMP_OUT_OF_ORDER -> new EtoException(code, "date", 30, "date", "2024-01-15");
            case UNKNOWN_METHOD -> new EtoException(code, null, -1, "penman");
        };
    }

    static Problem problem(EtoException e) {
        return Problem.of(e.messageKey(), e.args()).withField(e.field().orElse(null)).withRow(e.row().orElse(-1));
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCoreErrorIsAFullSentenceWithItsArgumentsInBothLanguages(ErrorCode code) {
        EtoException e = sample(code);
        String en = messages.format(Messages.ENGLISH, e.messageKey(), e.args());
        String pt = messages.format(Messages.BRAZILIAN_PORTUGUESE, e.messageKey(), e.args());
        for (String text : List.of(en, pt)) {
            assertNotEquals(e.messageKey(), text);
            assertFalse(text.contains("{") || text.contains("}"), "unfilled placeholder: " + text);
            assertTrue(Character.isUpperCase(text.codePointAt(0)), "starts a sentence: " + text);
            assertTrue(text.endsWith("."), "ends a sentence: " + text);
            assertTrue(text.split(" ").length >= 5, "a sentence, not a label: " + text);
        }
        assertNotEquals(en, pt);
        for (Object arg : e.args()) {
            if (arg instanceof String s) {
                assertTrue(en.contains(s), en + " should contain " + s);
                assertTrue(pt.contains(s), pt + " should contain " + s);
            } else if (arg instanceof Number n && !(code == ErrorCode.LENGTH_MISMATCH
                    || code == ErrorCode.WRONG_CELL_COUNT)) {
                assertTrue(en.contains(n.toString()), en + " should contain " + n);
                assertTrue(pt.contains(n.toString().replace('.', ',')), pt + " should contain " + n);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyDocumentedArgumentIsUsedAndNoOther(ErrorCode code) {
        // The samples above pass exactly the arguments each code's documentation lists, in order.
        Set<Integer> documented = IntStream.range(0, sample(code).args().size()).boxed().collect(Collectors.toSet());
        for (Locale l : messages.supportedLocales()) {
            String pattern = messages.pattern(l, code.messageKey()).orElseThrow();
            assertEquals(documented, BundleCompleteness.placeholders(pattern), l + " " + code);
        }
    }

    @Test
    void aRangeErrorAtARowAndColumnReadsNaturally() {
        EtoException e = sample(ErrorCode.VALUE_OUT_OF_RANGE); // zero-based row 11 is the 12th data row

        assertEquals("Row 12, column tmax: The value 75.5 of tmax is outside the physically possible range,"
                + " from -90 to 60.", messages.describe(Locale.ENGLISH, problem(e)));
        assertEquals("Linha 12, coluna tmax: O valor 75,5 de tmax está fora do intervalo fisicamente possível,"
                + " de -90 a 60.", messages.describe(Locale.forLanguageTag("pt-BR"), problem(e)));
    }

    @Test
    void aTemperatureInversionReadsNaturally() {
        EtoException e = sample(ErrorCode.TMIN_ABOVE_TMAX);

        assertEquals("Row 41, column tmin: The minimum temperature (31.2 °C) is higher than the maximum"
                + " temperature (28.4 °C).", messages.describe(Locale.US, problem(e)));
        assertEquals("Linha 41, coluna tmin: A temperatura mínima (31,2 °C) é maior que a temperatura máxima"
                + " (28,4 °C).", messages.describe(Locale.forLanguageTag("pt-PT"), problem(e)));
    }

    @Test
    void pluralsFollowTheCount() {
        assertEquals("This row has 5 cells, but the header has 7 columns.",
                messages.format(Locale.ENGLISH, "error.wrong_cell_count", 5, 7));
        assertEquals("This row has 1 cell, but the header has 1 column.",
                messages.format(Locale.ENGLISH, "error.wrong_cell_count", 1, 1));
        assertEquals("Esta linha tem 1 célula, mas o cabeçalho tem 1.234 colunas.",
                messages.format(Messages.BRAZILIAN_PORTUGUESE, "error.wrong_cell_count", 1, 1234));
        assertEquals("A coluna tmin tem 364 valores, mas eram esperados 365.",
                messages.format(Messages.BRAZILIAN_PORTUGUESE, "error.length_mismatch", "tmin", 364, 365));
        assertEquals("The column tmin has 1 value, but 2 were expected.",
                messages.format(Messages.ENGLISH, "error.length_mismatch", "tmin", 1, 2));
    }

    @Test
    void errorsWithoutRowOrFieldAreTheBareSentence() {
        EtoException e = sample(ErrorCode.EMPTY_INPUT);
        assertEquals("The input is empty: it contains no data rows.", messages.describe(Locale.ENGLISH, problem(e)));
        assertEquals("A entrada está vazia: não contém nenhuma linha de dados.",
                messages.describe(Messages.BRAZILIAN_PORTUGUESE, problem(e)));

        EtoException missing = sample(ErrorCode.MISSING_COLUMN);
        assertEquals("Coluna tmax: A coluna obrigatória tmax não consta do cabeçalho.",
                messages.describe(Messages.BRAZILIAN_PORTUGUESE, problem(missing)));

        EtoException cells = sample(ErrorCode.WRONG_CELL_COUNT);
        assertEquals("Row 18: This row has 5 cells, but the header has 7 columns.",
                messages.describe(Locale.ENGLISH, problem(cells)));
    }

    @ParameterizedTest
    @EnumSource(EstimateFlag.class)
    void everyFlagHasADescriptionAndAShortLabelInBothLanguages(EstimateFlag flag) {
        for (Locale l : messages.supportedLocales()) {
            String text = messages.format(l, flag.messageKey());
            String label = messages.format(l, "flag.short." + flag.token());
            assertTrue(text.endsWith(".") && text.length() > label.length(), text);
            assertNotEquals(flag.messageKey(), text);
        }
        assertNotEquals(messages.format(Locale.ENGLISH, flag.messageKey()),
                messages.format(Messages.BRAZILIAN_PORTUGUESE, flag.messageKey()));
    }
}
