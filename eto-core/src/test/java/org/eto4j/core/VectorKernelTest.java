package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernel's own functions (accuracy against {@link StrictMath}, the same bits in every lane and for one
 * value) and its block path on block lengths that are not whole vectors. The scalar exp, log, sin and cos run
 * wherever the build runs (they need only the module, which {@link SimdSelectionTest} makes sure of); the
 * vector passes are compared with the kernel's scalar path, which uses those functions only where the SIMD
 * kernel is active, so they run there (on every machine that can run it, by {@link SimdSelectionTest}).
 */
class VectorKernelTest {

    /** For the tests that compare vector passes with the kernel's scalar path. */
    private static void simdKernelActive() {
        assumeTrue(Kernel.SIMD, "SIMD kernel not active on this machine (see SimdSelectionTest)");
    }

    private static final int N = 200_000;

    /** Worst relative error of f against the reference over arguments drawn uniformly from [lo, hi]. */
    private static double worst(DoubleUnaryOperator f, DoubleUnaryOperator reference, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < N; i++) {
            double x = r.nextDouble(lo, hi);
            double ref = reference.applyAsDouble(x);
            worst = Math.max(worst, Math.abs(f.applyAsDouble(x) - ref) / Math.abs(ref));
        }
        return worst;
    }

    @Test
    void expIsAccurateOverItsRange() {
        // e°(T) of eq. 11 for T in −90…60 °C needs about −10.4…3.6; pressure about −1.3…0.1.
        assertTrue(worst(VectorKernel::exp, StrictMath::exp, -11, 4) < 5e-16);
        assertTrue(worst(VectorKernel::exp, StrictMath::exp, VectorKernel.EXP_MIN, VectorKernel.EXP_MAX) < 5e-16);
        assertEquals(1.0, VectorKernel.exp(0.0));
        assertEquals(0.0, VectorKernel.exp(-1000.0));
        assertEquals(Double.POSITIVE_INFINITY, VectorKernel.exp(1000.0));
        assertTrue(Double.isNaN(VectorKernel.exp(Double.NaN)));
    }

    @Test
    void logIsAccurateOverItsRange() {
        // P of eq. 7: ln((293 − 0.0065 z)/293) for z in −500…9000 m.
        assertTrue(worst(VectorKernel::log, StrictMath::log, 0.79, 1.012) < 5e-16);
        assertTrue(worst(VectorKernel::log, StrictMath::log, 1e-300, 1e300) < 5e-16);
        assertEquals(0.0, VectorKernel.log(1.0));
        assertTrue(Double.isNaN(VectorKernel.log(0.0)));
        assertTrue(Double.isNaN(VectorKernel.log(-1.0)));
        assertTrue(Double.isNaN(VectorKernel.log(Double.NaN)));
    }

    @Test
    void sinAndCosAreAccurateForEveryLatitude() {
        double halfPi = Math.PI / 2;
        assertTrue(worst(VectorKernel::sin, StrictMath::sin, -halfPi, halfPi) < 5e-16);
        assertTrue(worst(VectorKernel::cos, StrictMath::cos, -halfPi, halfPi) < 5e-16);
        // Near the poles cos φ keeps its relative precision (the argument is reduced exactly).
        assertTrue(worst(VectorKernel::cos, StrictMath::cos, halfPi - 1e-6, halfPi) < 5e-16);
        assertEquals(0.0, Math.abs(VectorKernel.sin(-0.0)));
        assertEquals(1.0, VectorKernel.cos(0.0));
    }

    @Test
    void acosIsStrictMathBitForBit() {
        simdKernelActive();
        SplittableRandom r = new SplittableRandom(11);
        double[] special = {0.0, -0.0, 0.5, -0.5, Math.nextDown(0.5), Math.nextUp(-0.5), 1e-300, -1e-300, 1e-17,
            Math.nextDown(1.0), Math.nextUp(-1.0)};
        for (double x : special) {
            assertEquals(Double.doubleToRawLongBits(StrictMath.acos(x)),
                    Double.doubleToRawLongBits(acos(x)), () -> "acos(" + x + ")");
        }
        for (int i = 0; i < N; i++) {
            double x = r.nextDouble(-1, 1);
            assertEquals(Double.doubleToRawLongBits(StrictMath.acos(x)), Double.doubleToRawLongBits(acos(x)),
                    () -> "acos(" + x + ")");
        }
    }

    /** The per-station Ra and N tables computed in vectors equal the scalar functions, polar days included. */
    @Test
    void dayTablesEqualTheScalarFunctions() {
        simdKernelActive();
        for (double lat : new double[] {-90, -89.9, -70, -66.6, -45, -0.0, 0, 12.5, 23.44, 66.6, 70, 89.9, 90}) {
            Kernel.Site site = new Kernel.Site(Station.of(lat, 100));
            double[] ra = new double[Kernel.DAY_TABLE_LENGTH];
            double[] n = new double[Kernel.DAY_TABLE_LENGTH];
            VectorKernel.dayTables(site, ra, n);
            for (int doy = 1; doy <= 366; doy++) {
                int j = doy;
                assertEquals(Double.doubleToRawLongBits(Kernel.extraterrestrialDaily(site, doy)),
                        Double.doubleToRawLongBits(ra[doy]), () -> "Ra, latitude " + lat + ", day " + j);
                assertEquals(Double.doubleToRawLongBits(Kernel.daylightHours(site, doy)),
                        Double.doubleToRawLongBits(n[doy]), () -> "N, latitude " + lat + ", day " + j);
            }
        }
    }

    /** ωs of one argument through the vector pass (arccos for |x| &lt; 1). */
    private static double acos(double x) {
        double[] c = new double[VectorKernel.LANES];
        java.util.Arrays.fill(c, x);
        return sunset(c)[0];
    }

    /**
     * ωs of cos ωs = c[k] through {@link VectorKernel#sunPass}: sin φ = c, cos φ = 1, tan δ = −1 make
     * −(sin φ / cos φ) tan δ exactly c.
     */
    private static double[] sunset(double[] c) {
        int n = c.length;
        double[] ones = new double[n];
        double[] minusOnes = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        java.util.Arrays.fill(minusOnes, -1.0);
        double[] ws = new double[n];
        VectorKernel.sunPass(c, ones, ones, ones, ones, minusOnes, 0, ws, new double[n], 0, n);
        return ws;
    }

    /**
     * A lane's result depends on its own argument only, and equals the scalar function's bit for bit: the vector
     * passes and the scalar path give the same values.
     */
    @Test
    void everyLaneGivesTheBitsOfTheScalarFunction() {
        simdKernelActive();
        SplittableRandom r = new SplittableRandom(3);
        int n = 4 * VectorKernel.LANES;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] y2 = new double[n];
        for (int round = 0; round < 5_000; round++) {
            for (int k = 0; k < n; k++) {
                // NaN neighbours now and then; arguments beyond each function's range too
                x[k] = r.nextInt(20) == 0 ? Double.NaN : r.nextDouble(-3, 3) * (r.nextInt(10) == 0 ? 300 : 1);
            }
            y = x.clone();
            VectorKernel.expPass(y, n);
            same(x, y, VectorKernel::exp);
            y = abs(x);
            VectorKernel.logPass(y, n);
            same(abs(x), y, VectorKernel::log);
            double[] degrees = new double[n];
            for (int k = 0; k < n; k++) {
                degrees[k] = Double.isNaN(x[k]) ? x[k] : x[k] * 30;
            }
            VectorKernel.sinCosOfDegreesPass(degrees, 0, y, y2, n);
            same(degrees, y, d -> VectorKernel.sin(Math.toRadians(d)));
            same(degrees, y2, d -> VectorKernel.cos(Math.toRadians(d)));
            double[] c = new double[n];
            for (int k = 0; k < n; k++) {
                c[k] = x[k] / 2.5;
            }
            same(c, sunset(c), Kernel::sunsetHourAngle);
        }
    }

    private static double[] abs(double[] x) {
        double[] a = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            a[k] = Math.abs(x[k]);
        }
        return a;
    }

    private static void same(double[] x, double[] y, DoubleUnaryOperator scalar) {
        for (int k = 0; k < x.length; k++) {
            int lane = k;
            assertEquals(Double.doubleToRawLongBits(scalar.applyAsDouble(x[k])), Double.doubleToRawLongBits(y[k]),
                    () -> "argument " + x[lane]);
        }
    }

    /**
     * Batches long enough for the vector code ({@link Kernel#SIMD_MIN_ROWS} rows and more) whose last vector is
     * partial in every way (1 to 7 rows of 8, a block of 255 rows) and short ones that take the scalar block
     * path: each row equals {@link Fao56#daily} on its own bit for bit, flags included.
     */
    @Test
    void partialVectorsEqualTheScalarPath() {
        simdKernelActive();
        SplittableRandom r = new SplittableRandom(5);
        Fao56 o = Fao56.builder().negativeEtoPolicy(NegativeEtoPolicy.CLIP_AT_ZERO).build();
        int m = Kernel.SIMD_MIN_ROWS;
        int[] sizes = {m, m + 1, m + 2, m + 3, m + 4, m + 5, m + 6, m + 7, m + 255, 1, 7, 30, 257};
        for (int size : sizes) {
            for (int variant = 0; variant < 4; variant++) {
                boolean perRow = variant % 2 == 0;
                boolean maxMin = variant >= 2;
                Station station = Station.of(r.nextDouble(-60, 60), r.nextDouble(0, 2000));
                RandomDays d = new RandomDays(r, size, perRow, maxMin, station,
                        new RandomDays.Ranges(89.9, -400, 8000, -40, 0, 0));
                d.assertBatchEqualsScalar(o, "size " + size);
            }
        }
    }

    /** Dates from start, one a day, with day `skip` left out and day `repeat` given twice (each -1 for none). */
    private static int[] daysOfYear(LocalDate start, int size, int skip, int repeat) {
        int[] doy = new int[size];
        LocalDate date = start;
        for (int i = 0; i < size; i++) {
            if (i == skip) {
                date = date.plusDays(1);
            }
            doy[i] = date.getDayOfYear();
            if (i != repeat) {
                date = date.plusDays(1);
            }
        }
        return doy;
    }

    /** Starts that put a new year (after a common or a leap year) at every position of a vector. */
    private static final LocalDate[] STARTS = {LocalDate.of(2019, 12, 20), LocalDate.of(2020, 12, 25),
        LocalDate.of(2021, 12, 31), LocalDate.of(2023, 12, 27), LocalDate.of(2024, 12, 24), LocalDate.of(2020, 2, 27),
        LocalDate.of(2011, 12, 30), LocalDate.of(2015, 12, 26), LocalDate.of(2027, 12, 28)};

    /**
     * Ra of days that follow the calendar is read as contiguous stretches of the common or leap year's table and
     * equals the table lookup for every row, across every new year; a series with a day left out or repeated is
     * refused (the caller then gathers).
     */
    @Test
    void consecutiveDaysReadRaAsStretches() {
        simdKernelActive();
        Kernel.Site site = new Kernel.Site(Station.of(-12.5, 400));
        double[] leap = new double[Kernel.DAY_TABLE_LENGTH];
        double[] common = new double[Kernel.DAY_TABLE_LENGTH];
        double[] nByDay = new double[Kernel.DAY_TABLE_LENGTH];
        VectorKernel.dayTables(site, leap, nByDay);
        VectorKernel.continueIntoNextYear(leap, common);
        int n = 2048;
        double[] out = new double[n];
        for (LocalDate start : STARTS) {
            int[] doy = daysOfYear(start, n, -1, -1);
            assertTrue(VectorKernel.raOfConsecutiveDays(leap, common, doy, 0, out, n), start::toString);
            for (int k = 0; k < n; k++) {
                int row = k;
                assertEquals(Kernel.extraterrestrialDaily(site, doy[k]), out[k], 1e-12 * out[k],
                        () -> start + ", row " + row);
                assertEquals(Double.doubleToRawLongBits(leap[doy[k]]), Double.doubleToRawLongBits(out[k]),
                        () -> start + ", row " + row);
            }
            for (int broken : new int[] {3, 700, 1500}) {
                assertTrue(!VectorKernel.raOfConsecutiveDays(leap, common, daysOfYear(start, n, broken, -1), 0, out,
                        n), () -> start + " skipping " + broken);
                assertTrue(!VectorKernel.raOfConsecutiveDays(leap, common, daysOfYear(start, n, -1, broken), 0, out,
                        n), () -> start + " repeating " + broken);
            }
        }
    }

    /**
     * Station series one day after another (the case whose Ra is read in stretches), and the same with a day left
     * out or repeated (gathered): each row equals {@link Fao56#daily} on its own bit for bit, flags included.
     */
    @Test
    void calendarSeriesEqualTheScalarPath() {
        simdKernelActive();
        SplittableRandom r = new SplittableRandom(17);
        Fao56 o = Fao56.defaults();
        int size = Kernel.SIMD_MIN_ROWS + 1003;
        for (LocalDate start : STARTS) {
            for (int variant = 0; variant < 3; variant++) {
                Station station = Station.of(r.nextDouble(-60, 60), r.nextDouble(0, 2000));
                RandomDays d = new RandomDays(r, size, false, variant == 1, station,
                        new RandomDays.Ranges(60, 0, 0, -20, 10, 0));
                int[] doy = daysOfYear(start, size, variant == 2 ? 1000 : -1, variant == 2 ? 3000 : -1);
                for (int i = 0; i < size; i++) {
                    d.doy[i] = doy[i];
                    d.rs[i] = r.nextDouble() * Radiation.extraterrestrialDaily(
                            Math.toRadians(station.latitudeDegrees()), doy[i]);
                }
                d.assertBatchEqualsScalar(o, start + ", variant " + variant);
            }
        }
    }

    /**
     * Values on each validity bound, just beyond it, signed zeros, NaN and infinities, each in its own block of a
     * lenient batch (the SIMD kernel checks validity through sign bits, then falls back row by row): each row
     * equals {@link Fao56#daily} on its own bit for bit, flags and validity included.
     */
    @Test
    void boundsSignedZerosAndNonFiniteValuesEqualTheScalarPath() {
        simdKernelActive();
        SplittableRandom r = new SplittableRandom(23);
        Fao56 o = Fao56.builder().validation(ValidationMode.LENIENT).build();
        double up100 = Math.nextUp(100.0);
        for (int variant = 0; variant < 4; variant++) {
            boolean perRow = variant % 2 == 0;
            boolean maxMin = variant >= 2;
            Station station = Station.of(r.nextDouble(-50, 50), r.nextDouble(0, 2000));
            int size = Kernel.SIMD_MIN_ROWS + 7 * 256;
            RandomDays d = new RandomDays(r, size, perRow, maxMin, station,
                    new RandomDays.Ranges(50, 0, 2000, -20, 10, 0));
            java.util.List<java.util.function.IntConsumer> probes = java.util.List.of(
                i -> d.tmax[i] = 60.0,
                i -> d.tmax[i] = Math.nextUp(60.0),
                i -> d.tmax[i] = Double.NaN,
                i -> d.tmax[i] = Double.POSITIVE_INFINITY,
                i -> { d.tmin[i] = -90.0; d.tmax[i] = -80.0; },
                i -> { d.tmin[i] = Math.nextDown(-90.0); d.tmax[i] = -80.0; },
                i -> d.tmin[i] = d.tmax[i],
                i -> d.tmin[i] = Math.nextUp(d.tmax[i]),
                i -> { d.tmax[i] = 0.0; d.tmin[i] = -0.0; },
                i -> { d.tmax[i] = -0.0; d.tmin[i] = 0.0; },
                i -> d.tmin[i] = Double.NEGATIVE_INFINITY,
                i -> { d.rh[i] = 0.0; d.rhMin[i] = 0.0; },
                i -> { d.rh[i] = -0.0; d.rhMin[i] = -0.0; },
                i -> { d.rh[i] = 100.0; d.rhMax[i] = 100.0; },
                i -> { d.rh[i] = up100; d.rhMax[i] = up100; },
                i -> { d.rh[i] = -Double.MIN_VALUE; d.rhMin[i] = -Double.MIN_VALUE; },
                i -> { d.rh[i] = Double.NaN; d.rhMin[i] = Double.NaN; },
                i -> d.rhMin[i] = d.rhMax[i],
                i -> d.rhMin[i] = Math.nextUp(d.rhMax[i]),
                i -> d.u2[i] = 0.0,
                i -> d.u2[i] = -0.0,
                i -> d.u2[i] = 75.0,
                i -> d.u2[i] = Math.nextUp(75.0),
                i -> d.u2[i] = Double.NaN,
                i -> d.u2[i] = Double.POSITIVE_INFINITY,
                i -> d.rs[i] = 0.0,
                i -> d.rs[i] = -0.0,
                i -> d.rs[i] = -Double.MIN_VALUE,
                i -> d.rs[i] = Double.NaN,
                i -> d.rs[i] = Math.nextUp(Qc.MAX_DAILY_SOLAR),
                i -> d.rs[i] = rsLimit(d, i),
                i -> d.rs[i] = Math.nextUp(rsLimit(d, i)));
            for (int p = 0; p < probes.size(); p++) {
                probes.get(p).accept(p * (size / probes.size()) + r.nextInt(40));
            }
            int invalid = d.assertBatchEqualsScalar(o, "variant " + variant);
            assertTrue(invalid >= 12, "the probes beyond a bound are invalid rows: " + invalid);
        }
    }

    /** 1.05 Ra + 0.5, the largest valid Rs of row i, with Ra as the kernel computes it. */
    private static double rsLimit(RandomDays d, int i) {
        double ra = Kernel.extraterrestrialDaily(new Kernel.Site(d.station(i)), d.doy[i]);
        return Qc.RS_OVER_RA_FACTOR * ra + Qc.RS_OVER_RA_DAILY_ALLOWANCE;
    }
}
