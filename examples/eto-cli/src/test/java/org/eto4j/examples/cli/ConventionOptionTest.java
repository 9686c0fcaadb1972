package org.eto4j.examples.cli;

import static org.eto4j.examples.cli.MainTest.run;
import static org.eto4j.examples.cli.MethodOptionTest.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import org.eto4j.examples.cli.MainTest.Outcome;
import org.junit.jupiter.api.Test;

/** The options of eto-core's named conventions of Oudin's and Thornthwaite's methods: --oudin, --day-length. */
class ConventionOptionTest {

    /**
     * airGR's {@code PE_Oudin} as published in the test of its Python port pe-oudin 0.3 ({@code test_pe_oudin}):
     * 32° N, 1 January 2018, 20 and 25 °C → 1.948655 and 2.338386 mm/day (eto-core's AlternativeMethodsTest).
     */
    static final String OUDIN_CSV = "date,tmean\n2018-01-01,20\n";
    static final String[] AT_32N = {"daily", "--latitude", "32", "--elevation", "0", "--decimals", "6"};

    @Test
    void oudinAirGrReproducesAirGrsPublishedValues() {
        Outcome airgr = run(OUDIN_CSV, concat(AT_32N, "--method", "oudin", "--oudin", "airgr"));
        assertEquals(0, airgr.status(), airgr.err());
        assertEquals(1.948655, Double.parseDouble(airgr.cell(1, 1)), 5e-7);
        Outcome airgr25 = run("date,tmean\n2018-01-01,25\n", concat(AT_32N, "--method", "oudin", "--oudin", "AirGR"));
        assertEquals(2.338386, Double.parseDouble(airgr25.cell(1, 1)), 5e-7);
    }

    @Test
    void oudinDefaultIsFao56sRaAndLatentHeat() {
        Outcome standard = run(OUDIN_CSV, concat(AT_32N, "--method", "oudin"));
        Outcome explicit = run(OUDIN_CSV, concat(AT_32N, "--method", "oudin", "--oudin", "fao56"));
        assertEquals(0, standard.status(), standard.err());
        // FAO-56 eq. 21 Ra and λ = 2.45: 1.7 % below airGR's 1.948655 (eto-core's AlternativeMethodsTest: 1.9152).
        assertEquals(1.9152, Double.parseDouble(standard.cell(1, 1)), 1e-4);
        assertEquals(standard.out(), explicit.out());
    }

    @Test
    void autoUsesTheChosenOudinVariantForMeanTemperatureRows() {
        Outcome airgr = run(OUDIN_CSV, concat(AT_32N, "--method", "auto", "--oudin", "airgr"));
        Outcome standard = run(OUDIN_CSV, concat(AT_32N, "--method", "auto"));
        assertEquals(0, airgr.status(), airgr.err());
        assertEquals("oudin", airgr.cell(1, 3));
        assertEquals(1.948655, Double.parseDouble(airgr.cell(1, 1)), 5e-7);
        assertEquals(1.9152, Double.parseDouble(standard.cell(1, 1)), 1e-4);
    }

    /**
     * PyETo's documented example (docs/thornthwaite.rst), Aberdeen 57.1526° N, 2014: monthly mean temperatures and
     * PET totals in mm/month, with L the mean of FAO-56 eq. 34 over the month (eto-core's AlternativeMethodsTest).
     */
    static final double[] ABERDEEN_T = {3.1, 3.5, 5.0, 6.7, 9.3, 12.1, 14.3, 14.1, 11.8, 8.9, 5.5, 3.8};
    static final double[] ABERDEEN_PET = {11.04590543317501, 14.225860424373405, 27.802870598091953,
        43.178869424774305, 70.47694909766452, 93.99420906995957, 109.69881616481408, 95.24491684988213,
        64.9945211942068, 41.06371810827504, 19.562094545836995, 12.090183352107148};
    static final String[] ABERDEEN = {"monthly", "--latitude", "57.1526", "--elevation", "0", "--decimals", "9"};

    static String aberdeenCsv() {
        StringBuilder csv = new StringBuilder("month,tmean\n");
        for (int m = 0; m < 12; m++) {
            csv.append(String.format("2014-%02d,%s%n", m + 1, ABERDEEN_T[m]));
        }
        return csv.toString();
    }

    @Test
    void thornthwaiteMonthMeanDayLengthReproducesPyEto() {
        for (String method : new String[] {"thornthwaite", "auto"}) {
            Outcome monthMean = run(aberdeenCsv(), concat(ABERDEEN, "--method", method, "--day-length", "month-mean"));
            Outcome midMonth = run(aberdeenCsv(), concat(ABERDEEN, "--method", method));
            assertEquals(0, monthMean.status(), monthMean.err());
            assertEquals(0, midMonth.status(), midMonth.err());
            for (int m = 0; m < 12; m++) {
                int days = YearMonth.of(2014, m + 1).lengthOfMonth();
                double perDay = ABERDEEN_PET[m] / days;
                // Printed to 9 decimals: half a unit of the last one.
                assertEquals(perDay, Double.parseDouble(monthMean.cell(m + 1, 1)), 5e-10, method + " month " + (m + 1));
                double defaultValue = Double.parseDouble(midMonth.cell(m + 1, 1));
                // The default (L on the 15th) differs, within 2 % of PyETo's here.
                assertNotEquals(monthMean.cell(m + 1, 1), midMonth.cell(m + 1, 1));
                assertEquals(perDay, defaultValue, 0.02 * perDay);
            }
        }
        Outcome explicit = run(aberdeenCsv(),
                concat(ABERDEEN, "--method", "thornthwaite", "--day-length", "mid-month"));
        assertEquals(run(aberdeenCsv(), concat(ABERDEEN, "--method", "thornthwaite")).out(), explicit.out());
    }

    @Test
    void aBadValueIsTheCodedInvalidOptionError() {
        Outcome en = run(OUDIN_CSV, concat(AT_32N, "--method", "oudin", "--oudin", "morton", "--lang", "en"));
        assertEquals(Main.USAGE, en.status());
        assertEquals("", en.out());
        assertEquals("eto-cli: The value morton is not accepted for the option --oudin; accepted values: fao56, airgr.",
                en.err().strip());
        Outcome pt = run(OUDIN_CSV, concat(AT_32N, "--method", "oudin", "--oudin", "morton", "--lang", "pt-BR"));
        assertEquals(Main.USAGE, pt.status());
        assertEquals("eto-cli: O valor morton não é aceito para a opção --oudin; valores aceitos: fao56, airgr.",
                pt.err().strip());
        Outcome day = run(aberdeenCsv(), concat(ABERDEEN, "--method", "thornthwaite", "--day-length", "15th",
                "--lang", "pt-BR"));
        assertEquals(Main.USAGE, day.status());
        assertEquals("eto-cli: O valor 15th não é aceito para a opção --day-length; valores aceitos: mid-month, "
                + "month-mean.", day.err().strip());
    }

    @Test
    void theOptionsApplyOnlyWhereTheirMethodCanRun() {
        assertEquals(Main.USAGE, run(OUDIN_CSV, concat(AT_32N, "--method", "makkink", "--oudin", "airgr")).status());
        assertEquals(Main.USAGE, run(OUDIN_CSV, concat(AT_32N, "--oudin", "airgr")).status());
        assertEquals(Main.USAGE, run(OUDIN_CSV, concat(AT_32N, "--method", "oudin", "--day-length", "month-mean"))
                .status());
        assertEquals(Main.USAGE, run(aberdeenCsv(), concat(ABERDEEN, "--day-length", "month-mean")).status());
        Outcome misplaced = run(aberdeenCsv(), concat(ABERDEEN, "--method", "auto", "--oudin", "airgr"));
        assertEquals(Main.USAGE, misplaced.status());
        assertTrue(misplaced.err().contains("--oudin"), misplaced.err());
    }

    @Test
    void helpNamesTheOptionsAndTheirValues() {
        String help = run("", "daily", "--help").out() + run("", "monthly", "--help").out();
        for (String word : new String[] {"--oudin=fao56|airgr", "--day-length=mid-month|month-mean",
            "monthly: fao56 (default), thornthwaite, auto", "monthly auto"}) {
            assertTrue(help.contains(word), word);
        }
    }
}
