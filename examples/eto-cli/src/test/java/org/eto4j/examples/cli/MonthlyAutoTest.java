package org.eto4j.examples.cli;

import static org.eto4j.examples.cli.MainTest.run;
import static org.eto4j.examples.cli.MethodOptionTest.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eto4j.examples.cli.MainTest.Outcome;
import org.junit.jupiter.api.Test;

/** {@code monthly --method auto}: FAO-56's monthly Penman-Monteith when the header allows it, else Thornthwaite. */
class MonthlyAutoTest {

    static final String[] BANGKOK = {"monthly", "--latitude", "13.733333", "--elevation", "2", "--decimals", "6"};
    /** FAO-56 example 17, Bangkok, March and April. */
    static final String BANGKOK_CSV = "month,tmax,tmin,tmean,ea,u2,sunshine_hours\n"
            + "2023-03,33.4,25.0,29.2,2.85,2,8.5\n"
            + "2023-04,34.8,25.6,30.2,2.85,2,8.5\n";
    static final String[] AT_40N = {"monthly", "--latitude", "40", "--elevation", "100", "--decimals", "6"};

    /** The twelve monthly means of eto-core's Thornthwaite hand computation (AlternativeMethodsTest). */
    static String climateCsv(String header, String extra) {
        double[] climate = {0.5, 2.0, 6.0, 11.0, 15.5, 20.0, 23.0, 22.0, 18.0, 12.0, 6.0, 1.5};
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int m = 0; m < 12; m++) {
            csv.append(String.format("2021-%02d,%s%s%n", m + 1, climate[m], extra));
        }
        return csv.toString();
    }

    @Test
    void withTmaxAndTminItIsFao56AndMatchesTheFao56Method() {
        Outcome auto = run(BANGKOK_CSV, concat(BANGKOK, "--method", "auto", "--lang", "en"));
        Outcome fao56 = run(BANGKOK_CSV, BANGKOK);
        assertEquals(0, auto.status(), auto.err());
        assertEquals("month,eto,flags,method", auto.lines().get(0));
        // FAO-56 example 17, April: ETo 5.72 mm/day.
        assertEquals(5.72, Double.parseDouble(auto.cell(2, 1)), 0.005);
        for (int row = 1; row <= 2; row++) {
            assertEquals(fao56.cell(row, 0), auto.cell(row, 0));
            assertEquals(fao56.cell(row, 1), auto.cell(row, 1));
            assertEquals(fao56.cell(row, 2), auto.cell(row, 2));
            assertEquals("fao56", auto.cell(row, 3));
        }
    }

    @Test
    void withTmaxAndTminOnlyPenmanMonteithRunsOnFao56Estimates() {
        // As daily auto (FAO-56 ch. 3): Penman-Monteith with estimated ea, Rs and wind beats a simpler method.
        Outcome o = run("month,T2M_MAX,T2M_MIN\n2023-03,33.4,25.0\n2023-04,34.8,25.6\n",
                concat(BANGKOK, "--method", "auto"));
        assertEquals(0, o.status(), o.err());
        assertEquals("fao56", o.cell(2, 3));
        for (String flag : new String[] {"ea_from_tmin", "rs_from_temperature_range", "wind_default"}) {
            assertTrue(o.cell(2, 2).contains(flag), o.out());
        }
    }

    @Test
    void withOnlyAMeanTemperatureItIsThornthwaite() {
        Outcome o = run(climateCsv("month,tmean", ""), concat(AT_40N, "--method", "auto"));
        Outcome thornthwaite = run(climateCsv("month,tmean", ""), concat(AT_40N, "--method", "thornthwaite"));
        assertEquals(0, o.status(), o.err());
        assertEquals("month,eto,flags,method", o.lines().get(0));
        assertEquals(13, o.lines().size());
        // Hand computation from Thornthwaite (1948), eto-core's AlternativeMethodsTest: July 4.563166 mm/day,
        // January 0.021680 mm/day.
        assertEquals(4.563166, Double.parseDouble(o.cell(7, 1)), 2e-6);
        assertEquals(0.021680, Double.parseDouble(o.cell(1, 1)), 2e-6);
        for (int row = 1; row <= 12; row++) {
            assertEquals("thornthwaite", o.cell(row, 3));
            assertEquals(thornthwaite.cell(row, 1), o.cell(row, 1));
        }
        // tmax without tmin does not make Penman-Monteith possible: still Thornthwaite on tmean.
        Outcome tmaxToo = run(climateCsv("month,tmean,tmax", ",30"), concat(AT_40N, "--method", "auto"));
        assertEquals(0, tmaxToo.status(), tmaxToo.err());
        assertEquals("thornthwaite", tmaxToo.cell(7, 3));
        assertEquals(o.cell(7, 1), tmaxToo.cell(7, 1));
    }

    @Test
    void withoutATemperatureColumnTheRunStopsNamingIt() {
        String[] auto = concat(BANGKOK, "--method", "auto", "--lang", "en");
        Outcome none = run("month,rh_mean,u2\n2023-03,70,2\n", auto);
        assertEquals(Main.INVALID_INPUT, none.status());
        assertEquals("", none.out());
        assertTrue(none.err().contains("The required column tmean is missing from the header."), none.err());
        Outcome noTmin = run("month,tmax,rs\n2023-03,33.4,20\n", auto);
        assertEquals(Main.INVALID_INPUT, noTmin.status());
        assertTrue(noTmin.err().contains("The required column tmin is missing"), noTmin.err());
        Outcome noTmax = run("month,tmin,rs\n2023-03,25,20\n", auto);
        assertEquals(Main.INVALID_INPUT, noTmax.status());
        assertTrue(noTmax.err().contains("The required column tmax is missing"), noTmax.err());
        assertEquals("", noTmax.out());
    }

    @Test
    void theMissingColumnErrorIsLocalised() {
        Outcome pt = run("month,tmax,rs\n2023-03,33.4,20\n", concat(BANGKOK, "--method", "auto", "--lang", "pt-BR"));
        assertEquals(Main.INVALID_INPUT, pt.status());
        assertTrue(pt.err().contains("tmin") && pt.err().contains("cabeçalho"), pt.err());
        assertEquals("", pt.out());
    }

    @Test
    void lenientAutoFlagsAnUnreadableMonthWithAnEmptyMethod() {
        Outcome o = run(BANGKOK_CSV + "2023-05,abc,25.0,29.0,2.85,2,8.5\n",
                concat(BANGKOK, "--method", "auto", "--lenient", "--lang", "en"));
        assertEquals(0, o.status(), o.err());
        assertEquals("fao56", o.cell(2, 3));
        assertEquals("invalid_row", o.cell(3, 2));
        assertEquals("", o.cell(3, 3));
        assertTrue(o.err().contains("Row 3, column tmax"), o.err());
    }
}
