package org.eto4j.examples.cli;

import java.io.PrintStream;

/**
 * The check that standard output still takes what eto-cli writes. A {@link PrintStream} never throws: a closed
 * pipe ({@code | head}) or a full device ({@code > /dev/full}) only sets its error flag, which
 * {@link PrintStream#checkError()} reads after flushing. Checked at the end of a run, so that lost output is exit
 * status 3 instead of 0, and every {@link #CHECK_ROWS} rows while streaming, so that a reader that went away stops
 * the computation instead of letting it run to the end of the file unread.
 */
final class StandardOutput {
    /** Rows between two checks: a flush per 1,024 rows costs nothing against computing them (1023 is a mask). */
    static final long CHECK_MASK = 1023;
    static final long CHECK_ROWS = CHECK_MASK + 1;

    private StandardOutput() {
    }

    /** Standard output failed; the message says how many rows had been written. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long rows;

        Failed(long rows) {
            super("standard output was closed or is full; stopped after " + rows + " rows");
            this.rows = rows;
        }

        long rows() {
            return rows;
        }
    }

    /**
     * Flushes {@code out} and fails if anything written to it was lost.
     *
     * @param rows rows handed to it so far, for the message
     * @throws Failed when the stream's error flag is set
     */
    static void check(PrintStream out, long rows) {
        if (out.checkError()) {
            throw new Failed(rows);
        }
    }
}
