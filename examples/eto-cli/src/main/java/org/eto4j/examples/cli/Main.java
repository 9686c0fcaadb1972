package org.eto4j.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code eto-cli} command-line tool: computes reference evapotranspiration from CSV files.
 *
 * <p>Exit status: 0 success, 1 invalid input (one line on standard error names the row, the column and the
 * problem), 2 a malformed command line, 3 an input/output failure, 4 a weather service that failed.
 */
public final class Main {
    static final int OK = 0;
    static final int INVALID_INPUT = 1;
    static final int USAGE = 2;
    static final int IO_FAILURE = 3;
    static final int SERVICE_FAILURE = 4;

    private Main() {
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err, System.console() != null));
    }

    /** Runs the tool on the given streams and returns its exit status (the testable entry point). */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h") || args.get(0).equals("help")) {
            out.print(Help.text(args.isEmpty() ? "" : args.get(0)));
            return args.isEmpty() ? USAGE : OK;
        }
        try {
            Command command = Command.parse(args);
            return command.run(new Streams(in, out, err, terminal));
        } catch (Arguments.UsageException e) {
            err.println("eto-cli: " + e.getMessage() + " (see 'eto-cli --help')");
            return USAGE;
        } catch (UncheckedIOException e) {
            err.println("eto-cli: " + e.getCause().getMessage());
            return IO_FAILURE;
        }
    }

    /** The process's streams, and whether standard error is an interactive terminal. */
    record Streams(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    }
}
