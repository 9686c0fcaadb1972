package org.eto4j.core;

import static org.eto4j.core.Kernel.PIO2_HI;
import static org.eto4j.core.Kernel.PIO2_LO;
import static org.eto4j.core.Kernel.PS0;
import static org.eto4j.core.Kernel.PS1;
import static org.eto4j.core.Kernel.PS2;
import static org.eto4j.core.Kernel.PS3;
import static org.eto4j.core.Kernel.PS4;
import static org.eto4j.core.Kernel.PS5;
import static org.eto4j.core.Kernel.QS1;
import static org.eto4j.core.Kernel.QS2;
import static org.eto4j.core.Kernel.QS3;
import static org.eto4j.core.Kernel.QS4;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD form of {@link Kernel}'s daily block path, written with the JDK's Vector API
 * ({@code jdk.incubator.vector}, incubating in JDK 17). Only touched when {@link Kernel#SIMD} is true, i.e. when
 * that module is in the boot layer ({@code --add-modules jdk.incubator.vector}), the preferred species has at
 * least {@link #MIN_LANES} lanes and the {@code org.eto4j.core.simd} system property is not {@code off}; without
 * the module this class is never loaded.
 *
 * <p><b>Why not the Vector API's own {@code EXP}, {@code SIN}, {@code LOG}, {@code ACOS}.</b> Those operators
 * are compiled by C2 to short-vector math library calls, but the interpreter and C1 run their Java fallback,
 * which calls {@link Math#exp} etc. per lane: the two differ in the last bit for a few percent of arguments, so
 * a row's result would depend on whether the code had been JIT-compiled yet. The functions here use only
 * lane-wise IEEE operations (add, subtract, multiply, divide, square root, fused multiply-add, min, max, bit
 * moves), each rounded once by definition, which every tier evaluates identically. Each exists twice, as a vector pass
 * over scratch arrays and as plain scalar code ({@link #exp(double)} …) doing the same operations in the same order,
 * which is how the scalar path ({@code Fao56.daily} on one record, and rows the block path hands back) gets the very
 * same bits as the vector passes (tested lane by lane).
 *
 * <p><b>Why passes over arrays.</b> The block is computed as a series of short loops over the batch's columns
 * and scratch columns of one block, not as one loop calling vector-valued helpers: HotSpot inlines a helper only
 * below 325 bytecodes and within its budget for the caller, and a vector passed to a helper that is not inlined
 * is boxed on the heap, which costs more than the arithmetic (the whole ETo in one loop calling the exponential
 * three times measured 1.7 times slower). The one vector helper, {@link #expInRange}, is small and called from
 * short loops, where it is inlined (measured as fast as the loops with the polynomial written out). Every lane is a
 * real row: a block that does not end on a whole vector reaches back into the rows before it, which are
 * computed again to the same bits.
 *
 * <p><b>Why no vector masks in the hot passes.</b> JDK 17 compiles a {@code VectorMask} comparison, and every
 * {@code and} of two masks, to several instructions. The validity checks of the ETo pass are therefore sign
 * tests: each check "a ≤ b" ORs the bits of b − a into a long vector, and one sign test per block decides; the
 * exponential pass skips the special-value blends of {@link #expPass}, as every valid row's argument lies well
 * inside its range and an invalid row sends the block down the row-by-row path anyway.
 *
 * <p>Accuracy on the kernel's domains (tested): exp, log, sin and cos within a few units in the last place of
 * the correctly rounded result; the arccos of {@link #sunPass} is fdlibm's algorithm, equal to
 * {@link StrictMath#acos} bit for bit.
 */
final class VectorKernel {

    /** The preferred species: 8 lanes with AVX-512, 4 with AVX2. */
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int LANES = SPECIES.length();
    /** Below 4 lanes (e.g. 128-bit NEON or SSE) the scalar kernel is as fast, so it is kept. */
    static final int MIN_LANES = 4;

    private VectorKernel() {
    }

    // ------------------------------------------------------------------------------------------------ exp

    private static final double LOG2E = 1.4426950408889634;
    // fdlibm's split of ln 2: k·LN2_HI is exact for |k| < 2^20.
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2^52: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFT = 0x1.8p52;
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
    /** Below this exp returns 0 and above {@link #EXP_MAX} +∞ (the result would be subnormal or near overflow). */
    static final double EXP_MIN = -708.0;
    static final double EXP_MAX = 709.0;
    // e^r = 1 + r (1 + r h(r)) for |r| ≤ ln2/2, h(r) = (e^r − 1 − r)/r² by a degree-9 polynomial: the Chebyshev
    // interpolant of h on [−0.3466, 0.3466] (50-digit arithmetic), coefficients rounded to double; its relative
    // error in e^r is below 2e-17, a sixth of the last place (the degree-13 Taylor polynomial it replaces needed
    // two more operations for the same accuracy).
    private static final double H0 = 0.5000000000000001;
    private static final double H1 = 0.16666666666666669;
    private static final double H2 = 0.041666666666624136;
    private static final double H3 = 0.008333333333330063;
    private static final double H4 = 0.001388888891720967;
    private static final double H5 = 0.00019841269863050506;
    private static final double H6 = 2.4801521302241082e-05;
    private static final double H7 = 2.7557268464831627e-06;
    private static final double H8 = 2.7620085455018414e-07;
    private static final double H9 = 2.510038319586702e-08;

    /**
     * e^x: x = k ln 2 + r with |r| ≤ ln 2 / 2 (Cody and Waite's two-part ln 2, with fused multiply-adds), e^r as
     * 1 + r (1 + r h(r)) with h the degree-9 polynomial above, times 2^k built in the exponent bits. 0 below
     * {@link #EXP_MIN}, +∞ above {@link #EXP_MAX}, NaN for NaN.
     */
    static double exp(double x) {
        double xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        double t = Math.fma(xc, LOG2E, SHIFT);
        double minusK = SHIFT - t;
        double r = Math.fma(minusK, LN2_LO, Math.fma(minusK, LN2_HI, xc));
        double p = Math.fma(r, H9, H8);
        p = Math.fma(p, r, H7);
        p = Math.fma(p, r, H6);
        p = Math.fma(p, r, H5);
        p = Math.fma(p, r, H4);
        p = Math.fma(p, r, H3);
        p = Math.fma(p, r, H2);
        p = Math.fma(p, r, H1);
        p = Math.fma(p, r, H0);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        double y = p * Double.longBitsToDouble((Double.doubleToRawLongBits(t) - (SHIFT_BITS - 1023L)) << 52);
        if (x != x) {
            return Double.NaN;
        }
        if (x < EXP_MIN) {
            return 0.0;
        }
        return x > EXP_MAX ? Double.POSITIVE_INFINITY : y;
    }

    /** a[k] = {@link #exp(double) exp}(a[k]) for k &lt; n (a multiple of {@link #LANES}). */
    static void expPass(double[] a, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, k);
            expInRange(x.max(EXP_MIN).min(EXP_MAX))
                    .blend(Double.NaN, x.compare(VectorOperators.NE, x))
                    .blend(0.0, x.compare(VectorOperators.LT, EXP_MIN))
                    .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX))
                    .intoArray(a, k);
        }
    }

    /**
     * {@link #exp(double)}'s operations for arguments in [{@link #EXP_MIN}, {@link #EXP_MAX}], lane by lane, without
     * the special values. Small enough (under HotSpot's 325-bytecode limit for hot calls) to be inlined into the
     * loops that call it, so its vectors never reach the heap.
     */
    private static DoubleVector expInRange(DoubleVector x) {
        DoubleVector t = x.fma(LOG2E, SHIFT);
        DoubleVector minusK = DoubleVector.broadcast(SPECIES, SHIFT).sub(t);
        DoubleVector r = minusK.fma(DoubleVector.broadcast(SPECIES, LN2_LO),
                minusK.fma(DoubleVector.broadcast(SPECIES, LN2_HI), x));
        DoubleVector p = r.fma(H9, H8);
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H7));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H6));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H5));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H4));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H3));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H2));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H1));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, H0));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, 1.0));
        p = p.fma(r, DoubleVector.broadcast(SPECIES, 1.0));
        DoubleVector scale = t.reinterpretAsLongs().sub(SHIFT_BITS - 1023L)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale);
    }

    // ------------------------------------------------------------------------------------------------ log

    private static final double SQRT2 = 1.4142135623730951;
    private static final long MANTISSA = 0x000fffffffffffffL;
    private static final long ONE_BITS = 0x3ff0000000000000L;
    // Series of 2 atanh s = 2 (s + s³/3 + s⁵/5 + …) for |s| ≤ 0.1716, z = s² (first omitted term < 2^-60).
    private static final double L3 = 1.0 / 3.0;
    private static final double L5 = 1.0 / 5.0;
    private static final double L7 = 1.0 / 7.0;
    private static final double L9 = 1.0 / 9.0;
    private static final double L11 = 1.0 / 11.0;
    private static final double L13 = 1.0 / 13.0;
    private static final double L15 = 1.0 / 15.0;
    private static final double L17 = 1.0 / 17.0;
    private static final double L19 = 1.0 / 19.0;
    private static final double L21 = 1.0 / 21.0;
    private static final double L23 = 1.0 / 23.0;

    /**
     * ln x for positive normal finite x: x = m 2^e with m in [√½, √2), ln m = 2 atanh((m − 1)/(m + 1)) by its
     * series, plus e ln 2. NaN for any other argument.
     */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double m = Double.longBitsToDouble(bits & MANTISSA | ONE_BITS);
        // The exponent as a double: e + 1.5·2^52 has e in its low bits.
        double e = Double.longBitsToDouble((bits >>> 52) + (SHIFT_BITS - 1023L)) - SHIFT;
        if (m > SQRT2) {
            m = m * 0.5;
            e = e + 1.0;
        }
        double s = (m - 1.0) / (m + 1.0);
        double z = s * s;
        double q = Math.fma(z, L23, L21);
        q = Math.fma(q, z, L19);
        q = Math.fma(q, z, L17);
        q = Math.fma(q, z, L15);
        q = Math.fma(q, z, L13);
        q = Math.fma(q, z, L11);
        q = Math.fma(q, z, L9);
        q = Math.fma(q, z, L7);
        q = Math.fma(q, z, L5);
        q = Math.fma(q, z, L3);
        double twoS = s + s;
        double lnM = twoS + twoS * z * q;
        double result = e * LN2_HI + (lnM + e * LN2_LO);
        return x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE ? result : Double.NaN;
    }

    /** a[k] = {@link #log(double) log}(a[k]) for k &lt; n (a multiple of {@link #LANES}). */
    static void logPass(double[] a, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, a, k);
            LongVector bits = x.reinterpretAsLongs();
            DoubleVector m = bits.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).add(SHIFT_BITS - 1023L).reinterpretAsDoubles()
                    .sub(SHIFT);
            VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
            m = m.blend(m.mul(0.5), high);
            e = e.blend(e.add(1.0), high);
            DoubleVector s = m.sub(1.0).div(m.add(1.0));
            DoubleVector z = s.mul(s);
            DoubleVector q = z.fma(L23, L21);
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L19));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L17));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L15));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L13));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L11));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L9));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L7));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L5));
            q = q.fma(z, DoubleVector.broadcast(SPECIES, L3));
            DoubleVector twoS = s.add(s);
            DoubleVector lnM = twoS.add(twoS.mul(z).mul(q));
            DoubleVector result = e.mul(LN2_HI).add(lnM.add(e.mul(LN2_LO)));
            VectorMask<Double> ok = x.compare(VectorOperators.GE, Double.MIN_NORMAL)
                    .and(x.compare(VectorOperators.LE, Double.MAX_VALUE));
            result.blend(Double.NaN, ok.not()).intoArray(a, k);
        }
    }

    // ------------------------------------------------------------------------------------------- sin, cos

    private static final double PIO4 = Math.PI / 4.0;
    // Taylor coefficients of sin r / r and cos r in z = r², |r| ≤ π/4 (first omitted terms below 2^-60).
    private static final double S1 = -1.0 / 6.0;
    private static final double S2 = 1.0 / 120.0;
    private static final double S3 = -1.0 / 5040.0;
    private static final double S4 = 1.0 / 362880.0;
    private static final double S5 = -1.0 / 39916800.0;
    private static final double S6 = 1.0 / 6227020800.0;
    private static final double S7 = -1.0 / 1307674368000.0;
    private static final double S8 = 1.0 / 355687428096000.0;
    private static final double C1 = -1.0 / 2.0;
    private static final double C2 = 1.0 / 24.0;
    private static final double C3 = -1.0 / 720.0;
    private static final double C4 = 1.0 / 40320.0;
    private static final double C5 = -1.0 / 3628800.0;
    private static final double C6 = 1.0 / 479001600.0;
    private static final double C7 = -1.0 / 87178291200.0;
    private static final double C8 = 1.0 / 20922789888000.0;
    private static final double C9 = -1.0 / 6402373705728000.0;

    /**
     * sin x (cosine false) or cos x (cosine true) for |x| ≤ 3π/4, which covers every latitude: for |x| &gt; π/4 the
     * argument is reduced exactly to r = π/2 − |x| (Sterbenz) plus the low part of π/2, and the cofunction of r
     * is taken, so cos φ keeps full relative precision near the poles. sin −0 is +0.
     */
    private static double sinOrCos(double x, boolean cosine) {
        double a = Math.abs(x);
        boolean reduced = a > PIO4;
        double r = reduced ? PIO2_HI - a + PIO2_LO : x;
        double z = r * r;
        double ps = Math.fma(z, S8, S7);
        ps = Math.fma(ps, z, S6);
        ps = Math.fma(ps, z, S5);
        ps = Math.fma(ps, z, S4);
        ps = Math.fma(ps, z, S3);
        ps = Math.fma(ps, z, S2);
        ps = Math.fma(ps, z, S1);
        double sin = r + r * z * ps;
        double pc = Math.fma(z, C9, C8);
        pc = Math.fma(pc, z, C7);
        pc = Math.fma(pc, z, C6);
        pc = Math.fma(pc, z, C5);
        pc = Math.fma(pc, z, C4);
        pc = Math.fma(pc, z, C3);
        pc = Math.fma(pc, z, C2);
        pc = Math.fma(pc, z, C1);
        double cos = Math.fma(z, pc, 1.0);
        if (cosine) {
            return reduced ? sin : cos;
        }
        double s = reduced ? cos : sin;
        return reduced && x < 0.0 ? -s : s;
    }

    /** sin x for |x| ≤ 3π/4 (sin −0 is +0). */
    static double sin(double x) {
        return sinOrCos(x, false);
    }

    /** cos x for |x| ≤ 3π/4. */
    static double cos(double x) {
        return sinOrCos(x, true);
    }

    /** {@link #DEGREES_TO_RADIANS}·deg[k] → its {@link #sin(double) sin} and {@link #cos(double) cos}. */
    static void sinCosOfDegreesPass(double[] deg, int offset, double[] sin, double[] cos, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, deg, offset + k).mul(DEGREES_TO_RADIANS);
            DoubleVector a = x.abs();
            VectorMask<Double> reduced = a.compare(VectorOperators.GT, PIO4);
            DoubleVector r = x.blend(DoubleVector.broadcast(SPECIES, PIO2_HI).sub(a).add(PIO2_LO), reduced);
            DoubleVector z = r.mul(r);
            DoubleVector ps = z.fma(S8, S7);
            ps = ps.fma(z, DoubleVector.broadcast(SPECIES, S6));
            ps = ps.fma(z, DoubleVector.broadcast(SPECIES, S5));
            ps = ps.fma(z, DoubleVector.broadcast(SPECIES, S4));
            ps = ps.fma(z, DoubleVector.broadcast(SPECIES, S3));
            ps = ps.fma(z, DoubleVector.broadcast(SPECIES, S2));
            ps = ps.fma(z, DoubleVector.broadcast(SPECIES, S1));
            DoubleVector sr = r.add(r.mul(z).mul(ps));
            DoubleVector pc = z.fma(C9, C8);
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C7));
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C6));
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C5));
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C4));
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C3));
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C2));
            pc = pc.fma(z, DoubleVector.broadcast(SPECIES, C1));
            DoubleVector cr = z.fma(pc, DoubleVector.broadcast(SPECIES, 1.0));
            cr.blend(sr, reduced).intoArray(cos, k);
            DoubleVector s = sr.blend(cr, reduced);
            s.blend(s.neg(), reduced.and(x.compare(VectorOperators.LT, 0.0))).intoArray(sin, k);
        }
    }

    // ----------------------------------------------------------------------------------------------- acos

    // fdlibm e_acos.c, as in Kernel.acos (its constants PS0…QS4 are Kernel's).
    /** The largest |x| whose fdlibm arccos is π/2 outright (high word 0x3c600000). */
    private static final double ACOS_TINY = Double.longBitsToDouble(0x3c600000ffffffffL);

    /**
     * The sun's part of a site and day: cos ωs = −tan φ tan δ with tan φ = sin φ / cos φ (eq. 25's argument, as
     * {@link Kernel.Site} computes it); ωs as {@link Kernel#sunsetHourAngle} gives it: 0 for cos ωs ≥ 1, π for
     * cos ωs ≤ −1, else its arccos by fdlibm's three branches, computed for every lane and blended, so equal to
     * {@link StrictMath#acos} and {@link Kernel#acos} bit for bit (tested); and Ra of eq. 21 as
     * {@link Kernel#extraterrestrialDaily(double, double, int, double, double)} writes it. One loop, so the method
     * is compiled on its own (see the class description).
     */
    static void sunPass(double[] sinPhiIn, double[] cosPhiIn, double[] dr, double[] sinDecl, double[] cosDecl,
                        double[] tanDecl, int dayOffset, double[] ws, double[] ra, int outOffset, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector sinPhi = DoubleVector.fromArray(SPECIES, sinPhiIn, k);
            DoubleVector cosPhi = DoubleVector.fromArray(SPECIES, cosPhiIn, k);
            int day = dayOffset + k;
            int at = outOffset + k;
            DoubleVector x = sinPhi.div(cosPhi).neg().mul(DoubleVector.fromArray(SPECIES, tanDecl, day));
            DoubleVector a = x.abs();
            VectorMask<Double> small = a.compare(VectorOperators.LT, 0.5);
            // |x| < 0.5: z = x²; otherwise z = (1 − |x|)/2 (for x < −0.5 fdlibm's (1 + x)·0.5, the same value).
            DoubleVector z = DoubleVector.broadcast(SPECIES, 1.0).sub(a).mul(0.5).blend(x.mul(x), small);
            DoubleVector p = z.mul(PS5).add(PS4);
            p = p.mul(z).add(PS3);
            p = p.mul(z).add(PS2);
            p = p.mul(z).add(PS1);
            p = p.mul(z).add(PS0);
            p = z.mul(p);
            DoubleVector q = z.mul(QS4).add(QS3);
            q = q.mul(z).add(QS2);
            q = q.mul(z).add(QS1);
            q = z.mul(q).add(1.0);
            DoubleVector r = p.div(q);
            DoubleVector s = z.sqrt();
            // x < −0.5: π − 2 (s + (r s − PIO2_LO))
            DoubleVector below = DoubleVector.broadcast(SPECIES, Math.PI).sub(s.add(r.mul(s).sub(PIO2_LO)).mul(2.0));
            // x > 0.5: 2 (df + (r s + c)), df = s with its low word cleared, c = (z − df²)/(s + df)
            DoubleVector df = s.reinterpretAsLongs().and(0xffffffff00000000L).reinterpretAsDoubles();
            DoubleVector cc = z.sub(df.mul(df)).div(s.add(df));
            DoubleVector above = df.add(r.mul(s).add(cc)).mul(2.0);
            // |x| < 0.5: PIO2_HI − (x − (PIO2_LO − x r))
            DoubleVector middle = DoubleVector.broadcast(SPECIES, PIO2_HI)
                    .sub(x.sub(DoubleVector.broadcast(SPECIES, PIO2_LO).sub(x.mul(r))));
            DoubleVector w = above.blend(below, x.compare(VectorOperators.LT, 0.0))
                    .blend(middle, small)
                    .blend(PIO2_HI + PIO2_LO, a.compare(VectorOperators.LE, ACOS_TINY))
                    .blend(0.0, x.compare(VectorOperators.GE, 1.0))
                    .blend(Math.PI, x.compare(VectorOperators.LE, -1.0));
            w.intoArray(ws, at);
            // Ra = 24·60/π Gsc dr (ωs sin φ sin δ + cos φ cos δ sin ωs), sin ωs = √((1 − c)(1 + c))
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector sinWs = one.sub(x).mul(one.add(x)).sqrt()
                    .blend(0.0, w.compare(VectorOperators.EQ, 0.0).or(w.compare(VectorOperators.EQ, Math.PI)));
            DoubleVector.fromArray(SPECIES, dr, day).mul(Kernel.RA_FACTOR)
                    .mul(w.mul(sinPhi).mul(DoubleVector.fromArray(SPECIES, sinDecl, day))
                            .add(cosPhi.mul(DoubleVector.fromArray(SPECIES, cosDecl, day)).mul(sinWs)))
                    .max(0.0)
                    .intoArray(ra, at);
        }
    }

    // ------------------------------------------------------------------------------------------ block path

    /** {@link Math#toRadians}'s factor (JDK 17 multiplies by this constant; the result is the same bit for bit). */
    private static final double DEGREES_TO_RADIANS = 0.017453292519943295;

    /** Scratch columns of one block, whole vectors; allocated once per call. */
    static final class Scratch {
        final int padded;
        // site and day-of-year quantities
        final double[] ra;
        final double[] gamma;
        final double[] rsoFactor;
        final double[] dr;
        final double[] sinDecl;
        final double[] cosDecl;
        final double[] tanDecl;
        final double[] sinPhi;
        final double[] cosPhi;
        // the exponentials of e°(Tmax), e°(Tmin), Δ; working columns; results
        /** exp(17.27 T/(T + 237.3)) at Tmax, Tmin and (Tmax + Tmin)/2: three segments of {@link #padded}. */
        final double[] exps;
        final double[] work;
        final double[] eto;
        final double[] rawRatio;
        /** Ra by day of year of a common year, continued into the next (per-station site; see dailyBlock). */
        final double[] raCommonYear;
        /** Whether the call's Ra and N tables by day of year are complete (per-station site). */
        boolean dayTablesFilled;
        /** Whether {@link #gamma} and {@link #rsoFactor} hold the station's values (per-station elevation). */
        boolean siteFilled;

        Scratch(int size, boolean perRowLatitude, boolean perRowElevation, boolean flags) {
            padded = (size + LANES - 1) / LANES * LANES;
            int site = perRowLatitude ? padded : 0;
            ra = new double[padded];
            raCommonYear = new double[perRowLatitude ? 0 : Kernel.DAY_TABLE_LENGTH];
            gamma = new double[padded];
            rsoFactor = new double[padded];
            dr = new double[site];
            sinDecl = new double[site];
            cosDecl = new double[site];
            tanDecl = new double[site];
            sinPhi = new double[site];
            cosPhi = new double[site];
            exps = new double[3 * padded];
            work = new double[perRowElevation ? padded : 0];
            eto = new double[padded];
            rawRatio = new double[flags ? padded : 0];
        }
    }

    /**
     * {@link Kernel#dailyBlock}'s contract, in vectors: rows [start, start + len) of a {@link Kernel#fastShape}
     * batch, every row by the same vector code, with the very operations of {@link Kernel#daily} in the same order,
     * so that a row's bits depend neither on its position nor on the path that computes it. A block that does not
     * end on a whole vector is computed as the whole vectors ending at its last row, reaching back into the rows
     * before it (at least {@code from}), which are computed again to the same bits; so every lane reads real rows
     * straight from the columns and nothing is copied or padded. Returns false, having written nothing, when a row
     * is invalid or not on the common path (or the block cannot reach back); the caller then runs the block row
     * by row.
     */
    static boolean dailyBlock(Kernel kernel, Kernel.Site site, DailyColumns c, int from, int start, int len,
                              Scratch v, double[] raByDay, double[] nByDay, double[] etoOut, long[] flagsOut) {
        double[] latitudes = c.latitudeDegrees;
        double[] elevations = c.elevationMetres;
        int[] doyCol = c.dayOfYear;
        int n = (len + LANES - 1) / LANES * LANES;
        int base = start + len - n;
        if (base < from) {
            return false;
        }
        if (latitudes == null) {
            if (!v.dayTablesFilled) {
                dayTables(site, raByDay, nByDay);
                continueIntoNextYear(raByDay, v.raCommonYear);
                v.dayTablesFilled = true;
            }
            if (!daysOfYearValid(doyCol, base, n)) {
                return false;
            }
            if (!raOfConsecutiveDays(raByDay, v.raCommonYear, doyCol, base, v.ra, n)) {
                for (int k = 0; k < n; k += LANES) {
                    DoubleVector.fromArray(SPECIES, raByDay, 0, doyCol, base + k).intoArray(v.ra, k);
                }
            }
        } else {
            boolean ok = true;
            for (int k = 0; k < n; k++) {
                int doy = doyCol[base + k];
                double lat = latitudes[base + k];
                ok &= doy >= 1 & doy <= 366 & lat >= -90.0 & lat <= 90.0;
            }
            if (!ok) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                int j = 4 * doyCol[base + k];
                v.dr[k] = Kernel.DAY[j + Kernel.DR];
                v.sinDecl[k] = Kernel.DAY[j + Kernel.SIN_DECL];
                v.cosDecl[k] = Kernel.DAY[j + Kernel.COS_DECL];
                v.tanDecl[k] = Kernel.DAY[j + Kernel.TAN_DECL];
            }
            sinCosOfDegreesPass(latitudes, base, v.sinPhi, v.cosPhi, n);
            sunPass(v.sinPhi, v.cosPhi, v.dr, v.sinDecl, v.cosDecl, v.tanDecl, 0, v.work, v.ra, 0, n);
        }
        Conventions o = kernel.conventions();
        if (elevations != null) {
            boolean ok = true;
            for (int k = 0; k < n; k++) {
                double z = elevations[base + k];
                ok &= z >= Station.MIN_ELEVATION_METRES & z <= Station.MAX_ELEVATION_METRES;
            }
            if (!ok) {
                return false;
            }
            pressureArgumentPass(elevations, base, v.work, n);
            logPass(v.work, n);
            scalePass(v.work, 5.26, n);
            expPass(v.work, n);
            gammaPass(v.work, v.gamma, n);
            if (o.rsoFormula() == RsoFormula.ANGSTROM) {
                java.util.Arrays.fill(v.rsoFactor, 0, n, o.angstromAs() + o.angstromBs());
            } else {
                rsoFactorPass(elevations, base, v.rsoFactor, n);
            }
        } else if (!v.siteFilled) {
            java.util.Arrays.fill(v.gamma, site.gamma);
            java.util.Arrays.fill(v.rsoFactor, kernel.clearSkyFactor(site.elevation));
            v.siteFilled = true;
        }
        boolean maxMin = c.rhMean == null;
        exponentialsPass(c, base, v, n);
        if (!etoPass(c, base, v, n, maxMin, o, flagsOut != null)) {
            return false;
        }
        System.arraycopy(v.eto, 0, etoOut, base, n);
        if (flagsOut != null) {
            long plain = EstimateFlag.TMEAN_FROM_EXTREMES.bit();
            long bounded = plain | EstimateFlag.RS_RSO_BOUNDED.bit();
            double lower = o.rsRsoBound().lower();
            double upper = o.rsRsoBound().upper();
            for (int k = 0; k < n; k++) {
                double raw = v.rawRatio[k];
                flagsOut[base + k] = Math.max(lower, Math.min(upper, raw)) != raw ? bounded : plain;
            }
        }
        return true;
    }

    /**
     * Day of year J at index J of a common (365-day) or leap year, continued into the next year (index 366 or
     * 367 is day 1 again) as far as a vector can reach; the pattern {@link #raOfConsecutiveDays} checks against.
     */
    private static final int[] DAYS_COMMON_YEAR = daysContinued(365);
    private static final int[] DAYS_LEAP_YEAR = daysContinued(366);

    private static int[] daysContinued(int yearLength) {
        int[] days = new int[Kernel.DAY_TABLE_LENGTH];
        for (int j = 1; j < days.length; j++) {
            days[j] = (j - 1) % yearLength + 1;
        }
        return days;
    }

    /**
     * Extends the Ra table by day of year (days 1..366, a leap year's) past day 366 with days 1, 2, …, and fills
     * the common year's table: days 1..365, then 1, 2, ….
     */
    static void continueIntoNextYear(double[] leapYear, double[] commonYear) {
        for (int j = 1; j < Kernel.DAY_TABLE_LENGTH; j++) {
            commonYear[j] = leapYear[DAYS_COMMON_YEAR[j]];
        }
        for (int j = 367; j < Kernel.DAY_TABLE_LENGTH; j++) {
            leapYear[j] = leapYear[DAYS_LEAP_YEAR[j]];
        }
    }

    /**
     * out[k] = Ra of day doy[base + k] when the block's days follow the calendar (J, J + 1, …, across a new year):
     * then each vector of days is one contiguous stretch of the common or the leap year's table, read as one load
     * (a gather is several times slower), the year told by whether day 366 comes where it would. Every lane is
     * checked against the days the stretch stands for; returns false when one differs (out is then garbage).
     * The days must be valid.
     */
    static boolean raOfConsecutiveDays(double[] raLeapYear, double[] raCommonYear, int[] doyCol, int base,
                                               double[] out, int n) {
        IntVector mismatch = IntVector.zero(INT_SPECIES);
        for (int k = 0; k < n; k += LANES) {
            int first = doyCol[base + k];
            boolean leap = first > 366 - LANES && doyCol[base + k + 366 - first] == 366;
            DoubleVector.fromArray(SPECIES, leap ? raLeapYear : raCommonYear, first).intoArray(out, k);
            mismatch = mismatch.or(IntVector.fromArray(INT_SPECIES, doyCol, base + k)
                    .sub(IntVector.fromArray(INT_SPECIES, leap ? DAYS_LEAP_YEAR : DAYS_COMMON_YEAR, first)));
        }
        return mismatch.reduceLanes(VectorOperators.OR) == 0;
    }

    /** Int lanes as many as {@link #SPECIES} has double lanes. */
    private static final VectorSpecies<Integer> INT_SPECIES =
            VectorSpecies.of(int.class, VectorShape.forBitSize(LANES * Integer.SIZE));

    /**
     * Whether every day of year in [base, base + n) is in 1..366: (J − 1) | (366 − J) is negative exactly when J
     * is outside, so the lanes' OR is checked once.
     */
    private static boolean daysOfYearValid(int[] doyCol, int base, int n) {
        IntVector signs = IntVector.zero(INT_SPECIES);
        IntVector last = IntVector.broadcast(INT_SPECIES, 366);
        for (int k = 0; k < n; k += LANES) {
            IntVector doy = IntVector.fromArray(INT_SPECIES, doyCol, base + k);
            signs = signs.or(doy.sub(1)).or(last.sub(doy));
        }
        return signs.reduceLanes(VectorOperators.OR) >= 0;
    }

    /**
     * Ra (eq. 21) and N (eq. 34) of a station for every day of the year, J = 1..366, into the call's tables, in
     * vectors: the values {@link Kernel#extraterrestrialDaily(Kernel.Site, int)} and
     * {@link Kernel#daylightHours(Kernel.Site, int)} give, bit for bit (sin φ and cos φ are the site's; the same
     * operations follow).
     */
    static void dayTables(Kernel.Site site, double[] raByDay, double[] nByDay) {
        double[] sinPhi = new double[DAYS_IN_VECTORS];
        double[] cosPhi = new double[DAYS_IN_VECTORS];
        java.util.Arrays.fill(sinPhi, site.sinPhi);
        java.util.Arrays.fill(cosPhi, site.cosPhi);
        // ωs goes to N's table, then becomes N in place
        sunPass(sinPhi, cosPhi, DayColumns.DR, DayColumns.SIN_DECL, DayColumns.COS_DECL, DayColumns.TAN_DECL, 1,
                nByDay, raByDay, 1, DAYS_IN_VECTORS);
        for (int j = 1; j <= 366; j++) {
            nByDay[j] = Kernel.daylightHours(nByDay[j]);
        }
    }

    /** The 366 days of the year rounded up to whole vectors. */
    private static final int DAYS_IN_VECTORS = (366 + LANES - 1) / LANES * LANES;

    /**
     * dr, sin δ, cos δ, tan δ of day J at index J (as {@link Kernel#DAY} holds them), the days past 366 repeating
     * day 366. A holder class: {@link Kernel} loads this class while it is itself being initialized, before its
     * day table exists.
     */
    private static final class DayColumns {
        static final double[] DR = column(Kernel.DR);
        static final double[] SIN_DECL = column(Kernel.SIN_DECL);
        static final double[] COS_DECL = column(Kernel.COS_DECL);
        static final double[] TAN_DECL = column(Kernel.TAN_DECL);

        private static double[] column(int field) {
            double[] column = new double[1 + DAYS_IN_VECTORS];
            for (int j = 1; j < column.length; j++) {
                column[j] = Kernel.DAY[4 * Math.min(j, 366) + field];
            }
            return column;
        }
    }

    /** (293 − 0.0065 z)/293, the base of eq. 7. */
    private static void pressureArgumentPass(double[] z, int offset, double[] out, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector.broadcast(SPECIES, 293.0).sub(DoubleVector.fromArray(SPECIES, z, offset + k).mul(0.0065))
                    .div(293.0)
                    .intoArray(out, k);
        }
    }

    private static void scalePass(double[] a, double factor, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector.fromArray(SPECIES, a, k).mul(factor).intoArray(a, k);
        }
    }

    /** γ of eq. 8 from e^(5.26 ln x): P = 101.3 e^(…) (eq. 7), γ = 0.665e-3 P. */
    private static void gammaPass(double[] expOfPower, double[] gamma, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector.fromArray(SPECIES, expOfPower, k).mul(101.3)
                    .mul(AtmosphericParameters.PSYCHROMETRIC_COEFFICIENT).intoArray(gamma, k);
        }
    }

    /** Rso/Ra of eq. 37: 0.75 + 2e-5 z. */
    private static void rsoFactorPass(double[] z, int offset, double[] out, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector.fromArray(SPECIES, z, offset + k).mul(2e-5).add(0.75).intoArray(out, k);
        }
    }

    /**
     * The three exponentials of a row, exp(17.27 T/(T + 237.3)) of eq. 11 at Tmax, Tmin and their mean (for Δ,
     * eq. 13), as {@link Kernel#saturation} and {@link Kernel#saturationAtMidpoint} compute them, into the three
     * segments of the scratch; {@link #etoPass} applies the factors.
     */
    private static void exponentialsPass(DailyColumns c, int base, Scratch v, int n) {
        int p = v.padded;
        exponentialPass(c.tmax, null, base, v.exps, 0, n);
        exponentialPass(c.tmin, null, base, v.exps, p, n);
        exponentialPass(c.tmax, c.tmin, base, v.exps, 2 * p, n);
    }

    /**
     * out[offset + k] = exp(17.27 T/(T + 237.3)) for T = a[base + k], or (a[base + k] + b[base + k])/2 when b is
     * not null: the argument is computed in the loop that takes its exponential ({@link #expInRange}, without the
     * special values, which the checked domain never needs), so nothing goes through memory between.
     */
    private static void exponentialPass(double[] a, double[] b, int base, double[] out, int offset, int n) {
        for (int k = 0; k < n; k += LANES) {
            DoubleVector celsius = DoubleVector.fromArray(SPECIES, a, base + k);
            if (b != null) {
                celsius = celsius.add(DoubleVector.fromArray(SPECIES, b, base + k)).mul(0.5);
            }
            expInRange(celsius.mul(17.27).div(celsius.add(237.3))).intoArray(out, offset + k);
        }
    }

    /**
     * es, ea (eq. 12, 17 or 19), Rs/Rso bounded, Rns, Rnl, Rn (eq. 38–40) and ETo (eq. 6 with Δ of eq. 13 folded
     * in, as {@link Kernel#penmanMonteith}), each written as {@link Kernel#daily} writes it (same operands, same
     * order: IEEE operations give the same bits in a lane as in scalar code; a division by 2 is written as the
     * multiplication by 0.5, which rounds identically and costs a fraction of a vector division), and the validity
     * checks of the block path as sign tests (see the class description). Returns whether every row is valid and
     * on the common path.
     */
    private static boolean etoPass(DailyColumns c, int base, Scratch v, int n, boolean maxMin, Conventions o,
                                   boolean flags) {
        double lower = o.rsRsoBound().lower();
        double upper = o.rsRsoBound().upper();
        // Every valid row has Rs ≥ 0 and Rso > 0, so a lower bound ≤ 0 never applies.
        boolean bounded = lower > 0.0;
        double halfSigma = o.stefanBoltzmann() * 0.5;
        double kelvin = o.kelvinOffset();
        double cn = o.dailyCn();
        double cd = o.dailyCd();
        boolean clip = o.negativeEtoPolicy() == NegativeEtoPolicy.CLIP_AT_ZERO;
        int p = v.padded;
        DoubleVector maxAir = DoubleVector.broadcast(SPECIES, Qc.MAX_AIR_TEMPERATURE);
        DoubleVector hundred = DoubleVector.broadcast(SPECIES, 100.0);
        DoubleVector maxWind = DoubleVector.broadcast(SPECIES, Qc.MAX_WIND_SPEED);
        DoubleVector maxSolar = DoubleVector.broadcast(SPECIES, Qc.MAX_DAILY_SOLAR);
        LongVector signs = LongVector.zero(LONG_SPECIES);
        LongVector nonFinite = LongVector.zero(LONG_SPECIES);
        for (int k = 0; k < n; k += LANES) {
            DoubleVector tx = DoubleVector.fromArray(SPECIES, c.tmax, base + k);
            DoubleVector tn = DoubleVector.fromArray(SPECIES, c.tmin, base + k);
            // e° = 0.6108 exp(…) (eq. 11); Δ = 4098 e°(T)/(T + 237.3)² at T = (Tmax + Tmin)/2 (eq. 13)
            DoubleVector eMax = DoubleVector.fromArray(SPECIES, v.exps, k).mul(0.6108);
            DoubleVector eMin = DoubleVector.fromArray(SPECIES, v.exps, p + k).mul(0.6108);
            DoubleVector tm = tx.add(tn).mul(0.5);
            DoubleVector dm = tm.add(237.3);
            DoubleVector d2 = dm.mul(dm);
            // 4098 e°(T), Δ's numerator (eq. 13); Δ itself is never divided out (see Kernel.penmanMonteith)
            DoubleVector slopeNumerator = DoubleVector.fromArray(SPECIES, v.exps, 2 * p + k).mul(0.6108).mul(4098.0);
            DoubleVector gamma = DoubleVector.fromArray(SPECIES, v.gamma, k);
            DoubleVector ra = DoubleVector.fromArray(SPECIES, v.ra, k);
            DoubleVector es = eMax.add(eMin).mul(0.5);
            DoubleVector ea;
            // Validity as sign bits: each check "a ≤ b" ORs in the bits of b − a, whose sign is set exactly when
            // a > b (a difference is −0 only for −0 − +0, which merely sends the block down the row path). No
            // mask operation: JDK 17 compiles vector masks to several instructions each.
            LongVector humid;
            if (maxMin) {
                DoubleVector hi = DoubleVector.fromArray(SPECIES, c.rhMax, base + k);
                DoubleVector lo = DoubleVector.fromArray(SPECIES, c.rhMin, base + k);
                ea = eMin.mul(hi).div(100.0).add(eMax.mul(lo).div(100.0)).mul(0.5);
                humid = bits(hundred.sub(hi)).or(bits(lo)).or(bits(hi.sub(lo)));
            } else {
                DoubleVector h = DoubleVector.fromArray(SPECIES, c.rhMean, base + k);
                ea = h.div(100.0).mul(es);
                humid = bits(h).or(bits(hundred.sub(h)));
            }
            DoubleVector u = DoubleVector.fromArray(SPECIES, c.u2, base + k);
            DoubleVector s = DoubleVector.fromArray(SPECIES, c.rs, base + k);
            DoubleVector rso = DoubleVector.fromArray(SPECIES, v.rsoFactor, k).mul(ra);
            DoubleVector raw = s.div(rso);
            DoubleVector ratio = raw.min(upper);
            if (bounded) {
                ratio = ratio.max(lower);
            }
            DoubleVector rns = s.mul(1.0 - Radiation.ALBEDO_REFERENCE_GRASS);
            DoubleVector txk = tx.add(kelvin);
            DoubleVector tnk = tn.add(kelvin);
            DoubleVector tx2 = txk.mul(txk);
            DoubleVector tn2 = tnk.mul(tnk);
            // σ (Tmax⁴ + Tmin⁴)/2 as (…)·(σ/2): halving is exact, so the bits are those of (…)·σ·0.5
            DoubleVector rnl = tx2.mul(tx2).add(tn2.mul(tn2)).mul(halfSigma)
                    .mul(DoubleVector.broadcast(SPECIES, 0.34).sub(ea.sqrt().mul(0.14)))
                    .mul(ratio.mul(1.35).sub(0.35));
            DoubleVector rn = rns.sub(rnl);
            DoubleVector absolute = tm.add(273.0);
            DoubleVector num = slopeNumerator.mul(AtmosphericParameters.MM_PER_MJ).mul(absolute).mul(rn)
                    .add(gamma.mul(cn).mul(u).mul(es.sub(ea)).mul(d2));
            DoubleVector eto = num.div(slopeNumerator.add(gamma.mul(u.mul(cd).add(1.0)).mul(d2)).mul(absolute));
            // Tmin ≥ −90, Tmin ≤ Tmax ≤ 60 (so Tmax ≥ −90), humidity, 0 ≤ u2 ≤ 75, 0 ≤ Rs ≤ 50,
            // Rs ≤ 1.05 Ra + 0.5 (Rso ≥ 0 always: Ra ≥ 0, and 0.75 + 2e-5 z > 0 or 0 ≤ as + bs ≤ 1)
            signs = signs.or(bits(tn.sub(Qc.MIN_AIR_TEMPERATURE))).or(bits(tx.sub(tn))).or(bits(maxAir.sub(tx)))
                    .or(humid)
                    .or(bits(u)).or(bits(maxWind.sub(u)))
                    .or(bits(s)).or(bits(maxSolar.sub(s)))
                    .or(bits(ra.mul(Qc.RS_OVER_RA_FACTOR).add(Qc.RS_OVER_RA_DAILY_ALLOWANCE).sub(s)));
            // A NaN input makes ETo NaN, and Rso = 0 makes Rs/Rso infinite or NaN: (ETo + Rs/Rso)·0 is then NaN,
            // else ±0, so any bit but the sign's marks the vector.
            nonFinite = nonFinite.or(bits(eto.add(raw).mul(0.0)));
            if (clip) {
                eto = eto.blend(0.0, eto.compare(VectorOperators.LT, 0.0));
            }
            eto.intoArray(v.eto, k);
            if (flags) {
                raw.intoArray(v.rawRatio, k);
            }
        }
        return (signs.reduceLanes(VectorOperators.OR) & SIGN_BIT) == 0
                && (nonFinite.reduceLanes(VectorOperators.OR) & ~SIGN_BIT) == 0;
    }

    private static final long SIGN_BIT = 0x8000000000000000L;
    private static final VectorSpecies<Long> LONG_SPECIES = SPECIES.withLanes(long.class);

    private static LongVector bits(DoubleVector x) {
        return x.reinterpretAsLongs();
    }

}
