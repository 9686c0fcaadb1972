package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    /** What one run of the tool produced. */
    record Outcome(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String cell(int line, int column) {
            return lines().get(line).split(",", -1)[column];
        }
    }

    static Outcome run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dailyReproducesFao56Example18() {
        // FAO-56 example 18, Brussels 6 July (J = 187): 10 km/h wind at 10 m; ETo 3.9 mm/day printed,
        // 3.880259 recomputed at full precision (reference cases, section 1).
        Outcome o = run(
                "date,tmax,tmin,rh_max,rh_min,uz,sunshine_hours\n2023-07-06,21.5,12.3,84,63,2.7777777778,9.25\n",
                "daily", "--latitude", "50.8", "--elevation", "100", "--wind-height", "10", "--decimals", "6", "--lang",
                "en");
        assertEquals(0, o.status(), o.err());
        assertEquals("date,eto,flags", o.lines().get(0));
        assertEquals("2023-07-06", o.cell(1, 0));
        assertEquals(3.880259, Double.parseDouble(o.cell(1, 1)), 2e-6);
        assertTrue(o.cell(1, 2).contains("rs_from_sunshine"), o.out());
        assertTrue(o.cell(1, 2).contains("wind_from_height"), o.out());
    }

    @Test
    void dailyMissingDataReproducesFao56Example20AndFlagsEveryEstimate() {
        // FAO-56 example 20, Lyon 15 July (J = 196), only Tmax and Tmin: recomputed ETo 4.560439.
        Outcome o = run("DATE,T2M_MAX,T2M_MIN\n2023-07-15,26.6,14.8\n",
                "daily", "--latitude", "45.716667", "--elevation", "200", "--decimals", "6");
        assertEquals(0, o.status(), o.err());
        assertEquals(4.560439, Double.parseDouble(o.cell(1, 1)), 2e-3);
        String flags = o.cell(1, 2);
        for (String flag : List.of("ea_from_tmin", "rs_from_temperature_range", "wind_default")) {
            assertTrue(flags.contains(flag), flags);
        }
    }

    @Test
    void monthlyReproducesFao56Example17WithSoilHeatFluxFromMarch() {
        // FAO-56 example 17, Bangkok April (J = 105): G = 0.14 (30.2 - 29.2), ETo 5.72 mm/day.
        Outcome o = run("month,tmax,tmin,tmean,ea,u2,sunshine_hours\n"
                        + "2023-03,33.4,25.0,29.2,2.85,2,8.5\n"
                        + "2023-04,34.8,25.6,30.2,2.85,2,8.5\n",
                "monthly", "--latitude", "13.733333", "--elevation", "2");
        assertEquals(0, o.status(), o.err());
        assertEquals("month,eto,flags", o.lines().get(0));
        assertEquals("2023-04", o.cell(2, 0));
        assertEquals(5.72, Double.parseDouble(o.cell(2, 1)), 0.005);
        assertTrue(o.cell(2, 2).contains("soil_heat_flux_previous_month_only"), o.out());
    }

    @Test
    void hourlyReproducesFao56Example19DayAndNight() {
        // FAO-56 example 19, N'Diaye: 14-15h ETo 0.63 (recomputed 0.626927 with Lz = 15° W, i.e. UTC-01:00),
        // 02-03h ETo 0.0 (recomputed 0.004344 with night Rs/Rso = 0.8).
        Outcome o = run("datetime,t,rh,u2,rs\n"
                        + "1998-10-01T02:00-01:00,28,90,1.9,0\n"
                        + "1998-10-01T14:00-01:00,38,52,3.3,2.45\n",
                "hourly", "--latitude", "16.216667", "--longitude", "-16.25", "--elevation", "8",
                "--night-rs-rso", "0.8", "--decimals", "6");
        assertEquals(0, o.status(), o.err());
        assertEquals(0.004344, Double.parseDouble(o.cell(1, 1)), 1e-4);
        assertEquals(0.626927, Double.parseDouble(o.cell(2, 1)), 1e-4);
        assertTrue(o.cell(1, 2).contains("night_rs_rso_assumed"), o.out());
    }

    @Test
    void outputEqualsEtoCoreForEveryRowOfTheSampleSeries() throws Exception {
        // The sample has POWER's T2M: by default (--tmean extremes, FAO-56) it is not used, and every row says so;
        // with --tmean measured eto-core gets it.
        Path sample = Path.of("../samples/balsas-ma-2016-2020.csv");
        List<String> input = Files.readAllLines(sample);
        Outcome extremes = run(String.join("\n", input), "daily", "--latitude", "-7.5312", "--elevation", "256",
                "--decimals", "9");
        Outcome measured = run(String.join("\n", input), "daily", "--latitude", "-7.5312", "--elevation", "256",
                "--decimals", "9", "--tmean", "measured");
        assertEquals(0, extremes.status(), extremes.err());
        assertEquals(0, measured.status(), measured.err());
        assertEquals(input.size(), extremes.lines().size());
        assertEquals(input.size(), measured.lines().size());
        Fao56 fao56 = Fao56.defaults();
        Station balsas = Station.of(-7.5312, 256);
        for (int i = 1; i < input.size(); i++) {
            String[] c = input.get(i).split(",");
            DailyWeather.Builder day = DailyWeather.builder(LocalDate.parse(c[0]))
                    .tmax(Double.parseDouble(c[1])).tmin(Double.parseDouble(c[2]))
                    .rhMean(Double.parseDouble(c[4])).u2(Double.parseDouble(c[5])).rs(Double.parseDouble(c[6]));
            double fromExtremes = fao56.daily(balsas, day.build()).eto();
            double fromMeasured = fao56.daily(balsas, day.tmean(Double.parseDouble(c[3])).build()).eto();
            assertEquals(fromExtremes, Double.parseDouble(extremes.cell(i, 1)), 5e-10, "row " + i);
            assertEquals("tmean_from_extremes", extremes.cell(i, 2), "row " + i);
            assertEquals(fromMeasured, Double.parseDouble(measured.cell(i, 1)), 5e-10, "row " + i);
            assertEquals("", measured.cell(i, 2), "row " + i);
        }
    }

    @Test
    void textInANumberColumnNamesRowAndColumnAndExitsWithOne() {
        Outcome o = run("date,tmax,tmin\n2020-01-01,30,20\n2020-01-02,abc,20\n",
                "daily", "--latitude", "-7.5", "--elevation", "256", "--lang", "en");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("Row 2, column tmax"), o.err());
        assertTrue(o.err().contains("abc"), o.err());
        assertTrue(!o.err().contains("Exception") && !o.err().contains("\tat "), o.err());
    }

    @Test
    void invalidValuesAreReportedInPortuguese() {
        Outcome o = run("date,tmax,tmin\n2020-01-01,19,20\n",
                "daily", "--latitude", "-7.5", "--elevation", "256", "--lang", "pt-BR");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertTrue(o.err().contains("Linha 1, coluna tmin"), o.err());
    }

    @Test
    void emptyFileMissingHeaderAndDuplicatedDatesAreTypedErrors() {
        String[] station = {"daily", "--latitude", "-7.5", "--elevation", "256", "--lang", "en"};
        Outcome empty = run("", station);
        assertEquals(Main.INVALID_INPUT, empty.status());
        assertEquals(1, empty.err().lines().count(), empty.err());

        Outcome noHeader = run("2020-01-01,30,20\n2020-01-02,31,21\n", station);
        assertEquals(Main.INVALID_INPUT, noHeader.status());
        assertTrue(noHeader.err().toLowerCase().contains("header"), noHeader.err());

        Outcome duplicated = run("date,tmax,tmin\n2020-01-01,30,20\n2020-01-01,31,21\n", station);
        assertEquals(Main.INVALID_INPUT, duplicated.status());
        assertTrue(duplicated.err().contains("Row 2, column date"), duplicated.err());
        assertTrue(duplicated.err().contains("row 1."), duplicated.err());

        Outcome ragged = run("date,tmax,tmin\n2020-01-01,30\n", station);
        assertEquals(Main.INVALID_INPUT, ragged.status());
        assertTrue(ragged.err().contains("Row 1"), ragged.err());

        Outcome badDate = run("date,tmax,tmin\n01/02/2020,30,20\n", station);
        assertEquals(Main.INVALID_INPUT, badDate.status());
        assertTrue(badDate.err().contains("01/02/2020"), badDate.err());
    }

    @Test
    void aHeaderWithoutDataRowsIsEmptyInputAsABlankFileIs() {
        String[] station = {"daily", "--latitude", "-7.5", "--elevation", "256", "--lang", "en"};
        String message = "eto-cli: The input is empty: it contains no data rows.";
        for (String input : List.of("date,tmax,tmin\n", "date,tmax,tmin\r\n\r\n", "\n\n")) {
            Outcome o = run(input, station);
            assertEquals(Main.INVALID_INPUT, o.status(), input);
            assertEquals(List.of(message), o.err().lines().toList(), input);
        }
        // Whatever the method and however lenient the run: there is nothing to compute.
        Outcome lenient = run("date,tmax,tmin\n", "daily", "--latitude", "-7.5", "--elevation", "256", "--lenient",
                "--lang", "en");
        assertEquals(Main.INVALID_INPUT, lenient.status());
        assertEquals(List.of(message), lenient.err().lines().toList());
        Outcome oudin = run("date,tmean\n", "daily", "--latitude", "-7.5", "--elevation", "256", "--method", "oudin",
                "--lang", "en");
        assertEquals(Main.INVALID_INPUT, oudin.status());
        assertEquals(List.of(message), oudin.err().lines().toList());
        // Every step: monthly (before Thornthwaite could ask for twelve months) and hourly.
        for (String[] args : List.of(
                new String[] {"monthly", "--latitude", "-7.5", "--elevation", "256", "--lang", "en"},
                new String[] {"monthly", "--latitude", "-7.5", "--elevation", "256", "--method", "thornthwaite",
                    "--lang", "en"},
                new String[] {"hourly", "--latitude", "-7.5", "--longitude", "-45", "--elevation", "256", "--lang",
                    "en"})) {
            Outcome o = run("month,datetime,tmax,tmin,tmean,t,rh,rs\n", args);
            assertEquals(Main.INVALID_INPUT, o.status(), args[0]);
            assertEquals(List.of(message), o.err().lines().toList(), args[0]);
        }
    }

    @Test
    void fao56RefusesAFileWithoutTmaxOrTminBeforeAnyRow() {
        String[] station = {"daily", "--latitude", "-7.5", "--elevation", "256", "--lang", "en"};
        Outcome noTmin = run("date,tmax,rh_mean\n2020-01-01,30,70\n", station);
        assertEquals(Main.INVALID_INPUT, noTmin.status());
        assertEquals(List.of("eto-cli: Column tmin: The required column tmin is missing from the header."),
                noTmin.err().lines().toList());
        assertEquals("", noTmin.out());

        // The first absent column of the two is named, also in lenient mode (no row could be computed).
        Outcome noTmax = run("date,tmin\n2020-01-01,20\n", "daily", "--latitude", "-7.5", "--elevation", "256",
                "--lenient", "--lang", "en");
        assertEquals(Main.INVALID_INPUT, noTmax.status());
        assertEquals(List.of("eto-cli: Column tmax: The required column tmax is missing from the header."),
                noTmax.err().lines().toList());

        // Monthly FAO-56 too, as the web app refuses a monthly upload.
        Outcome monthly = run("month,tmax\n2020-01,30\n", "monthly", "--latitude", "-7.5", "--elevation", "256",
                "--lang", "en");
        assertEquals(Main.INVALID_INPUT, monthly.status());
        assertEquals(List.of("eto-cli: Column tmin: The required column tmin is missing from the header."),
                monthly.err().lines().toList());

        // NASA POWER's names count, and --method auto still runs on a mean temperature alone.
        Outcome aliases = run("DATE,T2M_MAX,T2M_MIN\n2020-01-01,30,20\n", station);
        assertEquals(0, aliases.status(), aliases.err());
        Outcome auto = run("date,tmean\n2020-01-01,25\n", "daily", "--latitude", "-7.5", "--elevation", "256",
                "--method", "auto", "--lang", "en");
        assertEquals(0, auto.status(), auto.err());
        assertEquals("2020-01-01", auto.cell(1, 0));
    }

    @Test
    void quotedAndSpacedCellsAreReadAsEveryPartOfEto4jReadsThem() {
        // eto-core's CsvReader, shared with the web app: white space around a cell is dropped, a quoted cell is one
        // cell even with a separator inside, so both lines below are the same day.
        String[] station = {"daily", "--latitude", "-7.5", "--elevation", "256", "--lang", "en"};
        Outcome plain = run("date,tmax,tmin,note\n2020-01-01,30,20,x\n", station);
        Outcome awkward = run("date,tmax,tmin,note\n2020-01-01, \"30\",20 ,\"x,y\"\n", station);
        assertEquals(0, plain.status(), plain.err());
        assertEquals(0, awkward.status(), awkward.err());
        assertEquals(plain.out(), awkward.out());
    }

    @Test
    void lenientModeFlagsBadRowsAndComputesTheRest() {
        Outcome o = run("date,tmax,tmin\n2020-01-01,30,20\n2020-01-02,abc,20\n2020-01-03,19,20\n2020-01-04,31,21\n",
                "daily", "--latitude", "-7.5", "--elevation", "256", "--lenient", "--lang", "en");
        assertEquals(0, o.status(), o.err());
        assertEquals(5, o.lines().size());
        assertEquals("", o.cell(2, 1));
        assertEquals("invalid_row", o.cell(2, 2));
        assertEquals("", o.cell(3, 1));
        assertEquals("invalid_row", o.cell(3, 2));
        assertTrue(Double.parseDouble(o.cell(4, 1)) > 0);
        assertEquals(2, o.err().lines().count(), o.err());
    }

    @Test
    void commandLineMistakesExitWithTwo() {
        assertEquals(Main.USAGE, run("", "daily", "--elevation", "100").status());
        assertEquals(Main.USAGE, run("", "weekly", "--latitude", "1", "--elevation", "1").status());
        assertEquals(Main.USAGE, run("", "daily", "--latitude", "north", "--elevation", "1").status());
        assertEquals(Main.USAGE, run("", "hourly", "--latitude", "1", "--elevation", "1").status());
        Outcome outOfRange = run("", "daily", "--latitude", "95", "--elevation", "1", "--lang", "en");
        assertEquals(Main.USAGE, outOfRange.status());
        assertTrue(outOfRange.err().contains("95"), outOfRange.err());
    }

    @Test
    void helpExplainsEveryOption() {
        // Each sub-command's help lists its own options; hourly's has every one of these.
        Outcome o = run("", "hourly", "--help");
        assertEquals(0, o.status());
        for (String option : List.of("--latitude", "--longitude", "--elevation", "--wind-height", "--input",
                "--output", "--lenient", "--night-rs-rso", "--krs", "--lang")) {
            assertTrue(o.out().contains(option), option);
        }
    }

    @Test
    void streamsALongFileAndWritesToAFile(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("date,tmax,tmin,rh_mean,u2,rs\n");
        LocalDate day = LocalDate.of(1900, 1, 1);
        int rows = 50_000;
        for (int i = 0; i < rows; i++) {
            csv.append(day.plusDays(i)).append(",31.2,21.4,70,2.1,18.5\n");
        }
        Path input = dir.resolve("in.csv");
        Path output = dir.resolve("out.csv");
        Files.writeString(input, csv);
        Outcome o = run("", "daily", "--latitude", "-10", "--elevation", "300", "--input", input.toString(),
                "--output", output.toString());
        assertEquals(0, o.status(), o.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(rows + 1, lines.size());
        assertEquals(day.plusDays(rows - 1).toString(), lines.get(rows).split(",")[0]);
        List<String> distinctFlags = new ArrayList<>(lines.stream().skip(1).map(l -> l.split(",", -1)[2]).distinct()
                .toList());
        assertEquals(List.of("tmean_from_extremes"), distinctFlags);
    }
}
