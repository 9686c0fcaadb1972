package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CsvDialectTest {

    private final CsvDialect pt = CsvDialect.forLocale(Locale.forLanguageTag("pt-BR"));
    private final CsvDialect en = CsvDialect.forLocale(Locale.UK);

    @Test
    void brazilianCsvUsesSemicolonsAndDecimalCommas() {
        String csv = pt.preamble()
                + pt.line(pt.text("date"), pt.text("eto"), pt.text("flags"))
                + pt.line(pt.date(LocalDate.of(2024, 1, 31)), pt.number(4.56789, 4),
                        pt.text("ea_from_tmin|wind_default"))
                + pt.line(pt.date(LocalDate.of(2024, 2, 1)), pt.number(Double.NaN, 4), pt.text("invalid_row"));

        assertEquals("\uFEFFdate;eto;flags\r\n2024-01-31;4,5679;ea_from_tmin|wind_default\r\n"
                + "2024-02-01;;invalid_row\r\n", csv);
        assertEquals(StandardCharsets.UTF_8, pt.charset());
    }

    @Test
    void englishCsvUsesCommasAndDots() {
        CsvDialect plain = en.withByteOrderMark(false);
        assertEquals("", plain.preamble());
        assertEquals("2024-01-31,4.5679,-1.5\r\n",
                plain.line(plain.date(LocalDate.of(2024, 1, 31)), plain.number(4.56789, 4), plain.number(-1.5, 1)));
        assertEquals("1234567.9", en.number(1234567.891, 1), "no grouping separators in files");
    }

    @Test
    void textIsQuotedWhenItMustBe() {
        assertEquals("\"a,b\"", en.text("a,b"));
        assertEquals("a,b", pt.text("a,b"), "a comma needs no quotes where ; separates fields");
        assertEquals("\"a;b\"", pt.text("a;b"));
        assertEquals("\"say \"\"hi\"\"\"", en.text("say \"hi\""));
        assertEquals("\"two\nlines\"", en.text("two\nlines"));
        assertEquals("Umidade relativa máxima", pt.text("Umidade relativa máxima"));
        assertEquals("", en.text(null));
        assertEquals("", en.date(null));
    }

    @Test
    void formulasInTextAreNeutralisedButNumbersAreNot() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", en.text("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", en.text("+1"));
        assertEquals("'-2+3", en.text("-2+3"));
        assertEquals("'@SUM(A1:A2)", en.text("@SUM(A1:A2)"));
        assertEquals("'\tx", en.text("\tx"));
        assertEquals("\"'=1;2\"", pt.text("=1;2"));
        assertEquals("-3,5", pt.number(-3.5, 1), "a negative number stays a number");
        assertEquals("=1+1", en.withFormulaNeutralisation(false).text("=1+1"));
    }

    @Test
    void invalidDialectsFailNamingTheOption() {
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> new CsvDialect(',', ',', false, true, CsvDialect.CRLF));
        assertEquals("separator and decimalSeparator must differ, both were ','", same.getMessage());
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> new CsvDialect('"', '.', false, true, CsvDialect.CRLF));
        assertEquals("separator must not be a quote, digit, letter or line break, was '\"'", quote.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CsvDialect(';', ':', false, true, CsvDialect.CRLF));
        assertThrows(IllegalArgumentException.class, () -> new CsvDialect(';', ',', false, true, "\r"));
        IllegalArgumentException decimals = assertThrows(IllegalArgumentException.class, () -> en.number(1, 16));
        assertEquals("decimals must be between 0 and 15, was 16", decimals.getMessage());
    }
}
