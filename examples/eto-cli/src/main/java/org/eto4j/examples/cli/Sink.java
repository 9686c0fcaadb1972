package org.eto4j.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.i18n.CsvDialect;

/**
 * Where result rows go: the output CSV, warnings for invalid rows in lenient mode, and the progress bar.
 * Rows are written in {@link CsvDialect#PLAIN} and numbers under its one number rule, so that an ETo printed
 * here is character for character the one eto-sources' {@code DailyCsv} and the web app's export print.
 */
final class Sink {
    /** Warnings printed before the rest are only counted, so a bad 30-year file does not flood the terminal. */
    static final int MAX_WARNINGS = 20;
    private static final CsvDialect CSV = CsvDialect.PLAIN;

    private final Writer out;
    private final PrintStream stdout;
    private final PrintStream err;
    private final Command command;
    private final ProgressBar bar;
    private final Command.CountingInputStream counted;
    private final StringBuilder line = new StringBuilder(128);
    private long rows;
    private long invalidRows;

    /**
     * @param out    where rows are written
     * @param stdout the standard output under {@code out}, checked while rows stream ({@link StandardOutput}), or
     *               null when {@code out} is a file (whose failures throw)
     */
    Sink(Writer out, PrintStream stdout, PrintStream err, Command command, ProgressBar bar,
         Command.CountingInputStream counted) {
        this.out = out;
        this.stdout = stdout;
        this.err = err;
        this.command = command;
        this.bar = bar;
        this.counted = counted;
    }

    void header(String timeColumn) {
        header(timeColumn, false);
    }

    /** The header; with {@code methodColumn} a fourth column names the method of each row. */
    void header(String timeColumn, boolean methodColumn) {
        write(methodColumn ? CSV.line(timeColumn, "eto", "flags", "method") : CSV.line(timeColumn, "eto", "flags"));
    }

    /** Writes one result row; {@code eto} NaN leaves the cell empty. */
    void row(String time, double eto, long flagMask, int decimals) {
        row(time, eto, flagMask, decimals, null);
    }

    /** Writes one result row with, unless {@code method} is null, a method cell. */
    void row(String time, double eto, long flagMask, int decimals, String method) {
        line.setLength(0);
        line.append(CSV.text(time)).append(CSV.separator());
        CSV.appendNumber(line, eto, decimals).append(CSV.separator());
        boolean first = true;
        for (EstimateFlag flag : EstimateFlag.values()) {
            if ((flagMask & flag.bit()) != 0) {
                if (!first) {
                    line.append('|');
                }
                line.append(flag.token());
                first = false;
            }
        }
        if (method != null) {
            line.append(CSV.separator()).append(CSV.text(method));
        }
        line.append(CSV.lineSeparator());
        write(line);
        rows++;
        if ((rows & StandardOutput.CHECK_MASK) == 0) {
            bar.update(counted.count(), rows);
            if (stdout != null) {
                // A reader that went away (| head) stops the run here rather than at the end of the input.
                StandardOutput.check(stdout, rows);
            }
        }
    }

    /** Reports an invalid row: rethrown in strict mode, a warning line in lenient mode. */
    void invalid(EtoException e) {
        if (!command.lenient()) {
            throw e;
        }
        invalidRows++;
        if (invalidRows <= MAX_WARNINGS) {
            err.println("eto-cli: " + command.describe(e));
        } else if (invalidRows == MAX_WARNINGS + 1) {
            err.println("eto-cli: (further invalid rows are flagged invalid_row without a message)");
        }
    }

    /** Rows written so far. */
    long rows() {
        return rows;
    }

    long invalidRows() {
        return invalidRows;
    }

    private void write(CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
