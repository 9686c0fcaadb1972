package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Standard output that fails: a full device ({@code > /dev/full}) and a reader that went away ({@code | head}). */
class StandardOutputTest {
    private static final String[] DAILY = {"daily", "--latitude", "-7.5", "--elevation", "256"};

    /** An output that refuses bytes after {@code limit} of them, as a pipe whose reader has exited. */
    static final class ClosingOutput extends OutputStream {
        private final long limit;
        private long written;

        ClosingOutput(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new IOException("Broken pipe");
            }
            written += len;
        }
    }

    /** Counts the input bytes the run consumed. */
    static final class CountingInput extends ByteArrayInputStream {
        CountingInput(byte[] bytes) {
            super(bytes);
        }

        int consumed() {
            return pos;
        }
    }

    private static byte[] days(int rows) {
        StringBuilder csv = new StringBuilder("date,tmax,tmin,rh_mean,u2,rs\n");
        LocalDate day = LocalDate.of(1900, 1, 1);
        for (int i = 0; i < rows; i++) {
            csv.append(day.plusDays(i)).append(",31.2,21.4,70,2.1,18.5\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int run(InputStream in, OutputStream stdout, ByteArrayOutputStream err, String... args) {
        return Main.run(args, in, new PrintStream(stdout, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    @Test
    void aFullStandardOutputExitsWithThreeInsteadOfZero() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run(new ByteArrayInputStream(days(3)), new ClosingOutput(0), err, DAILY);
        assertEquals(Main.IO_FAILURE, status);
        assertEquals("eto-cli: standard output was closed or is full; stopped after 3 rows",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aFullStandardOutputFailsTheOtherCommandsToo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String months = "month,tmax,tmin\n2023-03,33.4,25.0\n2023-04,34.8,25.6\n";
        int status = run(new ByteArrayInputStream(months.getBytes(StandardCharsets.UTF_8)), new ClosingOutput(10),
                err, "monthly", "--latitude", "13.7", "--elevation", "2");
        assertEquals(Main.IO_FAILURE, status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpThatCannotBeWrittenIsAFailureToo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Main.IO_FAILURE, run(new ByteArrayInputStream(new byte[0]), new ClosingOutput(0), err,
                "daily", "--help"));
    }

    @Test
    void aReaderThatWentAwayStopsTheComputationEarly() {
        int rows = 200_000;
        byte[] input = days(rows);
        CountingInput in = new CountingInput(input);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // About a pipe's buffer (64 KiB) is taken, then the reader is gone.
        int status = run(in, new ClosingOutput(64 * 1024), err, DAILY);
        assertEquals(Main.IO_FAILURE, status);
        Matcher m = Pattern.compile("stopped after (\\d+) rows").matcher(err.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), err.toString(StandardCharsets.UTF_8));
        long computed = Long.parseLong(m.group(1));
        // Some 2,000 rows fill 64 KiB; the run stops within a check interval and a chunk of that, far from the end.
        assertTrue(computed < 20_000, "rows computed after the pipe closed: " + computed);
        assertTrue(in.consumed() < input.length / 10, "input read: " + in.consumed() + " of " + input.length);
    }

    @Test
    void aWorkingStandardOutputGetsEveryRow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run(new ByteArrayInputStream(days(5_000)), out, err, DAILY);
        assertEquals(Main.OK, status, err.toString(StandardCharsets.UTF_8));
        assertEquals(5_001, out.toString(StandardCharsets.UTF_8).lines().count());
    }
}
