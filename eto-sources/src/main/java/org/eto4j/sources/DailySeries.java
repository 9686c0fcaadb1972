package org.eto4j.sources;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Daily weather for one point and a run of consecutive days, in eto4j's units (see {@link Variable}), with
 * per-day, per-variable {@link ValueFlag}s saying what was missing, filled, aggregated, converted or rejected.
 *
 * <p>Immutable and thread-safe. Days are consecutive local dates in {@link #zone()}; day index {@code i}
 * is {@code start().plusDays(i)}. A missing value is an empty {@link OptionalDouble} (or NaN from
 * {@link #valueOrNaN}), always with the {@link ValueFlag#MISSING} flag.
 */
public final class DailySeries {
    private final SourceId source;
    private final GeoPoint requestedPoint;
    private final GeoPoint gridPoint;
    private final ZoneId zone;
    private final Elevation elevation;
    private final LocalDate start;
    private final int size;
    private final EnumMap<Variable, double[]> values;
    private final EnumMap<Variable, int[]> flags;

    DailySeries(SourceId source, GeoPoint requestedPoint, GeoPoint gridPoint, ZoneId zone, Elevation elevation,
            LocalDate start, int size, EnumMap<Variable, double[]> values, EnumMap<Variable, int[]> flags) {
        this.source = Objects.requireNonNull(source);
        this.requestedPoint = Objects.requireNonNull(requestedPoint);
        this.gridPoint = Objects.requireNonNull(gridPoint);
        this.zone = Objects.requireNonNull(zone);
        this.elevation = elevation;
        this.start = Objects.requireNonNull(start);
        this.size = size;
        this.values = values;
        this.flags = flags;
    }

    /** The source the data came from. */
    public SourceId source() {
        return source;
    }

    /** The point that was asked for. */
    public GeoPoint requestedPoint() {
        return requestedPoint;
    }

    /** The point the source was asked about: the requested point snapped to the source's grid. */
    public GeoPoint gridPoint() {
        return gridPoint;
    }

    /** The time zone (or fixed offset) whose days the rows are. */
    public ZoneId zone() {
        return zone;
    }

    /** The elevation the source reported for the point, if it reported one. */
    public Optional<Elevation> elevation() {
        return Optional.ofNullable(elevation);
    }

    /** The first day. */
    public LocalDate start() {
        return start;
    }

    /** The last day (equal to {@code start} minus one day when the series is empty). */
    public LocalDate end() {
        return start.plusDays(size - 1L);
    }

    /** The number of days. */
    public int size() {
        return size;
    }

    /**
     * The date of day {@code day}.
     *
     * @param day zero-based day index
     * @return the local date
     */
    public LocalDate date(int day) {
        Objects.checkIndex(day, size);
        return start.plusDays(day);
    }

    /** The variables this source provides (whether or not every day has a value). */
    public Set<Variable> variables() {
        return Collections.unmodifiableSet(values.isEmpty() ? EnumSet.noneOf(Variable.class)
                : EnumSet.copyOf(values.keySet()));
    }

    /**
     * The value of {@code variable} on day {@code day}, in the variable's unit.
     *
     * @param day      zero-based day index
     * @param variable the variable
     * @return the value, or empty when missing or not provided by the source
     */
    public OptionalDouble value(int day, Variable variable) {
        double v = valueOrNaN(day, variable);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * The value of {@code variable} on day {@code day}, or NaN when missing: for columnar code that tests
     * {@link Double#isNaN} itself.
     *
     * @param day      zero-based day index
     * @param variable the variable
     * @return the value in the variable's unit, or NaN
     */
    public double valueOrNaN(int day, Variable variable) {
        Objects.checkIndex(day, size);
        double[] column = values.get(variable);
        return column == null ? Double.NaN : column[day];
    }

    /**
     * A copy of one variable's values, NaN where missing.
     *
     * @param variable the variable
     * @return a new array of {@link #size()} values
     */
    public double[] column(Variable variable) {
        double[] column = values.get(variable);
        if (column == null) {
            double[] nan = new double[size];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return column.clone();
    }

    /**
     * The flags of one value.
     *
     * @param day      zero-based day index
     * @param variable the variable
     * @return the flags: empty for a value taken as the source gave it, {@link ValueFlag#MISSING} alone for a
     *         variable the source does not provide
     */
    public Set<ValueFlag> flags(int day, Variable variable) {
        Objects.checkIndex(day, size);
        int[] column = flags.get(variable);
        if (column == null) {
            return values.containsKey(variable) ? Set.of() : Set.of(ValueFlag.MISSING);
        }
        return decode(column[day]);
    }

    /**
     * Counts the values of {@code variable} that carry {@code flag}.
     *
     * @param variable the variable
     * @param flag     the flag
     * @return the number of days whose value has the flag
     */
    public int count(Variable variable, ValueFlag flag) {
        int n = 0;
        for (int d = 0; d < size; d++) {
            if (flags(d, variable).contains(flag)) {
                n++;
            }
        }
        return n;
    }

    /** The day indexes as a list of dates, for iteration. */
    public List<LocalDate> dates() {
        return start.datesUntil(start.plusDays(size)).toList();
    }

    static Set<ValueFlag> decode(int bits) {
        if (bits == 0) {
            return Set.of();
        }
        EnumSet<ValueFlag> set = EnumSet.noneOf(ValueFlag.class);
        for (ValueFlag f : ValueFlag.values()) {
            if ((bits & (1 << f.ordinal())) != 0) {
                set.add(f);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    @Override
    public String toString() {
        return "DailySeries[" + source.token() + " " + gridPoint + " " + start + ".." + end() + " " + zone + "]";
    }
}
