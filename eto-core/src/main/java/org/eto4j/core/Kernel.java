package org.eto4j.core;

/**
 * The one computation shared by the scalar and the batch paths, so that both give bit-identical results.
 * Validation happens here too, so a row is judged the same way whichever path carries it.
 */
final class Kernel {
    // Positions in the intermediates scratch array.
    static final int RA = 0;
    static final int RSO = 1;
    static final int RS = 2;
    static final int RATIO = 3;
    static final int RNS = 4;
    static final int RNL = 5;
    static final int RN = 6;
    static final int G = 7;
    static final int T = 8;
    static final int DELTA = 9;
    static final int GAMMA = 10;
    static final int ES = 11;
    static final int EA = 12;
    static final int U2 = 13;
    static final int P = 14;
    static final int SIZE = 15;

    /** System property choosing the daily block kernel: {@code auto} (the default) or {@code off}. */
    static final String SIMD_PROPERTY = "org.eto4j.core.simd";

    /**
     * Whether the SIMD kernel ({@link VectorKernel}) runs: the module {@code jdk.incubator.vector} is in the
     * boot layer, its preferred species has at least 4 lanes, the processor's fused multiply-add is in use, and
     * {@link #SIMD_PROPERTY} is not {@code off}.
     * When true, {@link #exp}, {@link #log}, {@link #sin} and {@link #cos} are the vector kernel's functions for
     * every path, scalar ones included, so the scalar and batch paths still agree bit for bit.
     */
    static final boolean SIMD = simdEnabled();

    /**
     * Rows a batch call needs before its blocks go through the vector code: 4,096. Until the JIT has compiled
     * the vector passes (after about 10⁵ rows through them) the Vector API runs as plain Java objects, far
     * slower than the scalar kernel; a small call, which the vector code could speed up by microseconds only,
     * takes the scalar block path instead. Both give the same bits, so the choice never shows in results.
     */
    static final int SIMD_MIN_ROWS = 4096;

    private static boolean simdEnabled() {
        String mode;
        try {
            mode = System.getProperty(SIMD_PROPERTY, "auto");
        } catch (SecurityException e) {
            mode = "auto";
        }
        if ("off".equalsIgnoreCase(mode.trim())
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernel.LANES >= VectorKernel.MIN_LANES && fusedMultiplyAdd();
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the JVM uses the processor's fused multiply-add, which the SIMD kernel's polynomials need (without
     * it {@link Math#fma} is emulated, far slower). Assumed when the JVM does not say.
     */
    static boolean fusedMultiplyAdd() {
        try {
            return !"false".equals(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA")
                    .getValue());
        } catch (LinkageError | RuntimeException e) {
            return true;
        }
    }

    /** e^x: {@link Math#exp}, or the SIMD kernel's own exp when {@link #SIMD}. */
    static double exp(double x) {
        return SIMD ? VectorKernel.exp(x) : Math.exp(x);
    }

    /** ln x: {@link Math#log}, or the SIMD kernel's own log when {@link #SIMD}. */
    static double log(double x) {
        return SIMD ? VectorKernel.log(x) : Math.log(x);
    }

    /** sin x of a latitude: {@link Math#sin}, or the SIMD kernel's own sin when {@link #SIMD}. */
    static double sin(double x) {
        return SIMD ? VectorKernel.sin(x) : Math.sin(x);
    }

    /** cos x of a latitude: {@link Math#cos}, or the SIMD kernel's own cos when {@link #SIMD}. */
    static double cos(double x) {
        return SIMD ? VectorKernel.cos(x) : Math.cos(x);
    }

    private final Conventions o;

    Kernel(Conventions conventions) {
        this.o = conventions;
    }

    Conventions conventions() {
        return o;
    }

    /**
     * What depends only on the site: computed once per station and series, or once per run of equal values of
     * a per-row latitude/elevation column (hence mutable; never shared between threads).
     */
    static final class Site {
        double latitudeDegrees = Double.NaN;
        double phi;
        double sinPhi;
        double cosPhi;
        double tanPhi;
        double elevation = Double.NaN;
        double pressure;
        double gamma;
        final double windFactor;
        final double longitudeWest;

        Site(Station s) {
            latitude(s.latitudeDegrees());
            elevation(s.elevationMetres());
            this.windFactor = Wind.factorToTwoMetres(s.windHeightMetres());
            this.longitudeWest = -s.longitudeDegrees();
        }

        /** Sets the latitude; tan φ as sin φ / cos φ saves a call (equal to Math.tan within an ulp or two). */
        void latitude(double degrees) {
            if (degrees != latitudeDegrees) {
                latitudeDegrees = degrees;
                phi = Math.toRadians(degrees);
                sinPhi = Kernel.sin(phi);
                cosPhi = Kernel.cos(phi);
                tanPhi = sinPhi / cosPhi;
            }
        }

        /**
         * Sets the elevation: P (eq. 7, the power written as exp(5.26 ln x), two cheap intrinsics instead of
         * {@code Math.pow}; equal within 1e-15) and γ (eq. 8).
         */
        void elevation(double metres) {
            if (metres != elevation) {
                elevation = metres;
                pressure = pressure(metres);
                gamma = AtmosphericParameters.psychrometricConstant(pressure);
            }
        }
    }

    /** P of eq. 7 as 101.3 exp(5.26 ln((293 − 0.0065 z)/293)). */
    static double pressure(double elevationMetres) {
        return 101.3 * exp(5.26 * log((293.0 - 0.0065 * elevationMetres) / 293.0));
    }

    // Day-of-year table, J = 1..366: dr (eq. 23) and sin, cos, tan of δ (eq. 24), four doubles per day so one
    // day's values share a cache line. Computed once with the equations' own functions.
    static final int DR = 0;
    static final int SIN_DECL = 1;
    static final int COS_DECL = 2;
    static final int TAN_DECL = 3;
    static final double[] DAY = new double[4 * 367];

    /**
     * Length of a call's Ra and N tables by day of year: days 1..366 at their index, then room for the SIMD kernel
     * to continue the year into the next for one vector's reach (at most 8 lanes; see VectorKernel.dailyBlock).
     */
    static final int DAY_TABLE_LENGTH = 367 + 7;


    static {
        for (int j = 1; j <= 366; j++) {
            double delta = SolarGeometry.declination(j);
            DAY[4 * j + DR] = SolarGeometry.inverseRelativeDistance(j);
            DAY[4 * j + SIN_DECL] = Math.sin(delta);
            DAY[4 * j + COS_DECL] = Math.cos(delta);
            DAY[4 * j + TAN_DECL] = Math.tan(delta);
        }
    }

    /** 24·60/π·Gsc of eq. 21. */
    static final double RA_FACTOR = 24.0 * 60.0 / Math.PI * Radiation.SOLAR_CONSTANT;
    private static final double HOURS_PER_RADIAN = 24.0 / Math.PI;

    /** cos ωs = −tan φ tan δ, the argument of eq. 25 (J must be 1..366). */
    static double cosSunsetHourAngle(Site s, int dayOfYear) {
        return -s.tanPhi * DAY[4 * dayOfYear + TAN_DECL];
    }

    /** ωs of eq. 25 from its cosine, clamped to [0, π] at polar day and night. */
    static double sunsetHourAngle(double cosWs) {
        if (cosWs >= 1.0) {
            return 0.0;
        }
        if (cosWs <= -1.0) {
            return Math.PI;
        }
        return acos(cosWs);
    }

    // fdlibm e_acos.c constants (pi/2 split in two, and the rational approximation of asin on [0, 0.5]); the SIMD
    // kernel's arccos uses them too.
    static final double PIO2_HI = 1.57079632679489655800e+00;
    static final double PIO2_LO = 6.12323399573676603587e-17;
    static final double PS0 = 1.66666666666666657415e-01;
    static final double PS1 = -3.25565818622400915405e-01;
    static final double PS2 = 2.01212532134862925881e-01;
    static final double PS3 = -4.00555345006794114027e-02;
    static final double PS4 = 7.91534994289814532176e-04;
    static final double PS5 = 3.47933107596021167570e-05;
    static final double QS1 = -2.40339491173441421878e+00;
    static final double QS2 = 2.02094576023350569471e+00;
    static final double QS3 = -6.88283971605453293030e-01;
    static final double QS4 = 7.70381505559019352791e-02;

    /**
     * arccos for |x| &lt; 1: fdlibm's algorithm (e_acos.c), the one {@link StrictMath#acos} runs, ported so the JIT
     * can inline it (on HotSpot {@code Math.acos} is a native call costing about 200 ns; this costs a few). The
     * result equals {@code StrictMath.acos(x)} bit for bit (tested).
     */
    static double acos(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x3ff00000) {
            // |x| >= 1 (and NaN): never reached from sunsetHourAngle, kept exact anyway.
            return StrictMath.acos(x);
        }
        if (ix < 0x3fe00000) {
            // |x| < 0.5
            if (ix <= 0x3c600000) {
                return PIO2_HI + PIO2_LO;
            }
            double z = x * x;
            double p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
            double q = 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
            double r = p / q;
            return PIO2_HI - (x - (PIO2_LO - x * r));
        } else if (hx < 0) {
            // x < -0.5
            double z = (1.0 + x) * 0.5;
            double p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
            double q = 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
            double s = Math.sqrt(z);
            double r = p / q;
            double w = r * s - PIO2_LO;
            return Math.PI - 2.0 * (s + w);
        } else {
            // x > 0.5
            double z = (1.0 - x) * 0.5;
            double s = Math.sqrt(z);
            double df = Double.longBitsToDouble(Double.doubleToRawLongBits(s) & 0xffffffff00000000L);
            double c = (z - df * df) / (s + df);
            double p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
            double q = 1.0 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
            double r = p / q;
            double w = r * s + c;
            return 2.0 * (df + w);
        }
    }

    /**
     * Ra of eq. 21 written as 24·60/π Gsc dr (ωs sin φ sin δ + cos φ cos δ sin ωs), with sin ωs = √((1 − c)(1 + c))
     * from c = cos ωs (no sin call; the factored form keeps full precision near c = ±1).
     */
    static double extraterrestrialDaily(Site s, int dayOfYear, double cosWs, double ws) {
        return extraterrestrialDaily(s.sinPhi, s.cosPhi, dayOfYear, cosWs, ws);
    }

    /** Ra of eq. 21 from sin φ, cos φ, J, cos ωs and ωs. */
    static double extraterrestrialDaily(double sinPhi, double cosPhi, int dayOfYear, double cosWs, double ws) {
        int k = 4 * dayOfYear;
        double sinWs = ws == 0.0 || ws == Math.PI ? 0.0 : Math.sqrt((1.0 - cosWs) * (1.0 + cosWs));
        double ra = RA_FACTOR * DAY[k + DR]
                * (ws * sinPhi * DAY[k + SIN_DECL] + cosPhi * DAY[k + COS_DECL] * sinWs);
        return Math.max(0.0, ra);
    }

    /** Ra of eq. 21 (J must be 1..366). */
    static double extraterrestrialDaily(Site s, int dayOfYear) {
        double c = cosSunsetHourAngle(s, dayOfYear);
        return extraterrestrialDaily(s, dayOfYear, c, sunsetHourAngle(c));
    }

    /** N of eq. 34 from ωs. */
    static double daylightHours(double ws) {
        return HOURS_PER_RADIAN * ws;
    }

    /** N of eq. 34 (J must be 1..366). */
    static double daylightHours(Site s, int dayOfYear) {
        return daylightHours(sunsetHourAngle(cosSunsetHourAngle(s, dayOfYear)));
    }

    /** Rso/Ra: 0.75 + 2e-5 z (eq. 37) or as + bs (eq. 36). */
    double clearSkyFactor(double elevationMetres) {
        return o.rsoFormula() == RsoFormula.ANGSTROM
                ? o.angstromAs() + o.angstromBs()
                : 0.75 + 2e-5 * elevationMetres;
    }

    double clearSky(Site s, double ra) {
        return clearSkyFactor(s.elevation) * ra;
    }

    /**
     * FAO-56 eq. 6 for a day or a month (G given), with the missing-data procedures of ch. 3.
     *
     * @return ETo (mm/d); flags are OR-ed into {@code flags[flagIndex]}
     */
    double daily(Site s, int row, String method, double ra, double daylight, double tmax, double tmin, double tmean,
                 double rhMax, double rhMin, double rhMean, double tdew, double ea, double uz, double u2, double rs,
                 double n, double g, double eMax, double eMin, double eMid, long[] flags, int flagIndex,
                 double[] inter) {
        // Quality control: every check names its field and row (Tmax present, so Tdew is checked against it).
        Qc.required("tmax", tmax, row, method);
        Qc.required("tmin", tmin, row, method);
        WeatherChecks.daily(row, ra, daylight, tmax, tmin, tmean, rhMax, rhMin, rhMean, tdew, ea, uz, u2, rs, n);

        long f = 0;
        double t = tmean;
        if (Double.isNaN(t)) {
            t = (tmax + tmin) / 2.0;
            f |= EstimateFlag.TMEAN_FROM_EXTREMES.bit();
        }
        double es = (eMax + eMin) / 2.0;
        double eaUsed;
        if (!Double.isNaN(ea)) {
            eaUsed = ea;
        } else if (!Double.isNaN(tdew)) {
            eaUsed = saturation(tdew);
        } else if (!Double.isNaN(rhMax) && !Double.isNaN(rhMin)) {
            eaUsed = (eMin * rhMax / 100.0 + eMax * rhMin / 100.0) / 2.0;
        } else if (!Double.isNaN(rhMax)) {
            eaUsed = eMin * rhMax / 100.0;
        } else if (!Double.isNaN(rhMean)) {
            eaUsed = rhMean / 100.0 * es;
        } else {
            eaUsed = saturation(tmin - o.aridTminOffset());
            f |= EstimateFlag.EA_FROM_TMIN.bit();
        }
        double u2Used;
        if (!Double.isNaN(u2)) {
            u2Used = u2;
        } else if (!Double.isNaN(uz)) {
            u2Used = uz * s.windFactor;
            if (s.windFactor != 1.0) {
                f |= EstimateFlag.WIND_FROM_HEIGHT.bit();
            }
        } else {
            u2Used = o.defaultWindSpeed();
            f |= EstimateFlag.WIND_DEFAULT.bit();
        }
        double rsUsed;
        if (!Double.isNaN(rs)) {
            rsUsed = rs;
        } else if (!Double.isNaN(n)) {
            rsUsed = Radiation.solarFromSunshine(Math.min(n, daylight), daylight, ra, o.angstromAs(), o.angstromBs());
            f |= EstimateFlag.RS_FROM_SUNSHINE.bit();
        } else {
            rsUsed = Radiation.solarFromTemperatureRange(tmax, tmin, ra, o.kRs());
            f |= EstimateFlag.RS_FROM_TEMPERATURE_RANGE.bit();
        }
        double rso = clearSky(s, ra);
        double ratio;
        if (rso > 0.0) {
            double raw = rsUsed / rso;
            ratio = o.rsRsoBound().apply(raw);
            if (ratio != raw) {
                f |= EstimateFlag.RS_RSO_BOUNDED.bit();
            }
        } else {
            ratio = o.assumedRsRso();
            f |= EstimateFlag.POLAR_NIGHT.bit();
        }
        double rns = Radiation.netShortwave(rsUsed, Radiation.ALBEDO_REFERENCE_GRASS);
        double rnl = Radiation.netLongwave(tmax, tmin, eaUsed, ratio, o.stefanBoltzmann(), o.kelvinOffset());
        double rn = Radiation.netRadiation(rns, rnl);
        double slopeNumerator = slopeNumerator(Double.isNaN(tmean) ? eMid : saturation(t));
        double d = t + 237.3;
        double d2 = d * d;
        double eto = penmanMonteith(slopeNumerator, d2, s.gamma, rn, g, t, u2Used, es, eaUsed, o.dailyCn(),
                o.dailyCd());
        if (eto < 0.0 && o.negativeEtoPolicy() == NegativeEtoPolicy.CLIP_AT_ZERO) {
            eto = 0.0;
        }
        flags[flagIndex] |= f;
        if (inter != null) {
            fill(inter, ra, rso, rsUsed, ratio, rns, rnl, rn, g, t, slopeNumerator / d2, s.gamma, es, eaUsed, u2Used,
                    s.pressure);
        }
        return eto;
    }

    // ---------------------------------------------------------------------------- saturation vapour pressure

    /** e°(T) of FAO-56 eq. 11 (kPa). */
    static double saturation(double celsius) {
        return 0.6108 * exp(17.27 * celsius / (celsius + 237.3));
    }

    /** e°(T) at (Tmax + Tmin)/2, the mean temperature of eq. 9. */
    static double saturationAtMidpoint(double tmax, double tmin) {
        return saturation((tmax + tmin) / 2.0);
    }

    /** 4098 e°(T), the numerator of Δ in eq. 13 (Δ = 4098 e°(T)/(T + 237.3)²). */
    static double slopeNumerator(double saturation) {
        return 4098.0 * saturation;
    }

    /**
     * FAO-56 eq. 6 with Δ of eq. 13 given as its numerator 4098 e°(T) and its denominator (T + 237.3)²: numerator
     * and denominator of eq. 6 are multiplied by (T + 237.3)² (T + 273), which leaves one division where eq. 6
     * and eq. 13 written out take three (the value is the same to a few units in the last place):
     * <pre>
     *            0.408 · 4098 e°(T) (T + 273) (Rn − G) + γ Cn u2 (es − ea) (T + 237.3)²
     *   ETo = ───────────────────────────────────────────────────────────────────────────
     *                 (4098 e°(T) + γ (1 + Cd u2) (T + 237.3)²) (T + 273)
     * </pre>
     * The SIMD kernel's vector pass performs the same operations in the same order.
     *
     * @param slopeNumerator 4098 e°(T) (kPa)
     * @param d2             (T + 237.3)² (°C²)
     * @return ETo (mm per period)
     */
    static double penmanMonteith(double slopeNumerator, double d2, double gamma, double rn, double g, double t,
                                 double u2, double es, double ea, double cn, double cd) {
        double kelvin = t + 273.0;
        double num = AtmosphericParameters.MM_PER_MJ * slopeNumerator * kelvin * (rn - g)
                + gamma * cn * u2 * (es - ea) * d2;
        return num / ((slopeNumerator + gamma * (1.0 + cd * u2) * d2) * kelvin);
    }

    /**
     * The exponential pass of a block: e°(Tmax), e°(Tmin) and e° at (Tmax + Tmin)/2 for {@code len} rows from
     * {@code offset}, as three tight loops of independent calls the processor overlaps.
     */
    static void saturationPass(double[] tmax, double[] tmin, int offset, double[] eMax, double[] eMin,
                               double[] eMid, int len) {
        for (int k = 0; k < len; k++) {
            eMax[k] = saturation(tmax[offset + k]);
        }
        for (int k = 0; k < len; k++) {
            eMin[k] = saturation(tmin[offset + k]);
        }
        for (int k = 0; k < len; k++) {
            eMid[k] = saturationAtMidpoint(tmax[offset + k], tmin[offset + k]);
        }
    }

    // ------------------------------------------------------------------------------------------ fast block

    /** Block-local scratch columns of the batch loop, allocated once per call. */
    static final class Block {
        final double[] eMax;
        final double[] eMin;
        final double[] eMid;
        final double[] ra;
        final double[] rsoFactor;
        final double[] gamma;
        final double[] rawRatio;
        final double[] sinPhi;
        final double[] cosPhi;
        final double[] cosWs;
        final double[] ws;
        /** The SIMD kernel's scratch (only with {@link #SIMD}, else null). */
        final VectorKernel.Scratch simd;

        /**
         * Allocates the columns the call needs: the latitude passes' only with a per-row latitude, the raw
         * Rs/Rso only when flags are wanted; for the vector kernel its scratch instead of the scalar block's (the
         * row-by-row path's e°(Tmax), e°(Tmin), Δ are always there).
         *
         * @param vector whether the blocks go through {@link VectorKernel} (only when {@link #SIMD})
         */
        Block(int size, boolean perRowLatitude, boolean perRowElevation, boolean flags, boolean vector) {
            eMax = new double[size];
            eMin = new double[size];
            eMid = new double[size];
            int blockSize = vector ? 0 : size;
            int latitudeSize = perRowLatitude ? blockSize : 0;
            ra = new double[blockSize];
            rsoFactor = new double[blockSize];
            gamma = new double[blockSize];
            sinPhi = new double[latitudeSize];
            cosPhi = new double[latitudeSize];
            cosWs = new double[latitudeSize];
            ws = new double[latitudeSize];
            rawRatio = new double[flags ? blockSize : 0];
            simd = vector ? new VectorKernel.Scratch(size, perRowLatitude, perRowElevation, flags) : null;
        }
    }

    /**
     * Whether the columns have a common shape the block path handles: Tmax, Tmin, humidity as RHmean or as
     * RHmax and RHmin, u2 and Rs, and no other weather column (so no missing-data estimate can be needed but
     * Tmean from the extremes).
     */
    static boolean fastShape(DailyColumns c) {
        boolean humidity = (c.rhMean != null) != (c.rhMax != null && c.rhMin != null)
                && (c.rhMean == null || (c.rhMax == null && c.rhMin == null));
        return humidity && c.u2 != null && c.rs != null && c.tmean == null && c.tdew == null && c.ea == null
                && c.windSpeed == null && c.sunshineHours == null;
    }

    /**
     * Rows [start, start + len) of a {@link #fastShape} batch as tight branch-free passes, with the
     * very operations of {@link #daily} (same functions, same order), so results are identical bit for bit. A
     * first scalar pass checks that every row is valid and takes the common path (no polar night); if one does
     * not, nothing is written and false is returned, and the caller runs the block row by row, which throws or
     * reports exactly as always.
     */
    boolean dailyBlock(Site site, DailyColumns c, int from, int start, int len, Block b, double[] raByDay,
                       double[] nByDay, double[] etoOut, long[] flagsOut) {
        if (b.simd != null) {
            return VectorKernel.dailyBlock(this, site, c, from, start, len, b.simd, raByDay, nByDay, etoOut,
                    flagsOut);
        }
        double[] latitudes = c.latitudeDegrees;
        double[] elevations = c.elevationMetres;
        double[] tmaxCol = c.tmax;
        double[] tminCol = c.tmin;
        double[] rhCol = c.rhMean;
        double[] rhMaxCol = c.rhMax;
        double[] rhMinCol = c.rhMin;
        boolean maxMin = rhCol == null;
        double[] u2Col = c.u2;
        double[] rsCol = c.rs;
        int[] doyCol = c.dayOfYear;
        // Passes of independent calls (the processor overlaps them across rows); validity first.
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
        }
        if (latitudes != null) {
            latitudePass(latitudes, doyCol, start, len, b);
        } else {
            for (int k = 0; k < len; k++) {
                int doy = doyCol[start + k];
                double ra = raByDay[doy];
                if (Double.isNaN(ra)) {
                    double cosWs = cosSunsetHourAngle(site, doy);
                    double ws = sunsetHourAngle(cosWs);
                    ra = extraterrestrialDaily(site, doy, cosWs, ws);
                    raByDay[doy] = ra;
                    nByDay[doy] = daylightHours(ws);
                }
                b.ra[k] = ra;
            }
        }
        if (elevations != null) {
            for (int k = 0; k < len; k++) {
                double z = elevations[start + k];
                b.gamma[k] = AtmosphericParameters.psychrometricConstant(pressure(z));
                b.rsoFactor[k] = clearSkyFactor(z);
            }
        } else {
            double gamma = site.gamma;
            double factor = clearSkyFactor(site.elevation);
            for (int k = 0; k < len; k++) {
                b.gamma[k] = gamma;
                b.rsoFactor[k] = factor;
            }
        }
        for (int k = 0; k < len; k++) {
            int i = start + k;
            double tx = tmaxCol[i];
            double tn = tminCol[i];
            double u = u2Col[i];
            double rs = rsCol[i];
            double ra = b.ra[k];
            boolean humid;
            if (maxMin) {
                double hi = rhMaxCol[i];
                double lo = rhMinCol[i];
                humid = hi <= 100.0 & lo >= 0.0 & lo <= hi;
            } else {
                double rh = rhCol[i];
                humid = rh >= 0.0 & rh <= 100.0;
            }
            boolean ok = tx >= Qc.MIN_AIR_TEMPERATURE & tx <= Qc.MAX_AIR_TEMPERATURE
                    & tn >= Qc.MIN_AIR_TEMPERATURE & tn <= tx
                    & humid
                    & u >= 0.0 & u <= Qc.MAX_WIND_SPEED
                    & rs >= 0.0 & rs <= Qc.MAX_DAILY_SOLAR
                    & !(rs > Qc.RS_OVER_RA_FACTOR * ra + Qc.RS_OVER_RA_DAILY_ALLOWANCE)
                    & b.rsoFactor[k] * ra > 0.0;
            if (!ok) {
                return false;
            }
        }
        saturationPass(tmaxCol, tminCol, start, b.eMax, b.eMin, b.eMid, len);
        etoPass(c, b, len, o.rsRsoBound().lower(), o.rsRsoBound().upper(), o.stefanBoltzmann(), o.kelvinOffset(),
                o.dailyCn(), o.dailyCd(), etoOut, start);
        boolean clip = o.negativeEtoPolicy() == NegativeEtoPolicy.CLIP_AT_ZERO;
        if (clip || flagsOut != null) {
            long base = EstimateFlag.TMEAN_FROM_EXTREMES.bit();
            long bounded = EstimateFlag.RS_RSO_BOUNDED.bit();
            double lower = o.rsRsoBound().lower();
            double upper = o.rsRsoBound().upper();
            for (int k = 0; k < len; k++) {
                int i = start + k;
                if (clip && etoOut[i] < 0.0) {
                    etoOut[i] = 0.0;
                }
                if (flagsOut != null) {
                    double raw = b.rawRatio[k];
                    flagsOut[i] = Math.max(lower, Math.min(upper, raw)) != raw ? base | bounded : base;
                }
            }
        }
        return true;
    }

    /**
     * Ra per row from a per-row latitude, as {@link Site#latitude} and {@link #extraterrestrialDaily(Site, int)}
     * compute it, in passes: sin φ and cos φ (reused while the latitude repeats), cos ωs, ωs, Ra.
     */
    private static void latitudePass(double[] latitudes, int[] doyCol, int start, int len, Block b) {
        double previous = Double.NaN;
        double sinPhi = 0.0;
        double cosPhi = 0.0;
        for (int k = 0; k < len; k++) {
            double lat = latitudes[start + k];
            if (lat != previous) {
                double phi = Math.toRadians(lat);
                sinPhi = sin(phi);
                cosPhi = cos(phi);
                previous = lat;
            }
            b.sinPhi[k] = sinPhi;
            b.cosPhi[k] = cosPhi;
        }
        for (int k = 0; k < len; k++) {
            double tanPhi = b.sinPhi[k] / b.cosPhi[k];
            b.cosWs[k] = -tanPhi * DAY[4 * doyCol[start + k] + TAN_DECL];
        }
        for (int k = 0; k < len; k++) {
            b.ws[k] = sunsetHourAngle(b.cosWs[k]);
        }
        for (int k = 0; k < len; k++) {
            b.ra[k] = extraterrestrialDaily(b.sinPhi[k], b.cosPhi[k], doyCol[start + k], b.cosWs[k], b.ws[k]);
        }
    }

    /** eq. 17 or 19, 37, 38, 39, 40 and 6 over a block, in {@link #daily}'s order of operations (no branch). */
    private static void etoPass(DailyColumns c, Block b, int len, double lower, double upper, double sigma,
                                double kelvin, double cn, double cd, double[] etoOut, int start) {
        double[] tmax = c.tmax;
        double[] tmin = c.tmin;
        double[] rh = c.rhMean;
        double[] rhMax = c.rhMax;
        double[] rhMin = c.rhMin;
        boolean maxMin = rh == null;
        double[] u2 = c.u2;
        double[] rs = c.rs;
        double[] eMax = b.eMax;
        double[] eMin = b.eMin;
        double[] eMid = b.eMid;
        double[] ra = b.ra;
        double[] rsoFactor = b.rsoFactor;
        double[] gamma = b.gamma;
        double[] rawRatio = b.rawRatio;
        boolean flags = rawRatio.length > 0;
        for (int k = 0; k < len; k++) {
            int i = start + k;
            double es = (eMax[k] + eMin[k]) / 2.0;
            double ea = maxMin ? (eMin[k] * rhMax[i] / 100.0 + eMax[k] * rhMin[i] / 100.0) / 2.0 : rh[i] / 100.0 * es;
            double rso = rsoFactor[k] * ra[k];
            double raw = rs[i] / rso;
            if (flags) {
                rawRatio[k] = raw;
            }
            double ratio = Math.max(lower, Math.min(upper, raw));
            double rns = Radiation.netShortwave(rs[i], Radiation.ALBEDO_REFERENCE_GRASS);
            double rnl = Radiation.netLongwave(tmax[i], tmin[i], ea, ratio, sigma, kelvin);
            double rn = Radiation.netRadiation(rns, rnl);
            double t = (tmax[i] + tmin[i]) / 2.0;
            double d = t + 237.3;
            etoOut[i] = penmanMonteith(slopeNumerator(eMid[k]), d * d, gamma[k], rn, 0.0, t, u2[i], es, ea, cn, cd);
        }
    }

    /** Carried state of an hourly series: the last daytime Rs/Rso (NaN before the first). */
    static final class HourlyState {
        double carriedRatio = Double.NaN;
    }

    /**
     * FAO-56 eq. 53 for one period.
     *
     * @param ra         Ra of the period (eq. 28)
     * @param sinBetaMid sine of the sun elevation at the period mid-point
     */
    double hourly(Site s, int row, HourlyState state, double ra, double sinBetaMid, double temp, double rh,
                  double tdew, double ea, double uz, double u2, double rs, long[] flags, int flagIndex,
                  double[] inter) {
        WeatherChecks.hourly(row, Fao56.METHOD_HOURLY, temp, rh, tdew, ea, uz, u2, rs);

        long f = 0;
        double es = VapourPressure.saturation(temp);
        double eaUsed;
        if (!Double.isNaN(ea)) {
            eaUsed = ea;
        } else if (!Double.isNaN(tdew)) {
            eaUsed = VapourPressure.actualFromDewPoint(tdew);
        } else {
            eaUsed = VapourPressure.actualFromRelativeHumidity(temp, rh);
        }
        double u2Used;
        if (!Double.isNaN(u2)) {
            u2Used = u2;
        } else if (!Double.isNaN(uz)) {
            u2Used = uz * s.windFactor;
            if (s.windFactor != 1.0) {
                f |= EstimateFlag.WIND_FROM_HEIGHT.bit();
            }
        } else {
            u2Used = o.defaultWindSpeed();
            f |= EstimateFlag.WIND_DEFAULT.bit();
        }
        double rso = clearSky(s, ra);
        boolean daytime = rso > 0.0;
        double ratio;
        if (daytime) {
            double raw = rs / rso;
            ratio = o.rsRsoBound().apply(raw);
            if (ratio != raw) {
                f |= EstimateFlag.RS_RSO_BOUNDED.bit();
            }
            if (sinBetaMid >= SIN_MIN_SUN_ELEVATION) {
                state.carriedRatio = ratio;
            }
        } else {
            if (o.nightRsRso() instanceof NightRsRso.Fixed fixed) {
                ratio = fixed.ratio();
            } else if (!Double.isNaN(state.carriedRatio)) {
                ratio = state.carriedRatio;
            } else {
                ratio = o.assumedRsRso();
            }
            f |= EstimateFlag.NIGHT_RS_RSO_ASSUMED.bit();
        }
        double rns = Radiation.netShortwave(rs, Radiation.ALBEDO_REFERENCE_GRASS);
        double rnl = Radiation.netLongwave(temp, temp, eaUsed, ratio, o.stefanBoltzmannHourly(), o.kelvinOffset());
        double rn = Radiation.netRadiation(rns, rnl);
        double g = (daytime ? o.hourlyGDay() : o.hourlyGNight()) * rn;
        double cd = daytime ? o.hourlyCdDay() : o.hourlyCdNight();
        double delta = VapourPressure.slope(temp);
        double eto = PenmanMonteith.eto(delta, s.gamma, rn, g, temp, u2Used, es, eaUsed, o.hourlyCn(), cd);
        if (eto < 0.0 && o.negativeEtoPolicy() == NegativeEtoPolicy.CLIP_AT_ZERO) {
            eto = 0.0;
        }
        flags[flagIndex] |= f;
        if (inter != null) {
            fill(inter, ra, rso, rs, ratio, rns, rnl, rn, g, temp, delta, s.gamma, es, eaUsed, u2Used, s.pressure);
        }
        return eto;
    }

    private static final double SIN_MIN_SUN_ELEVATION = Math.sin(NightRsRso.CarryForward.MIN_SUN_ELEVATION_RADIANS);

    private static void fill(double[] a, double ra, double rso, double rs, double ratio, double rns, double rnl,
                             double rn, double g, double t, double delta, double gamma, double es, double ea,
                             double u2, double p) {
        a[RA] = ra;
        a[RSO] = rso;
        a[RS] = rs;
        a[RATIO] = ratio;
        a[RNS] = rns;
        a[RNL] = rnl;
        a[RN] = rn;
        a[G] = g;
        a[T] = t;
        a[DELTA] = delta;
        a[GAMMA] = gamma;
        a[ES] = es;
        a[EA] = ea;
        a[U2] = u2;
        a[P] = p;
    }

    static Intermediates intermediates(double[] a) {
        return new Intermediates(a[RA], a[RSO], a[RS], a[RATIO], a[RNS], a[RNL], a[RN], a[G], a[T], a[DELTA],
                a[GAMMA], a[ES], a[EA], a[U2], a[P]);
    }
}
