package org.eto4j.examples.cli;

import static org.eto4j.examples.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eto4j.examples.cli.MainTest.Outcome;
import org.junit.jupiter.api.Test;

/** Hourly stamps as Ref-ET's data files give them: end of the period, 120° W standard time, no offset. */
class RefEtStampsTest {
    static final String[] FALLON = {"hourly", "--latitude", "39.4575", "--longitude", "-118.77388",
            "--elevation", "1208.5", "--wind-height", "3", "--method", "asce-short", "--profile", "ref-et",
            "--decimals", "2"};

    /** 13 April 2015, 18-19 h PST (Fallon AgriMet, from Ref-ET's data file, converted to °C, m/s, MJ). */
    static final String CSV = "datetime,t,tdew,uz,rs\n2015-04-13T19:00,"
            + (71.52 - 32) * 5 / 9 + "," + (7.05 - 32) * 5 / 9 + "," + 23.23 * 0.44704 + "," + 11.94 * 0.041868 + "\n";

    @Test
    void refEtFileStampsAreReadAsEndOfPeriodOnTheNamedMeridian() {
        String[] args = concat(FALLON, "--time-stamp", "end", "--standard-meridian", "120");
        Outcome o = run(CSV, args);
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("2015-04-13T19:00-08:00,"), o.out());
    }

    @Test
    void badMeridianIsACodedOptionError() {
        Outcome o = run(CSV, concat(FALLON, "--time-stamp", "end", "--standard-meridian", "500"));
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--standard-meridian"), o.err());
    }

    @Test
    void badTimeStampValueIsACodedOptionError() {
        Outcome o = run(CSV, concat(FALLON, "--time-stamp", "middle"));
        assertEquals(2, o.status());
        assertTrue(o.err().contains("--time-stamp"), o.err());
    }

    static String[] concat(String[] a, String... b) {
        return MethodOptionTest.concat(a, b);
    }
}
