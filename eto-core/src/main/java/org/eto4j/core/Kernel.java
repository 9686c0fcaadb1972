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

    private final Conventions o;

    Kernel(Conventions conventions) {
        this.o = conventions;
    }

    /** What depends only on the station: computed once per station and series. */
    static final class Site {
        final double phi;
        final double elevation;
        final double pressure;
        final double gamma;
        final double windFactor;
        final double longitudeWest;

        Site(Station s) {
            this.phi = s.latitudeRadians();
            this.elevation = s.elevationMetres();
            this.pressure = AtmosphericParameters.pressureKilopascals(s.elevationMetres());
            this.gamma = AtmosphericParameters.psychrometricConstant(pressure);
            this.windFactor = Wind.factorToTwoMetres(s.windHeightMetres());
            this.longitudeWest = -s.longitudeDegrees();
        }
    }

    static double extraterrestrialDaily(Site s, int dayOfYear) {
        return Radiation.extraterrestrialDaily(s.phi, dayOfYear);
    }

    static double daylightHours(Site s, int dayOfYear) {
        return SolarGeometry.daylightHours(
                SolarGeometry.sunsetHourAngle(s.phi, SolarGeometry.declination(dayOfYear)));
    }

    double clearSky(Site s, double ra) {
        return o.rsoFormula() == RsoFormula.ANGSTROM
                ? Radiation.clearSkyFromAngstrom(ra, o.angstromAs(), o.angstromBs())
                : Radiation.clearSky(s.elevation, ra);
    }

    /**
     * FAO-56 eq. 6 for a day or a month (G given), with the missing-data procedures of ch. 3.
     *
     * @return ETo (mm/d); flags are OR-ed into {@code flags[flagIndex]}
     */
    double daily(Site s, int row, String method, double ra, double daylight, double tmax, double tmin, double tmean,
                 double rhMax, double rhMin, double rhMean, double tdew, double ea, double uz, double u2, double rs,
                 double n, double g, long[] flags, int flagIndex, double[] inter) {
        // Quality control: every check names its field and row.
        Qc.required("tmax", tmax, row, method);
        Qc.required("tmin", tmin, row, method);
        Qc.range("tmax", tmax, Qc.MIN_AIR_TEMPERATURE, Qc.MAX_AIR_TEMPERATURE, row);
        Qc.range("tmin", tmin, Qc.MIN_AIR_TEMPERATURE, Qc.MAX_AIR_TEMPERATURE, row);
        if (tmin > tmax) {
            throw new EtoException(ErrorCode.TMIN_ABOVE_TMAX, "tmin", row, tmin, tmax);
        }
        Qc.range("tmean", tmean, Qc.MIN_AIR_TEMPERATURE, Qc.MAX_AIR_TEMPERATURE, row);
        Qc.range("rh_max", rhMax, 0.0, 100.0, row);
        Qc.range("rh_min", rhMin, 0.0, 100.0, row);
        Qc.range("rh_mean", rhMean, 0.0, 100.0, row);
        if (rhMin > rhMax) {
            throw new EtoException(ErrorCode.RH_MIN_ABOVE_RH_MAX, "rh_min", row, rhMin, rhMax);
        }
        Qc.range("tdew", tdew, Qc.MIN_AIR_TEMPERATURE, Qc.MAX_AIR_TEMPERATURE, row);
        if (tdew > tmax + Qc.DEW_POINT_TOLERANCE) {
            throw new EtoException(ErrorCode.TDEW_ABOVE_TEMPERATURE, "tdew", row, tdew, tmax);
        }
        Qc.range("ea", ea, 0.0, Qc.MAX_VAPOUR_PRESSURE, row);
        Qc.range("uz", uz, 0.0, Qc.MAX_WIND_SPEED, row);
        Qc.range("u2", u2, 0.0, Qc.MAX_WIND_SPEED, row);
        Qc.range("rs", rs, 0.0, Qc.MAX_DAILY_SOLAR, row);
        if (rs > Qc.RS_OVER_RA_FACTOR * ra + Qc.RS_OVER_RA_DAILY_ALLOWANCE) {
            throw new EtoException(ErrorCode.RS_ABOVE_EXTRATERRESTRIAL, "rs", row, rs, ra);
        }
        Qc.range("sunshine_hours", n, 0.0, 24.0, row);
        if (n > daylight + Qc.SUNSHINE_TOLERANCE_HOURS) {
            throw new EtoException(ErrorCode.SUNSHINE_ABOVE_DAYLENGTH, "sunshine_hours", row, n, daylight);
        }

        long f = 0;
        double t = tmean;
        if (Double.isNaN(t)) {
            t = (tmax + tmin) / 2.0;
            f |= EstimateFlag.TMEAN_FROM_EXTREMES.bit();
        }
        double es = VapourPressure.meanSaturation(tmax, tmin);
        double eaUsed;
        if (!Double.isNaN(ea)) {
            eaUsed = ea;
        } else if (!Double.isNaN(tdew)) {
            eaUsed = VapourPressure.actualFromDewPoint(tdew);
        } else if (!Double.isNaN(rhMax) && !Double.isNaN(rhMin)) {
            eaUsed = VapourPressure.actualFromRhMaxMin(tmin, tmax, rhMax, rhMin);
        } else if (!Double.isNaN(rhMax)) {
            eaUsed = VapourPressure.actualFromRhMax(tmin, rhMax);
        } else if (!Double.isNaN(rhMean)) {
            eaUsed = VapourPressure.actualFromRhMean(tmin, tmax, rhMean);
        } else {
            eaUsed = VapourPressure.actualFromTmin(tmin, o.aridTminOffset());
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
        double delta = VapourPressure.slope(t);
        double eto = PenmanMonteith.eto(delta, s.gamma, rn, g, t, u2Used, es, eaUsed,
                o.dailyCn(), o.dailyCd());
        if (eto < 0.0 && o.negativeEtoPolicy() == NegativeEtoPolicy.CLIP_AT_ZERO) {
            eto = 0.0;
        }
        flags[flagIndex] |= f;
        if (inter != null) {
            fill(inter, ra, rso, rsUsed, ratio, rns, rnl, rn, g, t, delta, s.gamma, es, eaUsed, u2Used, s.pressure);
        }
        return eto;
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
        String method = Fao56.METHOD_HOURLY;
        Qc.required("t", temp, row, method);
        Qc.range("t", temp, Qc.MIN_AIR_TEMPERATURE, Qc.MAX_AIR_TEMPERATURE, row);
        Qc.range("rh", rh, 0.0, 100.0, row);
        Qc.range("tdew", tdew, Qc.MIN_AIR_TEMPERATURE, Qc.MAX_AIR_TEMPERATURE, row);
        if (tdew > temp + Qc.DEW_POINT_TOLERANCE) {
            throw new EtoException(ErrorCode.TDEW_ABOVE_TEMPERATURE, "tdew", row, tdew, temp);
        }
        Qc.range("ea", ea, 0.0, Qc.MAX_VAPOUR_PRESSURE, row);
        Qc.range("uz", uz, 0.0, Qc.MAX_WIND_SPEED, row);
        Qc.range("u2", u2, 0.0, Qc.MAX_WIND_SPEED, row);
        Qc.required("rs", rs, row, method);
        Qc.range("rs", rs, 0.0, Qc.MAX_HOURLY_SOLAR, row);
        if (Double.isNaN(ea) && Double.isNaN(tdew) && Double.isNaN(rh)) {
            throw new EtoException(ErrorCode.MISSING_INPUT, "rh", row, "rh", method);
        }

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
