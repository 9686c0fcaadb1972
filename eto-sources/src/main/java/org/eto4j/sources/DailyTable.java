package org.eto4j.sources;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;

/** The mutable daily columns a client fills before processing freezes them into a {@link DailySeries}. */
final class DailyTable {
    final LocalDate start;
    final int size;
    final EnumMap<Variable, double[]> values = new EnumMap<>(Variable.class);
    final EnumMap<Variable, int[]> flags = new EnumMap<>(Variable.class);

    DailyTable(LocalDate start, int size) {
        this.start = start;
        this.size = size;
    }

    /** Declares that the source provides {@code v}: a column of missing values until set. */
    double[] provide(Variable v) {
        return values.computeIfAbsent(v, k -> {
            double[] column = new double[size];
            Arrays.fill(column, Double.NaN);
            return column;
        });
    }

    int index(LocalDate date) {
        return (int) (date.toEpochDay() - start.toEpochDay());
    }

    boolean contains(LocalDate date) {
        int i = index(date);
        return i >= 0 && i < size;
    }

    void set(int day, Variable v, double value) {
        provide(v)[day] = value;
    }

    double get(int day, Variable v) {
        double[] column = values.get(v);
        return column == null ? Double.NaN : column[day];
    }

    void flag(int day, Variable v, ValueFlag flag) {
        flags.computeIfAbsent(v, k -> new int[size])[day] |= 1 << flag.ordinal();
    }

    boolean hasFlag(int day, Variable v, ValueFlag flag) {
        int[] column = flags.get(v);
        return column != null && (column[day] & (1 << flag.ordinal())) != 0;
    }

    DailySeries freeze(SourceId source, GeoPoint requested, GeoPoint grid, ZoneId zone, Elevation elevation) {
        EnumMap<Variable, double[]> v = new EnumMap<>(Variable.class);
        values.forEach((k, col) -> v.put(k, col.clone()));
        EnumMap<Variable, int[]> f = new EnumMap<>(Variable.class);
        flags.forEach((k, col) -> f.put(k, col.clone()));
        return new DailySeries(source, requested, grid, zone, elevation, start, size, v, f);
    }
}
