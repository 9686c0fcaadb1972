package org.eto4j.examples.cli;

/**
 * Appends a number with a fixed count of decimals and a point, without {@code String.format}'s cost
 * (it is called once per output row, millions of times for a large file).
 */
final class Decimal {
    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    private Decimal() {
    }

    /** Appends {@code value} rounded half-up to {@code decimals} (0–9) places; NaN appends nothing. */
    static void append(StringBuilder out, double value, int decimals) {
        if (Double.isNaN(value)) {
            return;
        }
        long scale = POWERS[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (decimals > 0) {
            out.append('.');
            String fraction = Long.toString(scaled % scale);
            for (int i = fraction.length(); i < decimals; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
    }
}
