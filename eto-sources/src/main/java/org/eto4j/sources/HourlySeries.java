package org.eto4j.sources;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Hourly (or, for the far end of a forecast, coarser) weather for one point, in eto4j's units
 * (see {@link HourlyVariable}). Immutable and thread-safe.
 *
 * <p>Row {@code i} is at instant {@link #time(int)}: state variables are the values at that instant,
 * accumulated ones (radiation, precipitation) cover the hour that starts there. Missing values are NaN in
 * {@link #valueOrNaN} and empty in {@link #value}.
 */
public final class HourlySeries {
    private final SourceId source;
    private final GeoPoint gridPoint;
    private final ZoneId zone;
    private final Elevation elevation;
    private final Instant[] times;
    private final EnumMap<HourlyVariable, double[]> values;

    HourlySeries(SourceId source, GeoPoint gridPoint, ZoneId zone, Elevation elevation, Instant[] times,
            EnumMap<HourlyVariable, double[]> values) {
        this.source = Objects.requireNonNull(source);
        this.gridPoint = Objects.requireNonNull(gridPoint);
        this.zone = Objects.requireNonNull(zone);
        this.elevation = elevation;
        this.times = times;
        this.values = values;
    }

    /** The source. */
    public SourceId source() {
        return source;
    }

    /** The point the source was asked about (snapped to its grid). */
    public GeoPoint gridPoint() {
        return gridPoint;
    }

    /** The location's time zone (or fixed offset), used to group hours into days. */
    public ZoneId zone() {
        return zone;
    }

    /** The elevation the source reported, if any. */
    public Optional<Elevation> elevation() {
        return Optional.ofNullable(elevation);
    }

    /** The number of rows. */
    public int size() {
        return times.length;
    }

    /**
     * The instant of row {@code row}.
     *
     * @param row zero-based row index
     * @return the instant
     */
    public Instant time(int row) {
        return times[row];
    }

    /** All row instants, in increasing order. */
    public List<Instant> times() {
        return List.of(times);
    }

    /**
     * A value.
     *
     * @param row      zero-based row index
     * @param variable the variable
     * @return the value, or empty when missing
     */
    public OptionalDouble value(int row, HourlyVariable variable) {
        double v = valueOrNaN(row, variable);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * A value, or NaN when missing.
     *
     * @param row      zero-based row index
     * @param variable the variable
     * @return the value in the variable's unit, or NaN
     */
    public double valueOrNaN(int row, HourlyVariable variable) {
        Objects.checkIndex(row, times.length);
        double[] column = values.get(variable);
        return column == null ? Double.NaN : column[row];
    }

    /**
     * A copy of one variable's values, NaN where missing.
     *
     * @param variable the variable
     * @return a new array of {@link #size()} values
     */
    public double[] column(HourlyVariable variable) {
        double[] column = values.get(variable);
        if (column == null) {
            double[] nan = new double[times.length];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return column.clone();
    }
}
