package org.eto4j.examples.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal's standard error, redrawn at most every 100 ms.
 *
 * <p>Progress is the share of input bytes consumed, which is honest for a stream of unknown row count.
 * When the total is unknown (standard input) it shows the row count alone.
 */
final class ProgressBar {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final long totalBytes;
    private long lastDraw;

    ProgressBar(PrintStream err, boolean enabled, long totalBytes) {
        this.err = err;
        this.enabled = enabled;
        this.totalBytes = totalBytes;
    }

    void update(long bytesRead, long rows) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(bytesRead, rows);
    }

    void finish(long bytesRead, long rows) {
        if (!enabled) {
            return;
        }
        draw(totalBytes > 0 ? totalBytes : bytesRead, rows);
        err.print('\n');
        err.flush();
    }

    private void draw(long bytesRead, long rows) {
        if (totalBytes > 0) {
            double fraction = Math.min(1.0, (double) bytesRead / totalBytes);
            int filled = (int) Math.round(fraction * WIDTH);
            err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  %,d rows",
                    "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100), rows));
        } else {
            err.print(String.format(Locale.ROOT, "\r%,d rows", rows));
        }
        err.flush();
    }
}
