package org.eto4j.examples.cli;

import static org.eto4j.examples.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eto4j.examples.cli.MainTest.Outcome;
import org.junit.jupiter.api.Test;

/** --tmean extremes|measured: eto-sources' TmeanRule on the command line, FAO-56's (Tmax + Tmin)/2 by default. */
class TmeanOptionTest {
    static final String CSV = "date,tmax,tmin,tmean,rh_mean,u2,rs\n2023-07-15,30,18,22.5,60,2,15\n";
    static final String[] DAILY = {"daily", "--latitude", "-22.7", "--elevation", "546"};

    @Test
    void theDefaultIsTheMeanOfTheExtremesAndTheFlagSaysSo() {
        Outcome standard = run(CSV, DAILY);
        Outcome explicit = run(CSV, MethodOptionTest.concat(DAILY, "--tmean", "extremes"));
        Outcome measured = run(CSV, MethodOptionTest.concat(DAILY, "--tmean", "measured"));
        assertEquals(0, standard.status(), standard.err());
        assertEquals(standard.out(), explicit.out());
        assertEquals("tmean_from_extremes", standard.cell(1, 2));
        assertEquals("", measured.cell(1, 2));
        assertNotEquals(standard.cell(1, 1), measured.cell(1, 1));
    }

    @Test
    void rowByRowMethodsFollowTheSameRule() {
        Outcome standard = run(CSV, MethodOptionTest.concat(DAILY, "--method", "auto"));
        Outcome measured = run(CSV, MethodOptionTest.concat(DAILY, "--method", "auto", "--tmean", "measured"));
        Outcome batch = run(CSV, DAILY);
        assertEquals(0, standard.status(), standard.err());
        assertEquals("fao56", standard.cell(1, 3));
        assertEquals(batch.cell(1, 1), standard.cell(1, 1), "the batch and row-by-row paths agree");
        assertEquals("tmean_from_extremes", standard.cell(1, 2));
        assertEquals(run(CSV, MethodOptionTest.concat(DAILY, "--tmean", "measured")).cell(1, 1), measured.cell(1, 1));
        // A day with only a mean keeps it under either rule: (Tmax + Tmin)/2 cannot stand in for it.
        Outcome meanOnly = run("date,tmean\n2018-01-01,20\n", "daily", "--latitude", "32", "--elevation", "0",
                "--method", "oudin");
        assertEquals(0, meanOnly.status(), meanOnly.err());
        assertTrue(Double.parseDouble(meanOnly.cell(1, 1)) > 1.9, meanOnly.out());
    }

    @Test
    void anUnknownValueOrAnotherStepIsACommandLineMistake() {
        Outcome unknown = run(CSV, MethodOptionTest.concat(DAILY, "--tmean", "hourly", "--lang", "en"));
        assertEquals(Main.USAGE, unknown.status());
        assertTrue(unknown.err().contains("--tmean") && unknown.err().contains("extremes, measured"), unknown.err());
        Outcome monthly = run("month,tmax,tmin\n2023-03,33.4,25.0\n", "monthly", "--latitude", "13.7",
                "--elevation", "2", "--tmean", "measured");
        assertEquals(Main.USAGE, monthly.status());
        assertTrue(monthly.err().contains("--tmean applies only to daily"), monthly.err());
    }
}
