package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eto4j.fusion.FusionCalibration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fuse} and {@code calibrate} on two years of Balsas (MA), a station inside the shipped {@code matopiba}
 * calibration's domain (test resources, credited in their README).
 */
class FusionCommandsTest {
    private static final String LAT = "-7.53117";
    private static final String LON = "-46.03899";
    private static final String ELEVATION = "255.9";
    @TempDir
    static Path dir;
    private static List<String> power;
    private static List<String> era5;

    @BeforeAll
    static void copy() throws IOException {
        // The two sources' slices come from eto-fusion's test resources (committed there), the reference from here.
        String slice = "/org/eto4j/fusion/matopiba/Balsas_MA-2019-2020-";
        Map<String, String> resources = Map.of("nasa_power.csv", slice + "nasa_power.csv",
                "open_meteo.csv", slice + "open_meteo.csv", "reference.csv", "/balsas/reference.csv");
        for (Map.Entry<String, String> r : resources.entrySet()) {
            try (InputStream in = FusionCommandsTest.class.getResourceAsStream(r.getValue())) {
                Files.write(dir.resolve(r.getKey()), in.readAllBytes());
            }
        }
        power = Files.readAllLines(dir.resolve("nasa_power.csv"));
        era5 = Files.readAllLines(dir.resolve("open_meteo.csv"));
    }

    /** The header and the first {@code days} rows of a file, written under {@code name}. */
    private static Path slice(List<String> lines, int days, String name) throws IOException {
        return Files.write(dir.resolve(name), lines.subList(0, days + 1));
    }

    private static MainTest.Outcome fuse(Path nasa, Path openMeteo, String... more) {
        List<String> args = new ArrayList<>(List.of("fuse", "--latitude", LAT, "--longitude", LON, "--elevation",
                ELEVATION, "--nasa-power", nasa.toString(), "--open-meteo", openMeteo.toString()));
        args.addAll(List.of(more));
        return MainTest.run("", args.toArray(String[]::new));
    }

    @Test
    void fuseWritesEtoWithItsIntervalAndFlags() throws IOException {
        MainTest.Outcome o = fuse(slice(power, 5, "p5.csv"), slice(era5, 5, "o5.csv"));
        assertEquals(0, o.status(), o.err());
        assertEquals(List.of("date", "eto", "eto_p05", "eto_p95", "flags"), List.of(o.lines().get(0).split(",")));
        assertEquals(6, o.lines().size(), o.out());
        for (int line = 1; line <= 5; line++) {
            // The CLI's one number rule: four decimals, always.
            assertTrue(o.cell(line, 1).matches("\\d+\\.\\d{4}"), o.cell(line, 1));
            double eto = Double.parseDouble(o.cell(line, 1));
            double low = Double.parseDouble(o.cell(line, 2));
            double high = Double.parseDouble(o.cell(line, 3));
            assertTrue(low < eto && eto < high && eto > 2 && eto < 8, o.lines().get(line));
            assertEquals("corrected", o.cell(line, 4));
        }
        assertEquals("2019-01-01", o.cell(1, 0));
    }

    @Test
    void aDayWithoutOneSourceIsFlaggedAndItsIntervalWidens() throws IOException {
        List<String> gappy = new ArrayList<>(era5.subList(0, 6));
        // Day 3 (2019-01-03): Open-Meteo's radiation is missing (-999, as POWER writes gaps).
        gappy.set(3, gappy.get(3).replace(",21.45,", ",-999,"));
        MainTest.Outcome full = fuse(slice(power, 5, "p5.csv"), slice(era5, 5, "o5.csv"));
        MainTest.Outcome o = fuse(slice(power, 5, "p5.csv"), Files.write(dir.resolve("gap.csv"), gappy));
        assertEquals(0, o.status(), o.err());
        // The other source's inputs alone: flagged, never silent (variable_filled: an input from one source).
        assertTrue(o.cell(3, 4).contains("source_missing"), o.cell(3, 4));
        double width = Double.parseDouble(o.cell(3, 3)) - Double.parseDouble(o.cell(3, 2));
        double fullWidth = Double.parseDouble(full.cell(3, 3)) - Double.parseDouble(full.cell(3, 2));
        assertTrue(width > fullWidth, width + " vs " + fullWidth);
        assertEquals(full.lines().get(2), o.lines().get(2));
    }

    @Test
    void aStationOutsideTheCalibrationIsACodedLocalisedError() throws IOException {
        Path p = slice(power, 5, "p5.csv");
        Path e = slice(era5, 5, "o5.csv");
        String[] saoPaulo = {"fuse", "--latitude", "-23.5", "--longitude", "-46.6", "--elevation", "760",
                "--nasa-power", p.toString(), "--open-meteo", e.toString()};
        MainTest.Outcome en = MainTest.run("", append(saoPaulo, "--lang", "en"));
        MainTest.Outcome pt = MainTest.run("", append(saoPaulo, "--lang", "pt-BR"));
        assertEquals(Main.INVALID_INPUT, en.status());
        assertTrue(en.err().contains("FUS-2004") && en.err().contains("outside the region"), en.err());
        assertTrue(pt.err().contains("FUS-2004") && pt.err().contains("fora da região"), pt.err());
        assertEquals("", en.out());
    }

    @Test
    void anUnknownCalibrationIsAUsageError() throws IOException {
        MainTest.Outcome o = fuse(slice(power, 5, "p5.csv"), slice(era5, 5, "o5.csv"), "--calibration", "nowhere",
                "--lang", "en");
        assertEquals(Main.USAGE, o.status());
        assertTrue(o.err().contains("FUS-2003") && o.err().contains("matopiba"), o.err());
    }

    @Test
    void aMalformedCellNamesTheFileTheColumnAndTheRow() throws IOException {
        List<String> bad = new ArrayList<>(power.subList(0, 6));
        bad.set(2, bad.get(2).replace("37.4,", "37.4x,"));
        Path file = Files.write(dir.resolve("bad.csv"), bad);
        MainTest.Outcome o = fuse(file, slice(era5, 5, "o5.csv"), "--lang", "en");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertTrue(o.err().contains("bad.csv") && o.err().contains("T2M_MAX"), o.err());
        assertTrue(o.err().contains("4x") || o.err().contains("Row 2") || o.err().contains("row 2"), o.err());
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        List<String> noRs = power.subList(0, 6).stream().map(l -> l.replace("ALLSKY_SFC_SW_DWN", "RS_X")).toList();
        MainTest.Outcome o = fuse(Files.write(dir.resolve("nors.csv"), noRs), slice(era5, 5, "o5.csv"),
                "--lang", "en");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertTrue(o.err().contains("nors.csv") && o.err().contains("ALLSKY_SFC_SW_DWN"), o.err());
    }

    @Test
    void calibrateOneStationThenFuseWithIt() throws IOException {
        Path manifest = Files.writeString(dir.resolve("one.csv"),
                "name,latitude,longitude,elevation,nasa_power,open_meteo,reference\n"
                        + "balsas," + LAT + "," + LON + "," + ELEVATION
                        + ",nasa_power.csv,open_meteo.csv,reference.csv\n");
        Path cal = dir.resolve("balsas.json");
        MainTest.Outcome o = MainTest.run("", "calibrate", "--stations", manifest.toString(), "--output",
                cal.toString());
        assertEquals(0, o.status(), o.err());
        FusionCalibration read = FusionCalibration.fromJson(Files.readString(cal));
        assertEquals("balsas", read.name());
        assertEquals(List.of("nasa_power", "open_meteo"), read.sources());
        assertEquals(1, read.provenance().stations().size());
        // Local: the station's point widened by the default 2° margin.
        assertTrue(read.domain().contains(-7.53, -46.04) && !read.domain().contains(-12, -46.04));

        MainTest.Outcome fused = fuse(slice(power, 5, "p5.csv"), slice(era5, 5, "o5.csv"), "--calibration",
                cal.toString());
        assertEquals(0, fused.status(), fused.err());
        assertEquals(6, fused.lines().size());
        assertEquals("corrected", fused.cell(1, 4));
    }

    @Test
    void calibrateSeveralStationsIsRegional() throws IOException {
        Path manifest = Files.writeString(dir.resolve("two.csv"),
                "name,latitude,longitude,elevation,nasa_power,open_meteo,reference\n"
                        + "balsas," + LAT + "," + LON + "," + ELEVATION
                        + ",nasa_power.csv,open_meteo.csv,reference.csv\n"
                        + "south,-11.5,-45.0,500,nasa_power.csv,open_meteo.csv,reference.csv\n");
        Path cal = dir.resolve("region.json");
        MainTest.Outcome o = MainTest.run("", "calibrate", "--stations", manifest.toString(), "--from",
                "2019-01-01", "--until", "2020-12-31", "--output", cal.toString(), "--name", "my-region");
        assertEquals(0, o.status(), o.err());
        FusionCalibration read = FusionCalibration.fromJson(Files.readString(cal));
        assertEquals("my-region", read.name());
        assertEquals(2, read.provenance().stations().size());
        assertTrue(read.domain().contains(-12, -46.04) && read.domain().contains(-7.53, -46.04));
    }

    @Test
    void tooShortATrainingPeriodIsACodedError() throws IOException {
        Path manifest = Files.writeString(dir.resolve("short.csv"),
                "name,latitude,longitude,elevation,nasa_power,open_meteo,reference\n"
                        + "balsas," + LAT + "," + LON + "," + ELEVATION
                        + ",nasa_power.csv,open_meteo.csv,reference.csv\n");
        Path cal = dir.resolve("short.json");
        MainTest.Outcome o = MainTest.run("", "calibrate", "--stations", manifest.toString(), "--until",
                "2019-02-20", "--output", cal.toString(), "--lang", "en");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertTrue(o.err().contains("FUS-2006"), o.err());
        assertFalse(Files.exists(cal));
    }

    @Test
    void optionsThatDoNotApplyAreRefusedNotIgnored() throws IOException {
        MainTest.Outcome lenient = fuse(slice(power, 5, "p5.csv"), slice(era5, 5, "o5.csv"), "--lenient");
        assertEquals(Main.USAGE, lenient.status());
        assertTrue(lenient.err().contains("--lenient") && lenient.err().contains("fuse"), lenient.err());
        MainTest.Outcome daily = MainTest.run("", "daily", "--latitude", "-7.5", "--elevation", "256",
                "--calibration", "matopiba");
        assertEquals(Main.USAGE, daily.status());
        assertTrue(daily.err().contains("--calibration"), daily.err());
    }

    @Test
    void calibrateNeedsAnOutputFile() {
        MainTest.Outcome o = MainTest.run("", "calibrate", "--stations", "x.csv");
        assertEquals(Main.USAGE, o.status());
    }

    private static String[] append(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
