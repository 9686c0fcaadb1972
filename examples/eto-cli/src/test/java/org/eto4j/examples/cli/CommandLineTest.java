package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The command line itself: per-command help in both languages, version, and what a mistyped line answers. */
class CommandLineTest {
    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    /** Options that belong to one command only, to show that each help is that command's. */
    private static final Map<String, String> OWN_OPTION = Map.of("daily", "--oudin", "monthly", "--day-length",
            "hourly", "--standard-meridian", "fetch", "--base-url", "fuse", "--nasa-power", "calibrate", "--stations");

    @Test
    void eachCommandHelpShowsThatCommandsOptionsOnly() {
        String top = MainTest.run("", "--help", "--lang", "en").out();
        for (String command : CommandLineModel.COMMANDS) {
            MainTest.Outcome o = MainTest.run("", command, "--help", "--lang", "en");
            assertEquals(Main.OK, o.status(), o.err());
            assertTrue(o.out().contains("Usage: eto-cli " + command), o.out());
            assertNotEquals(top, o.out());
            for (Map.Entry<String, String> own : OWN_OPTION.entrySet()) {
                String option = own.getValue();
                boolean applies = CommandLineModel.option(option.substring(2)).orElseThrow().commands()
                        .contains(command);
                assertEquals(applies, o.out().contains(option + "="), command + " help and " + option);
            }
        }
        assertTrue(MainTest.run("", "daily", "--help").out().contains("--tmean=extremes|measured"));
        assertFalse(MainTest.run("", "hourly", "--help").out().contains("--tmean"));
    }

    @Test
    void topHelpListsTheCommandsAndTheExitStatuses() {
        MainTest.Outcome o = MainTest.run("", "--help", "--lang", "en");
        assertEquals(Main.OK, o.status());
        for (String command : CommandLineModel.COMMANDS) {
            assertTrue(o.out().contains("\n  " + command + " "), command);
        }
        assertTrue(o.out().contains("3 input/output failure (also standard"), o.out());
        assertEquals(o.out(), MainTest.run("", "-h", "--lang", "en").out());
    }

    @Test
    void helpIsInPortugueseWithLangPtBr() {
        MainTest.Outcome o = MainTest.run("", "daily", "--help", "--lang", "pt-BR");
        assertEquals(Main.OK, o.status());
        assertTrue(o.out().contains("Uso: eto-cli daily --latitude GRAUS"), o.out());
        assertTrue(o.out().contains("Opções:"), o.out());
        assertTrue(o.out().contains("--latitude=GRAUS"), o.out());
        assertTrue(o.out().contains("latitude em graus decimais, positiva ao norte"), o.out());
        assertTrue(o.out().contains("Código de saída"), o.out());
        assertFalse(o.out().contains("Usage:") || o.out().contains("Options:"), o.out());
        // --lang may also stand before the command.
        assertEquals(o.out(), MainTest.run("", "--lang=pt-BR", "daily", "--help").out());
        MainTest.Outcome top = MainTest.run("", "--lang", "pt-BR", "--help");
        assertTrue(top.out().contains("Comandos:") && top.out().contains("Evapotranspiração de referência"),
                top.out());
    }

    @Test
    void helpFollowsTheSystemLanguageUnlessLangSaysOtherwise() {
        Locale system = Locale.getDefault();
        try {
            Locale.setDefault(PT_BR);
            assertTrue(MainTest.run("", "monthly", "--help").out().contains("Uso: eto-cli monthly"));
            // No fallback to the system's bundle: English asked for is English shown.
            String en = MainTest.run("", "monthly", "--help", "--lang", "en").out();
            assertTrue(en.contains("Usage: eto-cli monthly") && en.contains("latitude in decimal degrees"), en);
            Locale.setDefault(Locale.ENGLISH);
            assertTrue(MainTest.run("", "monthly", "--help").out().contains("Usage: eto-cli monthly"));
        } finally {
            Locale.setDefault(system);
        }
    }

    @Test
    void helpCommandShowsTheHelpOfTheCommandNamed() {
        MainTest.Outcome o = MainTest.run("", "help", "fuse", "--lang", "en");
        assertEquals(Main.OK, o.status());
        assertEquals(MainTest.run("", "fuse", "--help", "--lang", "en").out(), o.out());
        MainTest.Outcome unknown = MainTest.run("", "help", "weekly");
        assertEquals(Main.USAGE, unknown.status());
        assertTrue(unknown.err().contains("weekly"), unknown.err());
    }

    @Test
    void bothLanguagesHaveTheSameHelpTexts() {
        ResourceBundle en = CommandLineModel.bundle(Locale.ENGLISH);
        ResourceBundle pt = CommandLineModel.bundle(PT_BR);
        assertEquals("Usage:\u0020", en.getString("usage.synopsisHeading"));
        assertEquals("Uso:\u0020", pt.getString("usage.synopsisHeading"));
        Set<String> missing = new TreeSet<>(en.keySet());
        missing.removeAll(pt.keySet());
        assertEquals(Set.of(), missing, "keys without a Portuguese text");
        Set<String> extra = new TreeSet<>(pt.keySet());
        extra.removeAll(en.keySet());
        extra.removeIf(key -> key.startsWith("label."));
        assertEquals(Set.of(), extra, "Portuguese keys without an English text");
        for (CommandLineModel.Option option : CommandLineModel.OPTIONS) {
            assertTrue(en.containsKey(option.name()) || option.commands().stream()
                    .allMatch(c -> en.containsKey("eto-cli." + c + "." + option.name())), option.name());
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        MainTest.Outcome o = MainTest.run("", "--version");
        assertEquals(Main.OK, o.status(), o.err());
        assertTrue(o.out().strip().matches("eto-cli \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), o.out());
        assertEquals(o.out(), MainTest.run("", "-V").out());
        assertEquals(o.out(), MainTest.run("", "daily", "--version").out());
    }

    @Test
    void anOptionOfAnotherCommandNamesTheCommandsItAppliesTo() {
        MainTest.Outcome o = MainTest.run("", "monthly", "--latitude", "1", "--elevation", "1", "--oudin", "airgr");
        assertEquals(Main.USAGE, o.status());
        assertEquals("eto-cli: option --oudin applies only to daily, not to 'monthly' (see 'eto-cli monthly --help')",
                o.err().strip());
        MainTest.Outcome unknown = MainTest.run("", "daily", "--latitude", "1", "--elevation", "1", "--colour");
        assertEquals(Main.USAGE, unknown.status());
        assertTrue(unknown.err().contains("--colour") && unknown.err().contains("'eto-cli daily --help'"),
                unknown.err());
        MainTest.Outcome twice = MainTest.run("", "daily", "--latitude", "1", "--latitude", "2", "--elevation", "1");
        assertEquals(Main.USAGE, twice.status());
        assertTrue(twice.err().contains("--latitude"), twice.err());
        MainTest.Outcome both = MainTest.run("", "daily", "--latitude", "1", "--elevation", "1", "--progress",
                "--no-progress");
        assertEquals(Main.USAGE, both.status());
    }

    @Test
    void anUnknownCommandOrNoneIsACommandLineMistake() {
        MainTest.Outcome weekly = MainTest.run("", "weekly", "--latitude", "1");
        assertEquals(Main.USAGE, weekly.status());
        assertTrue(weekly.err().startsWith("eto-cli: unknown sub-command 'weekly' (daily, monthly"), weekly.err());
        MainTest.Outcome none = MainTest.run("", "--lang", "en");
        assertEquals(Main.USAGE, none.status());
        assertTrue(none.out().contains("Commands:"), none.out());
        assertEquals(Main.USAGE, MainTest.run("").status());
    }

    @Test
    void valuesMayFollowAnEqualsSignAndBeNegative() {
        String csv = "date,tmax,tmin\n2020-01-01,30,20\n";
        MainTest.Outcome spaced = MainTest.run(csv, "daily", "--latitude", "-7.5", "--elevation", "256");
        MainTest.Outcome joined = MainTest.run(csv, "daily", "--latitude=-7.5", "--elevation=256");
        assertEquals(Main.OK, spaced.status(), spaced.err());
        assertEquals(spaced.out(), joined.out());
    }

    @Test
    void thePublicEntryPointRunsOnTheGivenStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"daily", "--latitude", "-7.5", "--elevation", "256"},
                new ByteArrayInputStream("date,tmax,tmin\n2020-01-01,30,20\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.OK, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("date,eto,flags\n2020-01-01,"));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no progress bar without a terminal");
    }
}
