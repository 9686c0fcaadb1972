package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernel's own functions (accuracy against {@link StrictMath}, the same bits in every lane and for one
 * value) and its block path on block lengths that are not whole vectors. Runs only where the SIMD kernel is
 * active (the default test run; see {@link SimdSelectionTest}).
 */
class VectorKernelTest {

    @BeforeEach
    void simdKernelActive() {
        assumeTrue(Kernel.SIMD, "SIMD kernel not active");
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
        for (double lat : new double[] {-90, -89.9, -70, -66.6, -45, -0.0, 0, 12.5, 23.44, 66.6, 70, 89.9, 90}) {
            Kernel.Site site = new Kernel.Site(Station.of(lat, 100));
            double[] ra = new double[367];
            double[] n = new double[367];
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
        VectorKernel.sunPass(c, ones, ones, ones, ones, minusOnes, ws, new double[n], n);
        return ws;
    }

    /**
     * A lane's result depends on its own argument only, and equals the scalar function's bit for bit: the vector
     * passes and the scalar path give the same values.
     */
    @Test
    void everyLaneGivesTheBitsOfTheScalarFunction() {
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
        SplittableRandom r = new SplittableRandom(5);
        Fao56 o = Fao56.newBuilder().negativeEtoPolicy(NegativeEtoPolicy.CLIP_AT_ZERO).build();
        int m = Kernel.SIMD_MIN_ROWS;
        int[] sizes = {m, m + 1, m + 2, m + 3, m + 4, m + 5, m + 6, m + 7, m + 255, 1, 7, 30, 257};
        for (int size : sizes) {
            for (int variant = 0; variant < 4; variant++) {
                boolean perRow = variant % 2 == 0;
                boolean maxMin = variant >= 2;
                Station station = Station.of(r.nextDouble(-60, 60), r.nextDouble(0, 2000));
                RandomDays d = new RandomDays(r, size, perRow, maxMin, station,
                        new RandomDays.Ranges(89.9, -400, 8000, -40, 0, 0));
                double[] out = new double[size];
                long[] flags = new long[size];
                o.dailyBatch(station, d.columns(), out, flags);
                for (int i = 0; i < size; i++) {
                    EtoResult scalar = o.daily(d.station(i), d.weather(i));
                    int row = i;
                    assertEquals(Double.doubleToRawLongBits(scalar.eto()), Double.doubleToRawLongBits(out[i]),
                            () -> "size " + size + ", row " + row);
                    assertEquals(EstimateFlag.toMask(scalar.flags()), flags[i], () -> "flags, row " + row);
                }
            }
        }
    }
}
