package org.eto4j.progress.eto;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The rows of an {@link EtoCalculationTask}'s result as primitive columns, read-only: the period as a number
 * (epoch day, or months since January of year 0), ETo and the flag mask, 24 bytes a record. Each
 * {@link EtoCalculationResult.Row} (and its period's text) is made when it is read, because a row record with its
 * period as a string costs about five times as much and most of a large result is only ever written out once.
 * Equal to any list of the same rows.
 */
final class RowColumns extends AbstractList<EtoCalculationResult.Row> implements RandomAccess {
    private final boolean monthly;
    private final long[] period;
    private final double[] eto;
    private final long[] flags;

    /** Takes the arrays, which nobody else writes afterwards. */
    RowColumns(boolean monthly, long[] period, double[] eto, long[] flags) {
        this.monthly = monthly;
        this.period = period;
        this.eto = eto;
        this.flags = flags;
    }

    @Override
    public int size() {
        return period.length;
    }

    @Override
    public EtoCalculationResult.Row get(int i) {
        Objects.checkIndex(i, period.length);
        if (monthly) {
            YearMonth m = month(i);
            return new EtoCalculationResult.Row(m.toString(), m.lengthOfMonth(), eto[i], flags[i]);
        }
        return new EtoCalculationResult.Row(LocalDate.ofEpochDay(period[i]).toString(), 1, eto[i], flags[i]);
    }

    /** Row {@code i}'s period in ISO 8601, as {@link EtoCalculationResult.Row#period()} gives it. */
    String period(int i) {
        return monthly ? month(i).toString() : LocalDate.ofEpochDay(period[i]).toString();
    }

    private YearMonth month(int i) {
        return YearMonth.of(Math.toIntExact(Math.floorDiv(period[i], 12)), (int) Math.floorMod(period[i], 12) + 1);
    }
}
