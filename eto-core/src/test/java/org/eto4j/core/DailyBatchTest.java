package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The daily batch driver on its own: the scalar methods' results bit for bit, its blocks, tasks and errors. */
class DailyBatchTest {
    private static final Station STATION = Station.of(-7.5, 256);

    private static Kernel kernel() {
        Fao56 f = Fao56.defaults();
        return new Kernel(new Conventions(f.rsRsoBound, f.rsoFormula, f.kRs, f.aridTminOffset, f.angstromAs,
                f.angstromBs, f.defaultWindSpeed, f.stefanBoltzmann, f.stefanBoltzmannHourly, f.kelvinOffset,
                PenmanMonteith.CN_DAILY, PenmanMonteith.CD_DAILY, f.hourlyCn, f.hourlyCdDay, f.hourlyCdNight,
                f.hourlyGDay, f.hourlyGNight, f.nightRsRso, f.assumedRsRso, f.negativeEtoPolicy));
    }

    /**
     * {@code n} days from 2020-01-01, some with only temperatures (the row-by-row path), rows in {@code bad} invalid.
     */
    private static DailyColumns days(int n, int... bad) {
        SplittableRandom r = new SplittableRandom(3);
        int[] doy = new int[n];
        double[] tmax = new double[n];
        double[] tmin = new double[n];
        double[] rh = new double[n];
        double[] u2 = new double[n];
        double[] rs = new double[n];
        LocalDate first = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < n; i++) {
            doy[i] = first.plusDays(i).getDayOfYear();
            tmin[i] = r.nextDouble(15, 24);
            tmax[i] = tmin[i] + r.nextDouble(4, 14);
            boolean sparse = i % 300 < 20;
            rh[i] = sparse ? Double.NaN : r.nextDouble(30, 95);
            u2[i] = sparse ? Double.NaN : r.nextDouble(0.5, 4);
            rs[i] = sparse ? Double.NaN : r.nextDouble(8, 25);
        }
        for (int i : bad) {
            tmin[i] = tmax[i] + 2;
        }
        return DailyColumns.builder(n, doy).firstRowIndex(10).tmax(tmax).tmin(tmin).rhMean(rh).u2(u2).rs(rs).build();
    }

    @Test
    void everyRowEqualsTheSingleDayMethodBitForBit() {
        int n = 1_000;
        DailyColumns c = days(n);
        double[] eto = new double[n];
        long[] flags = new long[n];
        BatchResult result = new DailyBatch(kernel(), ValidationMode.STRICT).run(STATION, c, eto, flags);
        assertEquals(n, result.rows());
        assertEquals(0, result.invalidRows());
        LocalDate first = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < n; i++) {
            DailyWeather day = new DailyWeather(first.plusDays(i), c.tmax[i], c.tmin[i], Double.NaN, Double.NaN,
                    Double.NaN, c.rhMean[i], Double.NaN, Double.NaN, Double.NaN, c.u2[i], c.rs[i], Double.NaN);
            EtoResult single = Fao56.defaults().daily(STATION, day);
            assertEquals(Double.doubleToLongBits(single.eto()), Double.doubleToLongBits(eto[i]), "row " + i);
            assertEquals(EstimateFlag.toMask(single.flags()), flags[i], "row " + i);
        }
    }

    @Test
    void lenientlyInvalidRowsAreNaNFlaggedAndReportedWithTheirFileRow() {
        int n = 700;
        DailyColumns c = days(n, 3, 299, 650);
        double[] eto = new double[n];
        long[] flags = new long[n];
        BatchResult result = new DailyBatch(kernel(), ValidationMode.LENIENT).run(STATION, c, eto, flags);
        assertEquals(3, result.invalidRows());
        assertEquals(List.of(13, 309, 660), result.errors().stream().map(e -> e.row().getAsInt()).toList());
        assertTrue(result.errors().stream().allMatch(e -> e.code() == ErrorCode.TMIN_ABOVE_TMAX));
        assertTrue(Double.isNaN(eto[299]));
        assertEquals(EstimateFlag.INVALID_ROW.bit(), flags[299]);
        assertTrue(Double.isFinite(eto[298]) && Double.isFinite(eto[300]));
    }

    @Test
    void strictlyTheFirstInvalidRowIsThrown() {
        DailyColumns c = days(50, 20, 30);
        EtoException e = assertThrows(EtoException.class,
                () -> new DailyBatch(kernel(), ValidationMode.STRICT).run(STATION, c, new double[50], null));
        assertEquals(30, e.row().getAsInt());
    }

    @Test
    void smallTasksOnAnExecutorGiveTheSequentialResultsAndErrorsInRowOrder() throws Exception {
        int n = 2_345;
        DailyColumns c = days(n, 5, 400, 2_344);
        DailyBatch batch = new DailyBatch(kernel(), ValidationMode.LENIENT);
        double[] seq = new double[n];
        long[] seqFlags = new long[n];
        BatchResult expected = batch.run(STATION, c, seq, seqFlags);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int chunk : new int[] {1, 7, 256, 1_000, n, 10 * n}) {
                double[] par = new double[n];
                long[] parFlags = new long[n];
                BatchResult actual = batch.runParallel(STATION, c, par, parFlags, pool, chunk);
                assertArrayEquals(seq, par, "chunk " + chunk);
                assertArrayEquals(seqFlags, parFlags, "chunk " + chunk);
                assertEquals(expected.errors().stream().map(EtoException::getMessage).toList(),
                        actual.errors().stream().map(EtoException::getMessage).toList());
            }
            EtoException first = assertThrows(EtoException.class, () -> new DailyBatch(kernel(), ValidationMode.STRICT)
                    .runParallel(STATION, c, new double[n], null, pool, 100));
            assertEquals(15, first.row().getAsInt(), "the lowest invalid row, whichever task ends first");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outputsTooShortAreRefusedBeforeAnyRow() {
        DailyColumns c = days(10);
        DailyBatch batch = new DailyBatch(kernel(), ValidationMode.STRICT);
        assertEquals(ErrorCode.LENGTH_MISMATCH,
                assertThrows(EtoException.class, () -> batch.run(STATION, c, new double[9], null)).code());
        EtoException flags = assertThrows(EtoException.class, () -> batch.run(STATION, c, new double[10], new long[3]));
        assertEquals("flags", flags.field().orElseThrow());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theFormerBuilderNamesStillBuildTheSameCalculators() {
        assertEquals(Fao56.builder().kRs(0.19).build().toString(), Fao56.builder().kRs(0.19).build().toString());
        assertEquals(AsceEwri.builder().build().toString(), AsceEwri.builder().build().toString());
        assertEquals(MethodChooser.builder().build().getClass(), MethodChooser.builder().build().getClass());
    }
}
