package org.eto4j.core;

/**
 * The quality control of one row, shared by every calculator ({@link Fao56}'s {@link Kernel}, {@link AsceEwri},
 * the alternative methods through {@link DailyInputs}, {@link Thornthwaite}), so that a value rejected by one
 * method is rejected by all with the same {@link ErrorCode}, field and row. Absent values (NaN) pass; which
 * inputs are required is each method's business.
 */
final class WeatherChecks {
    private WeatherChecks() {
    }

    /** The checks of {@link Fao56}'s daily and monthly steps, for the values that are present. */
    static void daily(int row, double ra, double daylight, double tmax, double tmin, double tmean, double rhMax,
                      double rhMin, double rhMean, double tdew, double ea, double uz, double u2, double rs,
                      double n) {
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
        double warmest = Double.isNaN(tmax) ? tmean : tmax;
        if (tdew > warmest + Qc.DEW_POINT_TOLERANCE) {
            throw new EtoException(ErrorCode.TDEW_ABOVE_TEMPERATURE, "tdew", row, tdew, warmest);
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
    }

    /** The checks of {@link Fao56}'s hourly step, including its required inputs (T, Rs, one humidity value). */
    static void hourly(int row, String method, double temp, double rh, double tdew, double ea, double uz,
                       double u2, double rs) {
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
    }
}
