package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the progress bar shows: standard error on a terminal, whatever standard output is. */
class TerminalTest {

    private static boolean linkTo(Path dir, String target, boolean fallback) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("fd" + Math.abs(target.hashCode())), Path.of(target));
        return Terminal.isTerminal(link, () -> fallback);
    }

    @Test
    void aDescriptorOnATerminalDeviceIsATerminal(@TempDir Path dir) throws Exception {
        assertTrue(linkTo(dir, "/dev/pts/3", false));
        assertTrue(linkTo(dir, "/dev/tty1", false));
        assertTrue(linkTo(dir, "/dev/console", false));
    }

    @Test
    void aDescriptorOnAFileOrPipeIsNot(@TempDir Path dir) throws Exception {
        assertFalse(linkTo(dir, "/home/user/out.csv", true));
        assertFalse(linkTo(dir, "pipe:[123456]", true));
        assertFalse(linkTo(dir, "/dev/null", true));
    }

    @Test
    void withoutADescriptorLinkTheFallbackAnswers(@TempDir Path dir) throws Exception {
        assertTrue(Terminal.isTerminal(dir.resolve("absent"), () -> true));
        assertFalse(Terminal.isTerminal(dir.resolve("absent"), () -> false));
        Path regular = Files.writeString(dir.resolve("regular"), "");
        assertTrue(Terminal.isTerminal(regular, () -> true));
    }

    @Test
    void flagsOverrideTheTerminal() {
        assertTrue(Terminal.showProgress(false, false, true));
        assertFalse(Terminal.showProgress(false, false, false));
        assertTrue(Terminal.showProgress(true, false, false));
        assertFalse(Terminal.showProgress(false, true, true));
        assertThrows(Arguments.UsageException.class, () -> Terminal.showProgress(true, true, true));
    }

    private static String progress(boolean terminal, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String csv = "date,tmax,tmin\n2020-01-01,30,20\n2020-01-02,31,21\n";
        int status = Main.run(args, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        assertEquals(Main.OK, status, err.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theBarShowsWhenStandardErrorIsATerminalWhateverStandardOutputIs() {
        String[] daily = {"daily", "--latitude", "-7.5", "--elevation", "256"};
        assertEquals("\r2 rows\n", progress(true, daily));
        assertEquals("", progress(false, daily));
        assertEquals("\r2 rows\n", progress(false, MethodOptionTest.concat(daily, "--progress")));
        assertEquals("", progress(true, MethodOptionTest.concat(daily, "--no-progress")));
    }
}
