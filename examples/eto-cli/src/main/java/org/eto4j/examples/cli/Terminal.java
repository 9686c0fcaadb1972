package org.eto4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether standard error is a terminal, where the progress bar belongs. {@link System#console()} is no answer: on
 * Java 17 it is null as soon as standard output is redirected ({@code > out.csv}), which is exactly when a bar on
 * standard error is wanted. On Linux the file behind descriptor 2 names the device; elsewhere the console is the
 * best guess left, and {@code --progress} forces the bar.
 */
final class Terminal {
    /** The link Linux keeps to the file open as standard error. */
    static final Path STANDARD_ERROR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** Whether this process's standard error is a terminal. */
    static boolean standardErrorIsTerminal() {
        return isTerminal(STANDARD_ERROR_LINK, () -> System.console() != null);
    }

    /**
     * Whether the descriptor link {@code fdLink} points to a terminal device; {@code fallback} answers when there is
     * no such link (not Linux) or it cannot be read.
     */
    static boolean isTerminal(Path fdLink, BooleanSupplier fallback) {
        try {
            return isTerminalDevice(Files.readSymbolicLink(fdLink).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback.getAsBoolean();
        }
    }

    /** Pseudo-terminals ({@code /dev/pts/N}), virtual consoles and serial lines ({@code /dev/tty*}), the console. */
    static boolean isTerminalDevice(String file) {
        return file.startsWith("/dev/pts/") || file.startsWith("/dev/tty") || file.equals("/dev/console");
    }

    /**
     * Whether to draw the progress bar: {@code --progress} always, {@code --no-progress} never, else when standard
     * error is a terminal.
     *
     * @throws Arguments.UsageException when both flags are given
     */
    static boolean showProgress(Arguments args, boolean terminal) {
        return showProgress(args.flag("progress"), args.flag("no-progress"), terminal);
    }

    /** {@link #showProgress(Arguments, boolean)} on the two flags. */
    static boolean showProgress(boolean on, boolean off, boolean terminal) {
        if (on && off) {
            throw new Arguments.UsageException("options --progress and --no-progress exclude each other");
        }
        return on || (terminal && !off);
    }
}
