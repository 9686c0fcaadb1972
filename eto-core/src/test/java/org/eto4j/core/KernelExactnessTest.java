package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast kernel (tables, identities, inlined elementary functions) against the straightforward formulas.
 */
class KernelExactnessTest {

    @Test
    void acosIsStrictMathBitForBit() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            double x = r.nextDouble(-1.0, 1.0);
            assertEquals(Double.doubleToRawLongBits(StrictMath.acos(x)), Double.doubleToRawLongBits(Kernel.acos(x)),
                    () -> "acos(" + x + ")");
        }
        double[] edges = {0.0, -0.0, 0.5, -0.5, Math.nextDown(0.5), Math.nextUp(-0.5), 1e-18, -1e-18,
            Math.nextDown(1.0), Math.nextUp(-1.0), 1.0, -1.0, 1.5, Double.NaN};
        for (double x : edges) {
            assertEquals(Double.doubleToRawLongBits(StrictMath.acos(x)), Double.doubleToRawLongBits(Kernel.acos(x)),
                    () -> "acos(" + x + ")");
        }
    }

    /** The straightforward FAO-56 daily formulas, from the public equation functions (Math.* throughout). */
    static double reference(Fao56 o, double lat, double elev, double windHeight, int doy, double tmax, double tmin,
                            double tmean, double rhMax, double rhMin, double rhMean, double tdew, double ea,
                            double uz, double u2, double rs, double n) {
        double phi = Math.toRadians(lat);
        double ra = Radiation.extraterrestrialDaily(phi, doy);
        double daylight = SolarGeometry.daylightHours(SolarGeometry.sunsetHourAngle(phi,
                SolarGeometry.declination(doy)));
        double p = AtmosphericParameters.pressureKilopascals(elev);
        double gamma = AtmosphericParameters.psychrometricConstant(p);
        double t = Double.isNaN(tmean) ? (tmax + tmin) / 2.0 : tmean;
        double es = VapourPressure.meanSaturation(tmax, tmin);
        double e;
        if (!Double.isNaN(ea)) {
            e = ea;
        } else if (!Double.isNaN(tdew)) {
            e = VapourPressure.actualFromDewPoint(tdew);
        } else if (!Double.isNaN(rhMax) && !Double.isNaN(rhMin)) {
            e = VapourPressure.actualFromRhMaxMin(tmin, tmax, rhMax, rhMin);
        } else if (!Double.isNaN(rhMax)) {
            e = VapourPressure.actualFromRhMax(tmin, rhMax);
        } else if (!Double.isNaN(rhMean)) {
            e = VapourPressure.actualFromRhMean(tmin, tmax, rhMean);
        } else {
            e = VapourPressure.actualFromTmin(tmin, o.aridTminOffset);
        }
        double wind = !Double.isNaN(u2) ? u2 : !Double.isNaN(uz) ? uz * Wind.factorToTwoMetres(windHeight)
                : o.defaultWindSpeed;
        double solar = !Double.isNaN(rs) ? rs
                : !Double.isNaN(n) ? Radiation.solarFromSunshine(Math.min(n, daylight), daylight, ra, o.angstromAs,
                o.angstromBs)
                : Radiation.solarFromTemperatureRange(tmax, tmin, ra, o.kRs);
        double rso = o.rsoFormula == RsoFormula.ANGSTROM
                ? Radiation.clearSkyFromAngstrom(ra, o.angstromAs, o.angstromBs) : Radiation.clearSky(elev, ra);
        double ratio = rso > 0 ? o.rsRsoBound.apply(solar / rso) : o.assumedRsRso;
        double rn = Radiation.netRadiation(Radiation.netShortwave(solar, Radiation.ALBEDO_REFERENCE_GRASS),
                Radiation.netLongwave(tmax, tmin, e, ratio, o.stefanBoltzmann, o.kelvinOffset));
        return PenmanMonteith.daily(VapourPressure.slope(t), gamma, rn, 0.0, t, wind, es, e);
    }

    private static double maybe(SplittableRandom r, double min, double max) {
        return r.nextInt(3) == 0 ? Double.NaN : r.nextDouble(min, max);
    }

    /**
     * Over random valid days with every missing-data path, the kernel (scalar and batch with per-row latitude
     * and elevation) equals the straightforward formulas to 1e-12 relative (ETo below 1 mm/d: 1e-12 mm/d
     * absolute, as a relative bound is meaningless near zero), and batch equals scalar bit for bit.
     */
    @Test
    void kernelEqualsStraightforwardFormulasAndBatchEqualsScalar() {
        SplittableRandom r = new SplittableRandom(2026);
        Fao56 o = Fao56.defaults();
        int size = 200_000;
        int[] doy = new int[size];
        double[][] col = new double[15][size];
        for (int i = 0; i < size; i++) {
            doy[i] = 1 + r.nextInt(365);
            double lat = r.nextDouble(-66.0, 66.0);
            double elev = r.nextDouble(-400.0, 5000.0);
            double tmin = r.nextDouble(-40.0, 35.0);
            double tmax = Math.min(60.0, tmin + r.nextDouble(0.0, 25.0));
            double tmean = r.nextInt(4) == 0 ? tmin + r.nextDouble() * (tmax - tmin) : Double.NaN;
            double rhMax = maybe(r, 40.0, 100.0);
            double rhMin = Double.isNaN(rhMax) || r.nextBoolean() ? Double.NaN : rhMax * r.nextDouble();
            double rhMean = maybe(r, 10.0, 100.0);
            double tdew = r.nextInt(4) == 0 ? tmin - r.nextDouble(0.0, 10.0) : Double.NaN;
            double ea = r.nextInt(6) == 0 ? r.nextDouble(0.05, 4.0) : Double.NaN;
            double uz = maybe(r, 0.0, 10.0);
            double u2 = maybe(r, 0.0, 10.0);
            double ra = Radiation.extraterrestrialDaily(Math.toRadians(lat), doy[i]);
            double rs = r.nextBoolean() ? r.nextDouble(0.05, 1.0) * ra : Double.NaN;
            double daylight = SolarGeometry.daylightHours(SolarGeometry.sunsetHourAngle(Math.toRadians(lat),
                    SolarGeometry.declination(doy[i])));
            double n = r.nextBoolean() ? r.nextDouble() * daylight : Double.NaN;
            double[] v = {lat, elev, tmax, tmin, tmean, rhMax, rhMin, rhMean, tdew, ea, uz, u2, rs, n, 0};
            for (int c = 0; c < v.length; c++) {
                col[c][i] = v[c];
            }
        }
        double windHeight = 10.0;
        double[] out = new double[size];
        DailyColumns columns = DailyColumns.builder(size, doy).latitudeDegrees(col[0]).elevationMetres(col[1])
                .tmax(col[2]).tmin(col[3]).tmean(col[4]).rhMax(col[5]).rhMin(col[6]).rhMean(col[7]).tdew(col[8])
                .ea(col[9]).windSpeed(col[10]).u2(col[11]).rs(col[12]).sunshineHours(col[13]).build();
        o.dailyBatch(new Station(0.0, Double.NaN, 0.0, windHeight), columns, out, null);
        double worst = 0;
        for (int i = 0; i < size; i++) {
            double ref = reference(o, col[0][i], col[1][i], windHeight, doy[i], col[2][i], col[3][i], col[4][i],
                    col[5][i], col[6][i], col[7][i], col[8][i], col[9][i], col[10][i], col[11][i], col[12][i],
                    col[13][i]);
            double diff = Math.abs(out[i] - ref) / Math.max(1.0, Math.abs(ref));
            worst = Math.max(worst, diff);
            int row = i;
            assertTrue(diff <= 1e-12, () -> "row " + row + ": kernel " + out[row] + ", formulas " + ref);
            if (i % 10 == 0) {
                Station station = new Station(col[0][i], Double.NaN, col[1][i], windHeight);
                DailyWeather w = DailyWeather.builder(LocalDate.ofYearDay(2023, doy[i])).tmax(col[2][i])
                        .tmin(col[3][i]).tmean(col[4][i]).rhMax(col[5][i]).rhMin(col[6][i]).rhMean(col[7][i])
                        .tdew(col[8][i]).ea(col[9][i]).windSpeed(col[10][i]).u2(col[11][i]).rs(col[12][i])
                        .sunshineHours(col[13][i]).build();
                assertEquals(Double.doubleToRawLongBits(o.daily(station, w).eto()),
                        Double.doubleToRawLongBits(out[i]), () -> "row " + row + " batch vs scalar");
            }
        }
        System.out.println("kernel vs straightforward formulas, worst relative difference: " + worst);
    }

    /**
     * The block path (columns Tmax, Tmin, RHmean or RHmax and RHmin, u2, Rs only) equals the scalar path bit for
     * bit, flags included, with per-row or per-station sites, under every option it depends on, and with invalid rows
     * sprinkled in (their blocks fall back to the row-by-row path, which reports them as always).
     */
    @Test
    void blockPathEqualsScalarBitForBit() {
        Fao56[] calculators = {
            Fao56.defaults(),
            Fao56.builder().rsRsoBound(RsRsoBound.CLIP_0_3_TO_1).negativeEtoPolicy(NegativeEtoPolicy.CLIP_AT_ZERO)
                    .validation(ValidationMode.LENIENT).build(),
            Fao56.builder().rsoFormula(RsoFormula.ANGSTROM).angstrom(0.2, 0.55).stefanBoltzmann(4.901e-9)
                    .kelvinOffset(273.15).build(),
        };
        SplittableRandom r = new SplittableRandom(99);
        int size = 5_000;
        for (Fao56 o : calculators) {
            boolean lenient = o.validation == ValidationMode.LENIENT;
            for (int variant = 0; variant < 4; variant++) {
                boolean perRow = variant % 2 == 0;
                boolean maxMin = variant >= 2;
                Station station = Station.of(r.nextDouble(-70, 70), r.nextDouble(0, 3000));
                RandomDays d = new RandomDays(r, size, perRow, maxMin, station,
                        new RandomDays.Ranges(80, -400, 5000, -30, 5, lenient ? 700 : 0));
                DailyColumns columns = d.columns();
                double[] out = new double[size];
                long[] flags = new long[size];
                BatchResult result = o.dailyBatch(station, columns, out, flags);
                double[] outNoFlags = new double[size];
                o.dailyBatch(station, columns, outNoFlags, null);
                int invalid = 0;
                for (int i = 0; i < size; i++) {
                    EtoResult scalar = o.daily(d.station(i), d.weather(i));
                    int row = i;
                    assertEquals(Double.doubleToRawLongBits(scalar.eto()), Double.doubleToRawLongBits(out[i]),
                            () -> "row " + row);
                    assertEquals(Double.doubleToRawLongBits(scalar.eto()),
                            Double.doubleToRawLongBits(outNoFlags[i]), () -> "row " + row);
                    assertEquals(EstimateFlag.toMask(scalar.flags()), flags[i], () -> "flags of row " + row);
                    if (!scalar.isValid()) {
                        invalid++;
                    } else if (!perRow || Math.abs(d.lat[i]) < 66) {
                        double ref = reference(o, d.lat[i], d.elev[i], 2.0, d.doy[i], d.tmax[i], d.tmin[i], Double.NaN,
                                maxMin ? d.rhMax[i] : Double.NaN, maxMin ? d.rhMin[i] : Double.NaN,
                                maxMin ? Double.NaN : d.rh[i], Double.NaN, Double.NaN, Double.NaN, d.u2[i], d.rs[i],
                                Double.NaN);
                        double expected = o.negativeEtoPolicy == NegativeEtoPolicy.CLIP_AT_ZERO && ref < 0 ? 0 : ref;
                        assertEquals(expected, out[i], 1e-12 * Math.max(1.0, Math.abs(expected)), () -> "row " + row);
                    }
                }
                assertEquals(invalid, result.invalidRows());
            }
        }
    }
}
