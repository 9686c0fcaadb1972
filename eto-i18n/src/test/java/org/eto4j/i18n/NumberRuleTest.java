package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one number rule of every CSV eto4j writes: fixed decimals, half up on the double's shortest decimal. */
class NumberRuleTest {

    @Test
    void tiesGoAwayFromZero() {
        assertEquals("3.8803", CsvDialect.formatNumber(3.88025, 4), "the double is just below the tie");
        assertEquals("3.8802", CsvDialect.formatNumber(3.880249999, 4));
        assertEquals("1.0001", CsvDialect.formatNumber(1.00005, 4), "1.00005 * 10^4 is 10000.499999… in binary");
        assertEquals("0.1", CsvDialect.formatNumber(0.05, 1));
        assertEquals("3", CsvDialect.formatNumber(2.5, 0));
        assertEquals("-3", CsvDialect.formatNumber(-2.5, 0));
        assertEquals("-0.0001", CsvDialect.formatNumber(-0.00005, 4));
        assertEquals("2.68", CsvDialect.formatNumber(2.675, 2), "2.675 is 2.67499999… in binary, 2.675 as decimal");
    }

    @Test
    void everyDecimalIsWrittenWithoutGroupingOrExponent() {
        assertEquals("25.3000", CsvDialect.formatNumber(25.3, 4));
        assertEquals("19.0000", CsvDialect.formatNumber(19, 4));
        assertEquals("0.0000", CsvDialect.formatNumber(0, 4));
        assertEquals("12", CsvDialect.formatNumber(12.4, 0));
        assertEquals("0.0000", CsvDialect.formatNumber(1e-300, 4));
        assertEquals("0.000000000000001", CsvDialect.formatNumber(1e-15, 15));
        assertEquals("123456789012.3457", CsvDialect.formatNumber(123456789012.34567, 4));
        assertEquals("10000000000000000000000.0000", CsvDialect.formatNumber(1e22, 4), "no exponent, no grouping");
        String largest = CsvDialect.formatNumber(-Double.MAX_VALUE, 0);
        assertEquals("-17976931348623157" + "0".repeat(292), largest, "the largest double, every digit written");
    }

    @Test
    void zeroIsNeverNegative() {
        assertEquals("0.0000", CsvDialect.formatNumber(-0.0, 4));
        assertEquals("0.0000", CsvDialect.formatNumber(-0.00004, 4));
        assertEquals("0", CsvDialect.formatNumber(-0.4, 0));
        assertEquals("0,00", CsvDialect.BRAZILIAN_PORTUGUESE.number(-0.001, 2));
    }

    @Test
    void missingValuesAreEmptyCells() {
        assertEquals(CsvDialect.MISSING, CsvDialect.formatNumber(Double.NaN, 4));
        assertEquals("", CsvDialect.formatNumber(Double.POSITIVE_INFINITY, 4));
        assertEquals("", CsvDialect.formatNumber(Double.NEGATIVE_INFINITY, 0));
        assertEquals("x,,y\n", CsvDialect.PLAIN.line("x", CsvDialect.PLAIN.number(Double.NaN, 4), "y"));
    }

    @Test
    void everyDialectWritesTheSameDigits() {
        assertEquals("4.5679", CsvDialect.ENGLISH.number(4.56789, CsvDialect.DEFAULT_DECIMALS));
        assertEquals("4,5679", CsvDialect.BRAZILIAN_PORTUGUESE.number(4.56789, CsvDialect.DEFAULT_DECIMALS));
        assertEquals("-12,3457", CsvDialect.BRAZILIAN_PORTUGUESE
                .appendNumber(new StringBuilder(), -12.34565, 4).toString());
        assertEquals("a1.50", CsvDialect.PLAIN.appendNumber(new StringBuilder("a"), 1.495, 2).toString());
    }

    @Test
    void decimalsOutsideTheRangeAreRefused() {
        assertEquals("decimals must be between 0 and 15, was -1",
                assertThrows(IllegalArgumentException.class, () -> CsvDialect.formatNumber(1, -1)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CsvDialect.PLAIN.appendNumber(new StringBuilder(), Double.NaN, 16));
    }

    @Test
    void thePlainDialectIsTheDataFileFormat() {
        assertEquals("", CsvDialect.PLAIN.preamble());
        assertEquals("2024-01-31,3.8803,tmean_from_extremes\n", CsvDialect.PLAIN.line(
                "2024-01-31", CsvDialect.PLAIN.number(3.88025, 4), CsvDialect.PLAIN.text("tmean_from_extremes")));
        assertFalse(CsvDialect.PLAIN.neutraliseFormulas());
    }

    /** The long-arithmetic path must equal BigDecimal's on every value it accepts; near-ties included. */
    @Test
    void theFastPathEqualsTheDecimalDefinition() {
        SplittableRandom random = new SplittableRandom(56);
        int fast = 0;
        for (int i = 0; i < 1_000_000; i++) {
            int decimals = random.nextInt(10);
            double value;
            switch (i % 4) {
                case 0 -> value = random.nextDouble(-20, 20);
                case 1 -> value = Math.scalb(random.nextDouble(-1, 1), random.nextInt(-30, 40));
                case 2 -> {
                    // A decimal tie k + ½ at the last place, nudged by a few ulps either way.
                    double tie = (random.nextLong(-2_000_000, 2_000_000) + 0.5) / Math.pow(10, decimals);
                    value = tie + random.nextInt(-6, 7) * Math.ulp(tie);
                }
                default -> value = random.nextInt(-100_000, 100_000) / 10_000.0 + 0.00005;
            }
            StringBuilder out = new StringBuilder();
            if (CsvDialect.appendFast(out, value, decimals, '.')) {
                fast++;
                assertEquals(CsvDialect.round(value, decimals).toPlainString(), out.toString(),
                        value + " to " + decimals);
            }
        }
        // Most values take the fast path; otherwise the proof above would be about nothing.
        assertEquals(true, fast > 700_000, "fast path taken " + fast + " times");
    }
}
