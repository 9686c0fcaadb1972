package org.eto4j.examples.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eto4j.i18n.Messages;
import picocli.CommandLine;

/**
 * The {@code eto-cli} command-line tool: computes reference evapotranspiration from CSV files.
 *
 * <p>Exit status: 0 success, 1 invalid input (one line on standard error names the row, the column and the
 * problem), 2 a malformed command line, 3 an input/output failure (standard output closed or full included), 4 a
 * weather service that failed.
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
        System.exit(run(args, System.in, System.out, System.err, Terminal.standardErrorIsTerminal()));
    }

    /**
     * Runs the tool on the given streams, without a progress bar unless {@code --progress} asks for one, and returns
     * its exit status instead of exiting.
     *
     * @param args the command line, e.g. {@code daily --latitude -7.5 --elevation 256}
     * @param in   standard input, read by {@code --input -} (the default)
     * @param out  standard output: the CSV, help and version
     * @param err  standard error: one line per problem
     * @return the exit status: 0 success, 1 invalid input, 2 bad command line, 3 input/output failure, 4 weather
     *         service failure
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, false);
    }

    /**
     * As {@link #run(String[], InputStream, PrintStream, PrintStream)}; {@code terminal} says whether standard error
     * is a terminal, where the progress bar shows by default.
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        // The help is built in the language of --lang before the line is parsed, so that the help it prints and
        // the errors the run reports share one language.
        Locale locale = locale(args);
        PrintWriter helpOut = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter helpErr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine line = CommandLineModel.create(locale, helpOut, helpErr);
        CommandLine.ParseResult parsed;
        try {
            parsed = line.parseArgs(args);
            // 'help weekly' is refused here, after parsing.
            if (CommandLine.printHelpIfRequested(parsed)) {
                return out.checkError() ? IO_FAILURE : OK;
            }
        } catch (CommandLine.ParameterException e) {
            err.println(CommandLineModel.NAME + ": " + message(e) + see(e.getCommandLine()));
            return USAGE;
        }
        if (!parsed.hasSubcommand()) {
            line.usage(helpOut);
            return USAGE;
        }
        CommandLine.ParseResult sub = parsed.subcommand();
        String command = sub.commandSpec().name();
        try {
            return Command.of(Arguments.of(command, List.of(parsed, sub))).run(new Streams(in, out, err, terminal));
        } catch (Arguments.UsageException e) {
            err.println(CommandLineModel.NAME + ": " + e.getMessage() + see(sub.commandSpec().commandLine()));
            return USAGE;
        } catch (UncheckedIOException e) {
            err.println(CommandLineModel.NAME + ": " + e.getCause().getMessage());
            return IO_FAILURE;
        } catch (StandardOutput.Failed e) {
            err.println(CommandLineModel.NAME + ": " + e.getMessage());
            return IO_FAILURE;
        }
    }

    /**
     * The language of the run: {@code --lang} wherever it stands, else the system's, negotiated by eto-i18n to one
     * it has (en or pt-BR) as every message of eto-cli is.
     */
    static Locale locale(String[] args) {
        String tag = Locale.getDefault().toLanguageTag();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lang") && i + 1 < args.length) {
                tag = args[i + 1];
            } else if (args[i].startsWith("--lang=")) {
                tag = args[i].substring("--lang=".length());
            }
        }
        return Messages.bundled().negotiate(tag);
    }

    /**
     * picocli's message, or a more useful one: an option of another sub-command names those it applies to, and an
     * unknown first word is an unknown sub-command.
     */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            boolean top = e.getCommandLine().getParent() == null;
            if (top && !arg.startsWith("-")) {
                return "unknown sub-command '" + arg + "' (" + String.join(", ", CommandLineModel.COMMANDS) + ")";
            }
            if (!top && arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = arg.substring(2, eq < 0 ? arg.length() : eq);
                Optional<CommandLineModel.Option> option = CommandLineModel.option(name);
                if (option.isPresent()) {
                    return "option --" + name + " applies only to " + String.join(", ", option.get().commands())
                            + ", not to '" + e.getCommandLine().getCommandName() + "'";
                }
            }
        }
        return e.getMessage();
    }

    private static String see(CommandLine command) {
        return " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
    }

    /** The process's streams, and whether standard error is an interactive terminal. */
    record Streams(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    }
}
