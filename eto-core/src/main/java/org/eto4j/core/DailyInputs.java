package org.eto4j.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One validated day for a {@link DailyMethod}: the checks of {@link Fao56} are applied to every value present,
 * then each method asks for what it needs; a value that is absent and cannot be derived by a documented route
 * throws {@link ErrorCode#MISSING_INPUT} naming the column and the method. Estimates are flagged as in
 * {@link Fao56}.
 */
final class DailyInputs {
    final Station station;
    final DailyWeather w;
    final int row;
    final String method;
    final int dayOfYear;
    final double ra;
    final double daylightHours;
    private long flags;

    private DailyInputs(Station station, DailyWeather w, int row, String method) {
        this.station = station;
        this.w = w;
        this.row = row;
        this.method = method;
        this.dayOfYear = w.date().getDayOfYear();
        double phi = station.latitudeRadians();
        this.ra = Radiation.extraterrestrialDaily(phi, dayOfYear);
        this.daylightHours = SolarGeometry.daylightHours(
                SolarGeometry.sunsetHourAngle(phi, SolarGeometry.declination(dayOfYear)));
        WeatherChecks.daily(row, ra, daylightHours, w.tmax(), w.tmin(), w.tmean(), w.rhMax(), w.rhMin(),
                w.rhMean(), w.tdew(), w.ea(), w.windSpeed(), w.u2(), w.rs(), w.sunshineHours());
    }

    static DailyInputs of(Station station, DailyWeather weather, int row, String method) {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(weather, "weather");
        return new DailyInputs(station, weather, row, method);
    }

    EtoException missing(String field) {
        return new EtoException(ErrorCode.MISSING_INPUT, field, row, field, method);
    }

    double tmax() {
        Qc.required("tmax", w.tmax(), row, method);
        return w.tmax();
    }

    double tmin() {
        Qc.required("tmin", w.tmin(), row, method);
        return w.tmin();
    }

    /** The measured mean, else (Tmax + Tmin)/2 (flagged); at least one route is required. */
    double tmean() {
        if (!Double.isNaN(w.tmean())) {
            return w.tmean();
        }
        if (Double.isNaN(w.tmax()) || Double.isNaN(w.tmin())) {
            throw missing("tmean");
        }
        flags |= EstimateFlag.TMEAN_FROM_EXTREMES.bit();
        return (w.tmax() + w.tmin()) / 2.0;
    }

    /** Mean saturation vapour pressure: FAO-56 eq. 12 from Tmax and Tmin, else e°(Tmean) (eq. 11). */
    double es() {
        if (!Double.isNaN(w.tmax()) && !Double.isNaN(w.tmin())) {
            return VapourPressure.meanSaturation(w.tmax(), w.tmin());
        }
        return VapourPressure.saturation(tmean());
    }

    /** Whether a measured humidity value (ea, Tdew or RH) is present. */
    boolean hasHumidity() {
        return !Double.isNaN(w.ea()) || !Double.isNaN(w.tdew()) || !Double.isNaN(w.rhMax())
                || !Double.isNaN(w.rhMean());
    }

    /**
     * Actual vapour pressure by FAO-56's order (ea, Tdew eq. 14, RHmax/RHmin eq. 17, RHmax eq. 18, RHmean
     * eq. 19; RHmean with only Tmean: RH e°(Tmean)); else, when {@code tminFallback}, eq. 48 from Tmin
     * (flagged), else {@link ErrorCode#MISSING_INPUT} for {@code rh_mean}.
     */
    double ea(boolean tminFallback) {
        boolean extremes = !Double.isNaN(w.tmax()) && !Double.isNaN(w.tmin());
        if (!Double.isNaN(w.ea())) {
            return w.ea();
        }
        if (!Double.isNaN(w.tdew())) {
            return VapourPressure.actualFromDewPoint(w.tdew());
        }
        if (extremes && !Double.isNaN(w.rhMax()) && !Double.isNaN(w.rhMin())) {
            return VapourPressure.actualFromRhMaxMin(w.tmin(), w.tmax(), w.rhMax(), w.rhMin());
        }
        if (extremes && !Double.isNaN(w.rhMax())) {
            return VapourPressure.actualFromRhMax(w.tmin(), w.rhMax());
        }
        if (!Double.isNaN(w.rhMean())) {
            return extremes ? VapourPressure.actualFromRhMean(w.tmin(), w.tmax(), w.rhMean())
                    : w.rhMean() / 100.0 * VapourPressure.saturation(tmean());
        }
        if (tminFallback && !Double.isNaN(w.tmin())) {
            flags |= EstimateFlag.EA_FROM_TMIN.bit();
            return VapourPressure.actualFromTmin(w.tmin(), 0.0);
        }
        throw missing("rh_mean");
    }

    /** Mean relative humidity: rh_mean, else (RHmax + RHmin)/2, else 100 ea/es from measured humidity. */
    double rhMean() {
        if (!Double.isNaN(w.rhMean())) {
            return w.rhMean();
        }
        if (!Double.isNaN(w.rhMax()) && !Double.isNaN(w.rhMin())) {
            return (w.rhMax() + w.rhMin()) / 2.0;
        }
        if (!Double.isNaN(w.ea()) || !Double.isNaN(w.tdew())) {
            return Math.min(100.0, 100.0 * ea(false) / es());
        }
        throw missing("rh_mean");
    }

    /**
     * Dew point: tdew, else from a measured humidity value by inverting FAO-56 eq. 11; bounded below by the
     * lowest accepted air temperature (−90 °C), which also covers ea = 0 (bone-dry air).
     */
    double tdew() {
        if (!Double.isNaN(w.tdew())) {
            return w.tdew();
        }
        if (!hasHumidity()) {
            throw missing("tdew");
        }
        double ea = ea(false);
        if (!(ea > 0.0)) {
            return Qc.MIN_AIR_TEMPERATURE;
        }
        double x = Math.log(ea / 0.6108);
        return Math.max(Qc.MIN_AIR_TEMPERATURE, 237.3 * x / (17.27 - x));
    }

    /** Solar radiation: measured, else from sunshine hours (FAO-56 eq. 35, flagged); else missing. */
    double rs() {
        if (!Double.isNaN(w.rs())) {
            return w.rs();
        }
        if (!Double.isNaN(w.sunshineHours())) {
            flags |= EstimateFlag.RS_FROM_SUNSHINE.bit();
            return Radiation.solarFromSunshine(Math.min(w.sunshineHours(), daylightHours), daylightHours, ra,
                    Radiation.ANGSTROM_AS, Radiation.ANGSTROM_BS);
        }
        throw missing("rs");
    }

    /** Sunshine duration n (h), required. */
    double sunshineHours() {
        Qc.required("sunshine_hours", w.sunshineHours(), row, method);
        return Math.min(w.sunshineHours(), daylightHours);
    }

    /** Wind at 2 m: u2, else uz converted by FAO-56 eq. 47 (flagged); required. */
    double u2() {
        if (!Double.isNaN(w.u2())) {
            return w.u2();
        }
        if (!Double.isNaN(w.windSpeed())) {
            if (station.windHeightMetres() != Wind.STANDARD_HEIGHT_METRES) {
                flags |= EstimateFlag.WIND_FROM_HEIGHT.bit();
            }
            return Wind.toTwoMetres(w.windSpeed(), station.windHeightMetres());
        }
        throw missing("u2");
    }

    /** Minimum relative humidity, required. */
    double rhMin() {
        Qc.required("rh_min", w.rhMin(), row, method);
        return w.rhMin();
    }

    /** Atmospheric pressure from elevation, FAO-56 eq. 7. */
    double pressure() {
        return AtmosphericParameters.pressureKilopascals(station.elevationMetres());
    }

    /**
     * Net radiation by FAO-56 eq. 37–40 (albedo 0.23, Rso from elevation, Rs/Rso ≤ 1, σ 4.903e-9, ea by
     * {@link #ea(boolean)} with the Tmin fallback); needs Tmax, Tmin and Rs.
     */
    double netRadiation() {
        double tmax = tmax();
        double tmin = tmin();
        double rs = rs();
        double ea = ea(true);
        double rso = Radiation.clearSky(station.elevationMetres(), ra);
        double ratio;
        if (rso > 0.0) {
            ratio = Math.min(1.0, rs / rso);
            if (ratio != rs / rso) {
                flags |= EstimateFlag.RS_RSO_BOUNDED.bit();
            }
        } else {
            ratio = Fao56.DEFAULT_ASSUMED_RS_RSO;
            flags |= EstimateFlag.POLAR_NIGHT.bit();
        }
        return Radiation.netRadiation(Radiation.netShortwave(rs, Radiation.ALBEDO_REFERENCE_GRASS),
                Radiation.netLongwave(tmax, tmin, ea, ratio));
    }

    EtoResult result(double eto) {
        return new EtoResult(eto, method, EstimateFlag.fromMask(flags), Optional.empty(),
                Optional.empty());
    }
}
