package org.eto4j.examples.cli;

import static org.eto4j.examples.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eto4j.examples.cli.MainTest.Outcome;
import org.junit.jupiter.api.Test;

/** The --method and --profile options. */
class MethodOptionTest {

    static String f2c(double f) {
        return Double.toString((f - 32.0) * 5.0 / 9.0);
    }

    @Test
    void hargreavesSamaniReproducesFao56Eq52ForLyon() {
        // FAO-56 example 20 / eq. 52, Lyon J = 196: 5.0 mm/day printed, 5.033055 recomputed.
        Outcome o = run("date,tmax,tmin\n2023-07-15,26.6,14.8\n", "daily", "--latitude", "45.716667",
                "--elevation", "200", "--method", "hargreaves-samani", "--decimals", "6");
        assertEquals(0, o.status(), o.err());
        assertEquals("date,eto,flags", o.lines().get(0));
        assertEquals(5.033055, Double.parseDouble(o.cell(1, 1)), 2e-6);
    }

    @Test
    void asceDailyReproducesRefEtForFallon() {
        // RefET test suite, Fallon NV 2015-07-01: ETr (refet) 10.571314344056955, ETo (asce) 7.997968911538578.
        String csv = "date,tmax,tmin,tdew,rs,uz\n2015-07-01," + f2c(102.80) + "," + f2c(66.65) + "," + f2c(49.84)
                + "," + 674.07 * 0.041868 + "," + 4.80 * 0.44704 + "\n";
        String[] station = {"daily", "--latitude", "39.4575", "--elevation", "1208.5", "--wind-height", "3",
            "--decimals", "9"};
        Outcome tall = run(csv, concat(station, "--method", "asce-tall", "--profile", "ref-et"));
        assertEquals(0, tall.status(), tall.err());
        assertEquals(10.571314344056955, Double.parseDouble(tall.cell(1, 1)), 1e-5);
        Outcome shortCrop = run(csv, concat(station, "--method", "asce-short"));
        assertEquals(7.997968911538578, Double.parseDouble(shortCrop.cell(1, 1)), 1e-5);
    }

    @Test
    void asceHourlyReproducesRefEtForFallon() {
        // RefET test suite, Fallon NV 2015-07-01 18:00 UTC: ETo (asce) 0.6063515410076268.
        String csv = "datetime,t,tdew,rs,uz\n2015-07-01T18:00Z," + f2c(91.80) + "," + f2c(49.36) + ","
                + 61.16 * 0.041868 + "," + 3.33 * 0.44704 + "\n";
        Outcome o = run(csv, "hourly", "--latitude", "39.4575", "--longitude", "-118.77388", "--elevation",
                "1208.5", "--wind-height", "3", "--method", "asce-short", "--decimals", "9");
        assertEquals(0, o.status(), o.err());
        assertEquals(0.6063515410076268, Double.parseDouble(o.cell(1, 1)), 1e-6);
    }

    @Test
    void asceLenientModeWarnsAndFlagsBadRows() {
        Outcome daily = run("date,tmax,tmin\n2023-07-15,26.6,14.8\n2023-07-16,10,20\n", "daily", "--latitude",
                "45.7", "--elevation", "200", "--method", "asce-tall", "--lenient", "--lang", "en");
        assertEquals(0, daily.status(), daily.err());
        assertEquals("invalid_row", daily.cell(2, 2));
        assertTrue(daily.err().contains("Row 2, column tmin"), daily.err());
        Outcome hourly = run("datetime,t,rh,rs\n2023-07-15T12:00Z,25,50,2\n2023-07-15T12:00Z,25,50,2\n"
                        + "2023-07-15T13:00Z,26,45,2.1\n", "hourly", "--latitude", "45.7", "--longitude", "4.8",
                "--elevation", "200", "--method", "asce-short", "--lenient", "--lang", "en");
        assertEquals(0, hourly.status(), hourly.err());
        assertEquals("invalid_row", hourly.cell(2, 2));
        assertTrue(Double.parseDouble(hourly.cell(3, 1)) > 0);
        assertTrue(hourly.err().contains("Row 2, column datetime"), hourly.err());
        Outcome strict = run("datetime,t,rh,rs\n2023-07-15T12:00Z,25,50,2\n2023-07-15T11:00Z,25,50,2\n",
                "hourly", "--latitude", "45.7", "--longitude", "4.8", "--elevation", "200", "--method",
                "asce-short", "--lang", "en");
        assertEquals(Main.INVALID_INPUT, strict.status());
        assertTrue(strict.err().contains("Row 2"), strict.err());
    }

    @Test
    void autoAddsAMethodColumnAndChoosesPerRow() {
        Outcome o = run("date,tmax,tmin,tmean,rs\n"
                        + "2023-07-15,26.6,14.8,,\n"
                        + "2023-07-16,,,20,22\n"
                        + "2023-07-17,,,20,\n",
                "daily", "--latitude", "45.716667", "--elevation", "200", "--method", "auto", "--decimals", "6");
        assertEquals(0, o.status(), o.err());
        assertEquals("date,eto,flags,method", o.lines().get(0));
        assertEquals("fao56", o.cell(1, 3));
        // FAO-56 example 20 with the missing-data procedures: 4.560439.
        assertEquals(4.560439, Double.parseDouble(o.cell(1, 1)), 2e-3);
        assertEquals("makkink", o.cell(2, 3));
        assertEquals("oudin", o.cell(3, 3));
    }

    static final String[] NDIAYE = {"hourly", "--latitude", "16.216667", "--longitude", "-16.25", "--elevation",
        "8", "--night-rs-rso", "0.8", "--decimals", "6"};

    @Test
    void hourlyAutoIsFao56WhenTheColumnsAllowIt() {
        // FAO-56 example 19, N'Diaye 1 October 1998 14-15h: 0.63 printed, 0.626927 recomputed (MainTest).
        String csv = "datetime,t,rh,u2,rs\n1998-10-01T02:00-01:00,28,90,1.9,0\n"
                + "1998-10-01T14:00-01:00,38,52,3.3,2.45\n";
        Outcome auto = run(csv, concat(NDIAYE, "--method", "auto", "--lang", "en"));
        Outcome fao56 = run(csv, NDIAYE);
        assertEquals(0, auto.status(), auto.err());
        assertEquals("datetime,eto,flags,method", auto.lines().get(0));
        assertEquals(0.626927, Double.parseDouble(auto.cell(2, 1)), 1e-4);
        for (int row = 1; row <= 2; row++) {
            assertEquals(fao56.cell(row, 1), auto.cell(row, 1));
            assertEquals(fao56.cell(row, 2), auto.cell(row, 2));
            assertEquals("fao56", auto.cell(row, 3));
        }
        // Without wind FAO-56's 2 m/s default applies and is flagged.
        Outcome noWind = run("datetime,t,tdew,rs\n1998-10-01T14:00-01:00,38,26,2.45\n",
                concat(NDIAYE, "--method", "auto", "--lang", "en"));
        assertEquals(0, noWind.status(), noWind.err());
        assertTrue(noWind.cell(1, 2).contains("wind_default"), noWind.out());
        assertEquals("fao56", noWind.cell(1, 3));
    }

    @Test
    void hourlyAutoNamesTheColumnItLacks() {
        Outcome noRs = run("datetime,t,rh,u2\n1998-10-01T14:00-01:00,38,52,3.3\n",
                concat(NDIAYE, "--method", "auto", "--lang", "en"));
        assertEquals(Main.INVALID_INPUT, noRs.status());
        assertTrue(noRs.err().contains("column rs"), noRs.err());
        assertEquals("", noRs.out());
        Outcome noHumidity = run("datetime,t,u2,rs\n1998-10-01T14:00-01:00,38,3.3,2.45\n",
                concat(NDIAYE, "--method", "auto", "--lang", "en"));
        assertEquals(Main.INVALID_INPUT, noHumidity.status());
        assertTrue(noHumidity.err().contains("rh|tdew|ea"), noHumidity.err());
        Outcome noT = run("datetime,rh,u2,rs\n1998-10-01T14:00-01:00,52,3.3,2.45\n",
                concat(NDIAYE, "--method", "auto", "--lang", "en"));
        assertEquals(Main.INVALID_INPUT, noT.status());
        assertTrue(noT.err().contains("column t"), noT.err());
        // pt-BR renders the same coded error.
        Outcome pt = run("datetime,t,rh,u2\n1998-10-01T14:00-01:00,38,52,3.3\n",
                concat(NDIAYE, "--method", "auto", "--lang", "pt-BR"));
        assertEquals(Main.INVALID_INPUT, pt.status());
        assertTrue(pt.err().contains("rs") && pt.err().contains("cabeçalho"), pt.err());
    }

    @Test
    void hourlyAutoInLenientModeFlagsRowsMissingAValue() {
        Outcome o = run("datetime,t,rh,u2,rs\n1998-10-01T14:00-01:00,38,52,3.3,2.45\n"
                        + "1998-10-01T15:00-01:00,38,52,3.3,\n",
                concat(NDIAYE, "--method", "auto", "--lenient", "--lang", "en"));
        assertEquals(0, o.status(), o.err());
        assertEquals("fao56", o.cell(1, 3));
        assertEquals("invalid_row", o.cell(2, 2));
        assertEquals("", o.cell(2, 3));
        assertTrue(o.err().contains("Row 2"), o.err());
    }

    @Test
    void aMethodLackingAColumnNamesItAndTheMethod() {
        Outcome o = run("date,tmax,tmin\n2023-07-15,26.6,14.8\n", "daily", "--latitude", "45.7", "--elevation",
                "200", "--method", "priestley-taylor", "--lang", "en");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertTrue(o.err().contains("rs") && o.err().contains("priestley-taylor"), o.err());
        assertTrue(o.err().contains("Row 1"), o.err());
    }

    @Test
    void lenientModeFlagsRowsAMethodCannotCompute() {
        Outcome o = run("date,tmean,rs\n2023-07-15,20,22\n2023-07-16,20,\n2023-07-17,21,23\n", "daily",
                "--latitude", "45.7", "--elevation", "200", "--method", "makkink", "--lenient", "--lang", "en");
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.cell(2, 1));
        assertEquals("invalid_row", o.cell(2, 2));
        assertTrue(Double.parseDouble(o.cell(3, 1)) > 0);
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("Row 2"), o.err());
    }

    @Test
    void everyDailyMethodRunsOnACompleteFile() {
        String csv = "date,tmax,tmin,rh_max,rh_min,u2,rs,sunshine_hours\n2023-07-15,26.6,14.8,80,40,2,22.3,12\n";
        for (String method : Command.DAILY_METHODS) {
            Outcome o = run(csv, "daily", "--latitude", "45.716667", "--elevation", "200", "--method", method);
            assertEquals(0, o.status(), method + ": " + o.err());
            double eto = Double.parseDouble(o.cell(1, 1));
            assertTrue(eto > 1 && eto < 10, method + ": " + eto);
        }
    }

    @Test
    void thornthwaiteIsMonthly() {
        StringBuilder csv = new StringBuilder("month,tmean\n");
        double[] climate = {0.5, 2.0, 6.0, 11.0, 15.5, 20.0, 23.0, 22.0, 18.0, 12.0, 6.0, 1.5};
        for (int m = 0; m < 12; m++) {
            csv.append(String.format("2021-%02d,%s%n", m + 1, climate[m]));
        }
        Outcome o = run(csv.toString(), "monthly", "--latitude", "40", "--elevation", "100", "--method",
                "thornthwaite", "--decimals", "6");
        assertEquals(0, o.status(), o.err());
        // Hand computation from Thornthwaite (1948), see eto-core's AlternativeMethodsTest: July 4.563166 mm/day.
        assertEquals(4.563166, Double.parseDouble(o.cell(7, 1)), 2e-6);
    }

    @Test
    void methodsOutsideTheirStepAndMisplacedProfilesAreUsageErrors() {
        String[] daily = {"daily", "--latitude", "1", "--elevation", "1"};
        assertEquals(Main.USAGE, run("", concat(daily, "--method", "thornthwaite")).status());
        assertEquals(Main.USAGE, run("", concat(daily, "--method", "penman")).status());
        assertEquals(Main.USAGE, run("", concat(daily, "--method", "makkink", "--profile", "ref-et")).status());
        assertEquals(Main.USAGE, run("", concat(daily, "--method", "asce-short", "--profile", "idaho")).status());
        assertEquals(Main.USAGE, run("", "hourly", "--latitude", "1", "--longitude", "1", "--elevation", "1",
                "--method", "hamon").status());
        assertEquals(Main.USAGE, run("", "monthly", "--latitude", "1", "--elevation", "1", "--method", "hamon")
                .status());
        assertEquals(Main.USAGE, run("", "hourly", "--latitude", "1", "--longitude", "1", "--elevation", "1",
                "--method", "auto", "--profile", "ref-et").status());
    }

    @Test
    void helpListsTheMethods() {
        String help = run("", "daily", "--help").out() + run("", "monthly", "--help").out()
                + run("", "hourly", "--help").out();
        for (String word : List.of("--method", "--profile", "asce-short", "thornthwaite", "auto", "ref-et",
                "hargreaves-samani", "romanenko")) {
            assertTrue(help.contains(word), word);
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
