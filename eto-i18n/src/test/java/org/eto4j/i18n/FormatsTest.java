package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

    private final Formats en = Messages.bundled().formats(Locale.US);
    private final Formats pt = Messages.bundled().formats(Locale.forLanguageTag("pt-BR"));

    @ParameterizedTest(name = "{0} with {1} decimals -> {2} / {3}")
    @CsvSource(delimiter = '|', value = {
        "4.5678     | 2 | 4.57        | 4,57",
        "4.5        | 2 | 4.50        | 4,50",
        "2.675      | 2 | 2.68        | 2,68",        // half up from the shortest decimal form
        "1234.5     | 2 | 1,234.50    | 1.234,50",
        "1234567.891| 1 | 1,234,567.9 | 1.234.567,9",
        "-0.001     | 2 | 0.00        | 0,00",        // never a negative zero
        "-3.25      | 1 | -3.3        | -3,3",
        "999.996    | 2 | 1,000.00    | 1.000,00",
        "0.04       | 0 | 0           | 0",
        "5.72       | 4 | 5.7200      | 5,7200",
    })
    void numbersUseTheLocalesSeparators(double value, int decimals, String english, String portuguese) {
        assertEquals(english, en.number(value, decimals));
        assertEquals(portuguese, pt.number(value, decimals));
    }

    @Test
    void etoHasFixedDecimals() {
        assertEquals("3.90", en.eto(3.9));
        assertEquals("3,90", pt.eto(3.9));
        assertEquals("3,9000", pt.withEtoDecimals(4).eto(3.9));
        assertEquals(2, pt.etoDecimals());
        assertEquals(Formats.NOT_AVAILABLE, pt.eto(Double.NaN));
        assertEquals(Formats.NOT_AVAILABLE, en.number(Double.POSITIVE_INFINITY, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> en.withEtoDecimals(16));
        assertEquals("decimals must be between 0 and 15, was 16", e.getMessage());
    }

    @Test
    void unitsAndQuantities() {
        assertEquals("4.57 mm/day", en.quantity(4.567, 2, Unit.MM_PER_DAY));
        assertEquals("4,57 mm/dia", pt.quantity(4.567, 2, Unit.MM_PER_DAY));
        assertEquals("MJ m⁻² day⁻¹", en.unit(Unit.MJ_PER_M2_PER_DAY));
        assertEquals("MJ m⁻² dia⁻¹", pt.unit(Unit.MJ_PER_M2_PER_DAY));
        assertEquals("mm/mês", pt.unit(Unit.MM_PER_MONTH));
        assertEquals(Formats.NOT_AVAILABLE, pt.quantity(Double.NaN, 2, Unit.MM));
        for (Unit u : Unit.values()) {
            assertEquals(false, en.unit(u).startsWith("unit."), u.name());
            assertEquals(false, pt.unit(u).startsWith("unit."), u.name());
        }
    }

    @Test
    void datesAreIsoInEnglishAndDayFirstInPortuguese() {
        LocalDate d = LocalDate.of(2024, 3, 5);
        assertEquals("2024-03-05", en.date(d));
        assertEquals("05/03/2024", pt.date(d));
        assertEquals("2024-03-05 14:00", en.dateTime(LocalDateTime.of(2024, 3, 5, 14, 0, 59)));
        assertEquals("05/03/2024 14:00", pt.dateTime(LocalDateTime.of(2024, 3, 5, 14, 0, 59)));
        assertEquals("1998-07", en.month(YearMonth.of(1998, 7)));
        assertEquals("07/1998", pt.month(YearMonth.of(1998, 7)));
        assertEquals("dd/MM/uuuu", pt.datePattern());
    }

    @ParameterizedTest(name = "{0} s left -> {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        "-3   | Almost done                  | Quase concluído",
        "4    | Almost done                  | Quase concluído",
        "5    | Less than a minute left      | Menos de um minuto restante",
        "59   | Less than a minute left      | Menos de um minuto restante",
        "60   | About 1 min left             | Cerca de 1 min restantes",
        "125  | About 2 min left             | Cerca de 2 min restantes",
        "3569 | About 59 min left            | Cerca de 59 min restantes",
        "3570 | About 1 h 0 min left         | Cerca de 1 h 0 min restantes",
        "5400 | About 1 h 30 min left        | Cerca de 1 h 30 min restantes",
    })
    void timeLeftIsRoundedForAPerson(long seconds, String english, String portuguese) {
        assertEquals(english, en.remaining(Duration.ofSeconds(seconds)));
        assertEquals(portuguese, pt.remaining(Duration.ofSeconds(seconds)));
    }

    @Test
    void elapsedTimeAndUnknownEstimates() {
        assertEquals("12 s", en.elapsed(Duration.ofMillis(12_900)));
        assertEquals("3 min 5 s", pt.elapsed(Duration.ofSeconds(185)));
        assertEquals("1 h 4 min", pt.elapsed(Duration.ofSeconds(3_840)));
        assertEquals("Estimating the time left…", en.remainingUnknown());
        assertEquals("Calculando o tempo restante…", pt.remainingUnknown());
    }

    @Test
    void eachLocaleHasItsCsvDialect() {
        assertSame(CsvDialect.ENGLISH, en.csv());
        assertSame(CsvDialect.BRAZILIAN_PORTUGUESE, pt.csv());
        assertEquals(Locale.ENGLISH, en.locale());
    }
}
