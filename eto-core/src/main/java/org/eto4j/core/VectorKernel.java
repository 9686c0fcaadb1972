package org.eto4j.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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
 * lane-wise IEEE operations (add, subtract, multiply, divide, square root, min, max, bit moves), which every
 * tier evaluates identically; so every path gives the same bits at any time. {@link #exp(double)} and the other
 * scalar entry points evaluate the same vector code on a broadcast value, which is how the scalar path
 * ({@code Fao56.daily} on one record, and rows the block path hands back) gets the very same values as the
 * vector passes.
 *
 * <p>Accuracy on the kernel's domains (tested): exp, log, sin and cos within a few units in the last place of
 * the correctly rounded result; {@link #acos} is fdlibm's algorithm, equal to {@link StrictMath#acos} bit for
 * bit.
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
    // Taylor coefficients 1/n! of e^r for |r| ≤ ln2/2 (the first omitted term is below 2^-60 relative).
    private static final double E2 = 1.0 / 2.0;
    private static final double E3 = 1.0 / 6.0;
    private static final double E4 = 1.0 / 24.0;
    private static final double E5 = 1.0 / 120.0;
    private static final double E6 = 1.0 / 720.0;
    private static final double E7 = 1.0 / 5040.0;
    private static final double E8 = 1.0 / 40320.0;
    private static final double E9 = 1.0 / 362880.0;
    private static final double E10 = 1.0 / 3628800.0;
    private static final double E11 = 1.0 / 39916800.0;
    private static final double E12 = 1.0 / 479001600.0;
    private static final double E13 = 1.0 / 6227020800.0;

    /**
     * e^x: x = k ln 2 + r with |r| ≤ ln 2 / 2 (Cody and Waite's two-part ln 2), e^r by its Taylor polynomial to
     * r¹³, times 2^k built in the exponent bits. 0 below {@link #EXP_MIN}, +∞ above {@link #EXP_MAX}, NaN for NaN.
     */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(EXP_MIN).min(EXP_MAX);
        DoubleVector t = xc.mul(LOG2E).add(SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = xc.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector p = r.mul(E13).add(E12);
        p = p.mul(r).add(E11);
        p = p.mul(r).add(E10);
        p = p.mul(r).add(E9);
        p = p.mul(r).add(E8);
        p = p.mul(r).add(E7);
        p = p.mul(r).add(E6);
        p = p.mul(r).add(E5);
        p = p.mul(r).add(E4);
        p = p.mul(r).add(E3);
        p = p.mul(r).add(E2);
        p = p.mul(r).add(1.0);
        p = p.mul(r).add(1.0);
        DoubleVector scale = ((LongVector) t.reinterpretAsLongs()).sub(SHIFT_BITS - 1023L)
                .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return p.mul(scale)
                .blend(Double.NaN, x.compare(VectorOperators.NE, x))
                .blend(0.0, x.compare(VectorOperators.LT, EXP_MIN))
                .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_MAX));
    }

    /** {@link #exp(DoubleVector)} of one value (the same code, lane 0 of a broadcast). */
    static double exp(double x) {
        return exp(DoubleVector.broadcast(SPECIES, x)).lane(0);
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
    static DoubleVector log(DoubleVector x) {
        LongVector bits = (LongVector) x.reinterpretAsLongs();
        DoubleVector m = bits.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
        // The exponent as a double: e + 1.5·2^52 has e in its low bits.
        DoubleVector e = bits.lanewise(VectorOperators.LSHR, 52).add(SHIFT_BITS - 1023L).reinterpretAsDoubles()
                .sub(SHIFT);
        VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), high);
        e = e.blend(e.add(1.0), high);
        DoubleVector s = m.sub(1.0).div(m.add(1.0));
        DoubleVector z = s.mul(s);
        DoubleVector q = z.mul(L23).add(L21);
        q = q.mul(z).add(L19);
        q = q.mul(z).add(L17);
        q = q.mul(z).add(L15);
        q = q.mul(z).add(L13);
        q = q.mul(z).add(L11);
        q = q.mul(z).add(L9);
        q = q.mul(z).add(L7);
        q = q.mul(z).add(L5);
        q = q.mul(z).add(L3);
        DoubleVector twoS = s.add(s);
        DoubleVector lnM = twoS.add(twoS.mul(z).mul(q));
        DoubleVector result = e.mul(LN2_HI).add(lnM.add(e.mul(LN2_LO)));
        VectorMask<Double> ok = x.compare(VectorOperators.GE, Double.MIN_NORMAL)
                .and(x.compare(VectorOperators.LE, Double.MAX_VALUE));
        return result.blend(Double.NaN, ok.not());
    }

    /** {@link #log(DoubleVector)} of one value. */
    static double log(double x) {
        return log(DoubleVector.broadcast(SPECIES, x)).lane(0);
    }

    // ------------------------------------------------------------------------------------------- sin, cos

    private static final double PIO4 = Math.PI / 4.0;
    // fdlibm's split of π/2 (PIO2_HI + PIO2_LO = π/2 to about 2^-106).
    private static final double PIO2_HI = 1.57079632679489655800e+00;
    private static final double PIO2_LO = 6.12323399573676603587e-17;
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
     * is taken, so cos φ keeps full relative precision near the poles.
     */
    private static DoubleVector sinOrCos(DoubleVector x, boolean cosine) {
        DoubleVector a = x.abs();
        VectorMask<Double> reduced = a.compare(VectorOperators.GT, PIO4);
        DoubleVector r = x.blend(DoubleVector.broadcast(SPECIES, PIO2_HI).sub(a).add(PIO2_LO), reduced);
        DoubleVector z = r.mul(r);
        DoubleVector ps = z.mul(S8).add(S7);
        ps = ps.mul(z).add(S6);
        ps = ps.mul(z).add(S5);
        ps = ps.mul(z).add(S4);
        ps = ps.mul(z).add(S3);
        ps = ps.mul(z).add(S2);
        ps = ps.mul(z).add(S1);
        DoubleVector sin = r.add(r.mul(z).mul(ps));
        DoubleVector pc = z.mul(C9).add(C8);
        pc = pc.mul(z).add(C7);
        pc = pc.mul(z).add(C6);
        pc = pc.mul(z).add(C5);
        pc = pc.mul(z).add(C4);
        pc = pc.mul(z).add(C3);
        pc = pc.mul(z).add(C2);
        pc = pc.mul(z).add(C1);
        DoubleVector cos = z.mul(pc).add(1.0);
        if (cosine) {
            return cos.blend(sin, reduced);
        }
        DoubleVector s = sin.blend(cos, reduced);
        return s.blend(s.neg(), reduced.and(x.compare(VectorOperators.LT, 0.0)));
    }

    /** sin x for |x| ≤ 3π/4 (sin −0 is +0). */
    static DoubleVector sin(DoubleVector x) {
        return sinOrCos(x, false);
    }

    /** cos x for |x| ≤ 3π/4. */
    static DoubleVector cos(DoubleVector x) {
        return sinOrCos(x, true);
    }

    /** {@link #sin(DoubleVector)} of one value. */
    static double sin(double x) {
        return sin(DoubleVector.broadcast(SPECIES, x)).lane(0);
    }

    /** {@link #cos(DoubleVector)} of one value. */
    static double cos(double x) {
        return cos(DoubleVector.broadcast(SPECIES, x)).lane(0);
    }

    // ----------------------------------------------------------------------------------------------- acos

    // fdlibm e_acos.c, as in Kernel.acos.
    private static final double PS0 = 1.66666666666666657415e-01;
    private static final double PS1 = -3.25565818622400915405e-01;
    private static final double PS2 = 2.01212532134862925881e-01;
    private static final double PS3 = -4.00555345006794114027e-02;
    private static final double PS4 = 7.91534994289814532176e-04;
    private static final double PS5 = 3.47933107596021167570e-05;
    private static final double QS1 = -2.40339491173441421878e+00;
    private static final double QS2 = 2.02094576023350569471e+00;
    private static final double QS3 = -6.88283971605453293030e-01;
    private static final double QS4 = 7.70381505559019352791e-02;
    /** The largest |x| whose fdlibm arccos is π/2 outright (high word 0x3c600000). */
    private static final double ACOS_TINY = Double.longBitsToDouble(0x3c600000ffffffffL);

    /**
     * arccos for |x| &lt; 1, fdlibm's three branches computed for every lane and blended: equal to
     * {@link StrictMath#acos} and {@link Kernel#acos} bit for bit (tested). Callers clamp |x| ≥ 1 themselves.
     */
    static DoubleVector acos(DoubleVector x) {
        DoubleVector a = x.abs();
        VectorMask<Double> small = a.compare(VectorOperators.LT, 0.5);
        VectorMask<Double> negative = x.compare(VectorOperators.LT, 0.0);
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
        DoubleVector df = ((LongVector) s.reinterpretAsLongs()).and(0xffffffff00000000L).reinterpretAsDoubles();
        DoubleVector c = z.sub(df.mul(df)).div(s.add(df));
        DoubleVector above = df.add(r.mul(s).add(c)).mul(2.0);
        // |x| < 0.5: PIO2_HI − (x − (PIO2_LO − x r))
        DoubleVector middle = DoubleVector.broadcast(SPECIES, PIO2_HI)
                .sub(x.sub(DoubleVector.broadcast(SPECIES, PIO2_LO).sub(x.mul(r))));
        return above.blend(below, negative)
                .blend(middle, small)
                .blend(PIO2_HI + PIO2_LO, a.compare(VectorOperators.LE, ACOS_TINY));
    }

    // ------------------------------------------------------------------------------------------ block path

    /** {@link Math#toRadians}'s factor (JDK 17 multiplies by this constant; the result is the same bit for bit). */
    private static final double DEGREES_TO_RADIANS = 0.017453292519943295;

    // Columns of the tail scratch (the last, partial vector of a block, padded to a whole vector).
    private static final int T_LAT = 0;
    private static final int T_ELEV = 1;
    private static final int T_TMAX = 2;
    private static final int T_TMIN = 3;
    private static final int T_RH = 4;
    private static final int T_RH_MAX = 5;
    private static final int T_RH_MIN = 6;
    private static final int T_U2 = 7;
    private static final int T_RS = 8;
    private static final int T_ETO = 9;
    /** Columns of {@link Kernel.Block#tail}. */
    static final int TAIL_COLUMNS = 10;

    /**
     * {@link Kernel#dailyBlock}'s contract, in vectors: rows [start, start + len) of a {@link Kernel#fastShape}
     * batch, every row by the same vector code (the last, partial vector from a padded copy), with the very
     * operations of {@link Kernel#daily} in the same order, so that a row's bits do not depend on its position or
     * on the path that computes it. Returns false, having written no ETo of an invalid vector, when a row is
     * invalid or not on the common path; the caller then runs the block row by row.
     */
    static boolean dailyBlock(Kernel kernel, Kernel.Site site, DailyColumns c, int start, int len, Kernel.Block b,
                              double[] raByDay, double[] nByDay, double[] etoOut, long[] flagsOut) {
        double[] latitudes = c.latitudeDegrees;
        double[] elevations = c.elevationMetres;
        int[] doyCol = c.dayOfYear;
        // Scalar pass: validity of the site columns; the day-of-year quantities gathered into scratch.
        for (int k = 0; k < len; k++) {
            int i = start + k;
            int doy = doyCol[i];
            boolean ok = doy >= 1 & doy <= 366;
            if (elevations != null) {
                double z = elevations[i];
                ok &= z >= Station.MIN_ELEVATION_METRES & z <= Station.MAX_ELEVATION_METRES;
            }
            if (latitudes != null) {
                double lat = latitudes[i];
                ok &= lat >= -90.0 & lat <= 90.0;
            }
            if (!ok) {
                return false;
            }
            if (latitudes != null) {
                int j = 4 * doy;
                b.dr[k] = Kernel.DAY[j + Kernel.DR];
                b.sinDecl[k] = Kernel.DAY[j + Kernel.SIN_DECL];
                b.cosDecl[k] = Kernel.DAY[j + Kernel.COS_DECL];
                b.tanDecl[k] = Kernel.DAY[j + Kernel.TAN_DECL];
            } else {
                double ra = raByDay[doy];
                if (Double.isNaN(ra)) {
                    double cosWs = Kernel.cosSunsetHourAngle(site, doy);
                    double ws = Kernel.sunsetHourAngle(cosWs);
                    ra = Kernel.extraterrestrialDaily(site, doy, cosWs, ws);
                    raByDay[doy] = ra;
                    nByDay[doy] = Kernel.daylightHours(ws);
                }
                b.ra[k] = ra;
            }
        }
        Conventions o = kernel.conventions();
        boolean angstrom = o.rsoFormula() == RsoFormula.ANGSTROM;
        double rsoConstant = o.angstromAs() + o.angstromBs();
        double stationGamma = site.gamma;
        double stationRsoFactor = kernel.clearSkyFactor(site.elevation);
        double lower = o.rsRsoBound().lower();
        double upper = o.rsRsoBound().upper();
        double sigma = o.stefanBoltzmann();
        double kelvin = o.kelvinOffset();
        double cn = o.dailyCn();
        double cd = o.dailyCd();
        boolean clip = o.negativeEtoPolicy() == NegativeEtoPolicy.CLIP_AT_ZERO;
        boolean flags = flagsOut != null;
        int full = len - len % LANES;
        for (int k = 0; k < full; k += LANES) {
            int i = start + k;
            if (!chunk(b, k, latitudes, elevations, c.tmax, c.tmin, c.rhMean, c.rhMax, c.rhMin, c.u2, c.rs, i,
                    etoOut, i, angstrom, rsoConstant, stationGamma, stationRsoFactor, lower, upper, sigma, kelvin,
                    cn, cd, clip, flags)) {
                return false;
            }
        }
        if (full < len) {
            // The partial vector: inputs copied into whole-vector scratch, padded with the last row.
            double[][] t = b.tail;
            int rest = len - full;
            padTail(latitudes, start + full, rest, t[T_LAT]);
            padTail(elevations, start + full, rest, t[T_ELEV]);
            padTail(c.tmax, start + full, rest, t[T_TMAX]);
            padTail(c.tmin, start + full, rest, t[T_TMIN]);
            padTail(c.rhMean, start + full, rest, t[T_RH]);
            padTail(c.rhMax, start + full, rest, t[T_RH_MAX]);
            padTail(c.rhMin, start + full, rest, t[T_RH_MIN]);
            padTail(c.u2, start + full, rest, t[T_U2]);
            padTail(c.rs, start + full, rest, t[T_RS]);
            if (latitudes != null) {
                padTail(b.dr, full, rest, b.dr, full);
                padTail(b.sinDecl, full, rest, b.sinDecl, full);
                padTail(b.cosDecl, full, rest, b.cosDecl, full);
                padTail(b.tanDecl, full, rest, b.tanDecl, full);
            } else {
                padTail(b.ra, full, rest, b.ra, full);
            }
            if (!chunk(b, full, latitudes == null ? null : t[T_LAT], elevations == null ? null : t[T_ELEV],
                    t[T_TMAX], t[T_TMIN], c.rhMean == null ? null : t[T_RH], c.rhMax == null ? null : t[T_RH_MAX],
                    c.rhMin == null ? null : t[T_RH_MIN], t[T_U2], t[T_RS], 0, t[T_ETO], 0, angstrom, rsoConstant,
                    stationGamma, stationRsoFactor, lower, upper, sigma, kelvin, cn, cd, clip, flags)) {
                return false;
            }
            System.arraycopy(t[T_ETO], 0, etoOut, start + full, rest);
        }
        if (flags) {
            long base = EstimateFlag.TMEAN_FROM_EXTREMES.bit();
            long bounded = EstimateFlag.RS_RSO_BOUNDED.bit();
            for (int k = 0; k < len; k++) {
                double raw = b.rawRatio[k];
                flagsOut[start + k] = Math.max(lower, Math.min(upper, raw)) != raw ? base | bounded : base;
            }
        }
        return true;
    }

    /** Copies {@code rest} values of a column (if present) to the start of a vector, repeating the last one. */
    private static void padTail(double[] column, int from, int rest, double[] vector) {
        if (column != null) {
            padTail(column, from, rest, vector, 0);
        }
    }

    private static void padTail(double[] column, int from, int rest, double[] vector, int to) {
        System.arraycopy(column, from, vector, to, rest);
        java.util.Arrays.fill(vector, to + rest, to + LANES, column[from + rest - 1]);
    }

    /**
     * One vector of rows: column values at index {@code i}, scratch at {@code k}, ETo to {@code out[io]}. Per-row
     * latitude: sin φ, cos φ, ωs (eq. 25), Ra (eq. 21); per-row elevation: P (eq. 7), γ (eq. 8), Rso/Ra
     * (eq. 37); e°(Tmax), e°(Tmin) (eq. 11), Δ at their mean (eq. 13); es, ea (eq. 12, 17 or 19); Rs/Rso bounded,
     * Rns, Rnl, Rn (eq. 38–40); ETo (eq. 6). Each quantity is written as {@link Kernel#daily} writes it (same
     * operands, same order: IEEE operations give the same bits in a lane as in scalar code). Returns whether every
     * row is valid and on the common path, and stores only then.
     */
    private static boolean chunk(Kernel.Block b, int k, double[] lat, double[] elev, double[] tmax, double[] tmin,
                                 double[] rh, double[] rhMax, double[] rhMin, double[] u2, double[] rs, int i,
                                 double[] out, int io, boolean angstrom, double rsoConstant, double stationGamma,
                                 double stationRsoFactor, double lower, double upper, double sigma, double kelvin,
                                 double cn, double cd, boolean clip, boolean flags) {
        DoubleVector ra;
        if (lat != null) {
            DoubleVector phi = DoubleVector.fromArray(SPECIES, lat, i).mul(DEGREES_TO_RADIANS);
            DoubleVector sinPhi = sin(phi);
            DoubleVector cosPhi = cos(phi);
            DoubleVector cosWs = sinPhi.div(cosPhi).neg().mul(DoubleVector.fromArray(SPECIES, b.tanDecl, k));
            DoubleVector ws = acos(cosWs)
                    .blend(0.0, cosWs.compare(VectorOperators.GE, 1.0))
                    .blend(Math.PI, cosWs.compare(VectorOperators.LE, -1.0));
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector sinWs = one.sub(cosWs).mul(one.add(cosWs)).sqrt()
                    .blend(0.0, ws.compare(VectorOperators.EQ, 0.0).or(ws.compare(VectorOperators.EQ, Math.PI)));
            ra = DoubleVector.fromArray(SPECIES, b.dr, k).mul(Kernel.RA_FACTOR)
                    .mul(ws.mul(sinPhi).mul(DoubleVector.fromArray(SPECIES, b.sinDecl, k))
                            .add(cosPhi.mul(DoubleVector.fromArray(SPECIES, b.cosDecl, k)).mul(sinWs)))
                    .max(0.0);
        } else {
            ra = DoubleVector.fromArray(SPECIES, b.ra, k);
        }
        DoubleVector gamma;
        DoubleVector rsoFactor;
        if (elev != null) {
            DoubleVector z = DoubleVector.fromArray(SPECIES, elev, i);
            DoubleVector pressure = exp(log(DoubleVector.broadcast(SPECIES, 293.0).sub(z.mul(0.0065)).div(293.0))
                    .mul(5.26)).mul(101.3);
            gamma = pressure.mul(AtmosphericParameters.PSYCHROMETRIC_COEFFICIENT);
            rsoFactor = angstrom ? DoubleVector.broadcast(SPECIES, rsoConstant) : z.mul(2e-5).add(0.75);
        } else {
            gamma = DoubleVector.broadcast(SPECIES, stationGamma);
            rsoFactor = DoubleVector.broadcast(SPECIES, stationRsoFactor);
        }
        DoubleVector tx = DoubleVector.fromArray(SPECIES, tmax, i);
        DoubleVector tn = DoubleVector.fromArray(SPECIES, tmin, i);
        DoubleVector eMax = saturation(tx);
        DoubleVector eMin = saturation(tn);
        DoubleVector t = tx.add(tn).div(2.0);
        DoubleVector d = t.add(237.3);
        DoubleVector delta = saturation(t).mul(4098.0).div(d.mul(d));
        DoubleVector es = eMax.add(eMin).div(2.0);
        DoubleVector ea;
        VectorMask<Double> humid;
        if (rh == null) {
            DoubleVector hi = DoubleVector.fromArray(SPECIES, rhMax, i);
            DoubleVector lo = DoubleVector.fromArray(SPECIES, rhMin, i);
            ea = eMin.mul(hi).div(100.0).add(eMax.mul(lo).div(100.0)).div(2.0);
            humid = hi.compare(VectorOperators.LE, 100.0).and(lo.compare(VectorOperators.GE, 0.0))
                    .and(lo.compare(VectorOperators.LE, hi));
        } else {
            DoubleVector h = DoubleVector.fromArray(SPECIES, rh, i);
            ea = h.div(100.0).mul(es);
            humid = h.compare(VectorOperators.GE, 0.0).and(h.compare(VectorOperators.LE, 100.0));
        }
        DoubleVector u = DoubleVector.fromArray(SPECIES, u2, i);
        DoubleVector s = DoubleVector.fromArray(SPECIES, rs, i);
        DoubleVector rso = rsoFactor.mul(ra);
        DoubleVector raw = s.div(rso);
        DoubleVector ratio = raw.min(upper).max(lower);
        DoubleVector rns = s.mul(1.0 - Radiation.ALBEDO_REFERENCE_GRASS);
        DoubleVector txk = tx.add(kelvin);
        DoubleVector tnk = tn.add(kelvin);
        DoubleVector tx2 = txk.mul(txk);
        DoubleVector tn2 = tnk.mul(tnk);
        DoubleVector rnl = tx2.mul(tx2).add(tn2.mul(tn2)).mul(sigma).div(2.0)
                .mul(DoubleVector.broadcast(SPECIES, 0.34).sub(ea.sqrt().mul(0.14)))
                .mul(ratio.mul(1.35).sub(0.35));
        DoubleVector rn = rns.sub(rnl);
        DoubleVector num = delta.mul(AtmosphericParameters.MM_PER_MJ).mul(rn)
                .add(gamma.mul(cn).div(t.add(273.0)).mul(u).mul(es.sub(ea)));
        DoubleVector eto = num.div(delta.add(gamma.mul(u.mul(cd).add(1.0))));
        if (clip) {
            eto = eto.blend(0.0, eto.compare(VectorOperators.LT, 0.0));
        }
        VectorMask<Double> ok = tx.compare(VectorOperators.GE, Qc.MIN_AIR_TEMPERATURE)
                .and(tx.compare(VectorOperators.LE, Qc.MAX_AIR_TEMPERATURE))
                .and(tn.compare(VectorOperators.GE, Qc.MIN_AIR_TEMPERATURE))
                .and(tn.compare(VectorOperators.LE, tx))
                .and(humid)
                .and(u.compare(VectorOperators.GE, 0.0))
                .and(u.compare(VectorOperators.LE, Qc.MAX_WIND_SPEED))
                .and(s.compare(VectorOperators.GE, 0.0))
                .and(s.compare(VectorOperators.LE, Qc.MAX_DAILY_SOLAR))
                .and(s.compare(VectorOperators.GT,
                        ra.mul(Qc.RS_OVER_RA_FACTOR).add(Qc.RS_OVER_RA_DAILY_ALLOWANCE)).not())
                .and(rso.compare(VectorOperators.GT, 0.0));
        if (!ok.allTrue()) {
            return false;
        }
        eto.intoArray(out, io);
        if (flags) {
            raw.intoArray(b.rawRatio, k);
        }
        return true;
    }

    /** e°(T) of eq. 11, written as {@link Kernel#saturation}. */
    private static DoubleVector saturation(DoubleVector celsius) {
        return exp(celsius.mul(17.27).div(celsius.add(237.3))).mul(0.6108);
    }
}
