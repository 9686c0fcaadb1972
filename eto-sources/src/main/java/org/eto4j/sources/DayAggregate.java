package org.eto4j.sources;

/** Running count, sum, minimum and maximum of one variable over one local day. */
final class DayAggregate {
    /**
     * A day's mean, maximum or minimum is taken only from at least this many hourly values: up to four missing
     * hours move a daily mean of temperature or humidity by well under its measurement error, more do not.
     */
    static final int MIN_HOURS = 20;

    private int count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
        if (Double.isNaN(v)) {
            return;
        }
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    boolean enough() {
        return count >= MIN_HOURS;
    }

    double mean() {
        return enough() ? sum / count : Double.NaN;
    }

    double min() {
        return enough() ? min : Double.NaN;
    }

    double max() {
        return enough() ? max : Double.NaN;
    }
}
