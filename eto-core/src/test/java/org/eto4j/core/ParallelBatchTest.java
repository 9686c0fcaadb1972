package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Fao56#dailyBatchParallel}: the sequential results, bit for bit, and the same errors in row order. */
class ParallelBatchTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(2);
    private static final int SIZE = 3 * Fao56.PARALLEL_CHUNK_ROWS + 1234;

    @AfterAll
    static void shutDown() {
        POOL.shutdownNow();
    }

    private static DailyColumns columns(int[] invalidRows) {
        SplittableRandom r = new SplittableRandom(5);
        int[] doy = new int[SIZE];
        double[] lat = new double[SIZE];
        double[] elev = new double[SIZE];
        double[] tmax = new double[SIZE];
        double[] tmin = new double[SIZE];
        double[] rh = new double[SIZE];
        double[] u2 = new double[SIZE];
        double[] rs = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            doy[i] = 1 + r.nextInt(365);
            lat[i] = r.nextDouble(-60, 60);
            elev[i] = r.nextDouble(0, 2000);
            tmin[i] = r.nextDouble(-10, 25);
            tmax[i] = tmin[i] + r.nextDouble(2, 20);
            rh[i] = r.nextDouble(20, 100);
            u2[i] = r.nextDouble(0, 8);
            rs[i] = r.nextDouble(0.1, 0.9) * Radiation.extraterrestrialDaily(Math.toRadians(lat[i]), doy[i]);
        }
        for (int row : invalidRows) {
            tmin[row] = tmax[row] + 1;
        }
        return DailyColumns.builder(SIZE, doy).latitudeDegrees(lat).elevationMetres(elev).tmax(tmax).tmin(tmin)
                .rhMean(rh).u2(u2).rs(rs).build();
    }

    @Test
    void parallelEqualsSequentialBitForBit() {
        DailyColumns c = columns(new int[0]);
        double[] seq = new double[SIZE];
        double[] par = new double[SIZE];
        long[] seqFlags = new long[SIZE];
        long[] parFlags = new long[SIZE];
        Fao56.defaults().dailyBatch(Station.of(0, 0), c, seq, seqFlags);
        BatchResult r = Fao56.defaults().dailyBatchParallel(Station.of(0, 0), c, par, parFlags, POOL);
        assertArrayEquals(seq, par);
        assertArrayEquals(seqFlags, parFlags);
        assertEquals(SIZE, r.rows());
        assertEquals(0, r.invalidRows());
    }

    @Test
    void lenientErrorsComeBackInRowOrder() {
        int[] bad = {SIZE - 3, 7, Fao56.PARALLEL_CHUNK_ROWS, 2 * Fao56.PARALLEL_CHUNK_ROWS + 9};
        DailyColumns c = columns(bad);
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        double[] seq = new double[SIZE];
        double[] par = new double[SIZE];
        BatchResult s = lenient.dailyBatch(Station.of(0, 0), c, seq, null);
        BatchResult p = lenient.dailyBatchParallel(Station.of(0, 0), c, par, null, POOL);
        assertArrayEquals(seq, par);
        assertEquals(4, p.invalidRows());
        assertEquals(s.errors().stream().map(e -> e.row().getAsInt()).toList(),
                p.errors().stream().map(e -> e.row().getAsInt()).toList());
        assertEquals(java.util.List.of(7, Fao56.PARALLEL_CHUNK_ROWS, 2 * Fao56.PARALLEL_CHUNK_ROWS + 9, SIZE - 3),
                p.errors().stream().map(e -> e.row().getAsInt()).toList());
    }

    @Test
    void strictThrowsTheLowestInvalidRow() {
        DailyColumns c = columns(new int[] {SIZE - 3, 2 * Fao56.PARALLEL_CHUNK_ROWS + 9});
        EtoException e = assertThrows(EtoException.class,
                () -> Fao56.defaults().dailyBatchParallel(Station.of(0, 0), c, new double[SIZE], null, POOL));
        assertEquals(ErrorCode.TMIN_ABOVE_TMAX, e.code());
        assertEquals(2 * Fao56.PARALLEL_CHUNK_ROWS + 9, e.row().getAsInt());
    }

    @Test
    void refusedTaskPropagates() {
        DailyColumns c = columns(new int[0]);
        assertThrows(RejectedExecutionException.class, () -> Fao56.defaults().dailyBatchParallel(Station.of(0, 0), c,
                new double[SIZE], null, task -> {
                    throw new RejectedExecutionException("full");
                }));
    }

    @Test
    void perRowSiteColumnsAreValidated() {
        int[] doy = {100, 101, 102};
        double[] t = {25, 26, 27};
        double[] tn = {12, 13, 14};
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        DailyColumns c = DailyColumns.builder(3, doy).tmax(t).tmin(tn).rhMean(new double[] {50, 50, 50})
                .u2(new double[] {2, 2, 2}).rs(new double[] {20, 20, 20})
                .latitudeDegrees(new double[] {10, 95, 10}).elevationMetres(new double[] {100, 100, Double.NaN})
                .build();
        BatchResult r = lenient.dailyBatch(Station.of(0, 0), c, new double[3], null);
        assertEquals(2, r.invalidRows());
        assertEquals(ErrorCode.VALUE_OUT_OF_RANGE, r.errors().get(0).code());
        assertEquals("latitude", r.errors().get(0).field().orElseThrow());
        assertEquals(1, r.errors().get(0).row().getAsInt());
        assertEquals(ErrorCode.MISSING_INPUT, r.errors().get(1).code());
        assertEquals("elevation", r.errors().get(1).field().orElseThrow());
        EtoException shortColumn = assertThrows(EtoException.class,
                () -> DailyColumns.builder(3, doy).tmax(t).tmin(tn).latitudeDegrees(new double[2]).build());
        assertEquals(ErrorCode.LENGTH_MISMATCH, shortColumn.code());
        assertEquals("latitude", shortColumn.field().orElseThrow());
    }
}
