package org.eto4j.core;

/** Limits of the quality control; each documented on {@link Fao56} and checked in {@link Kernel}. */
final class Qc {
    /** Lowest air (or dew point) temperature accepted, −90 °C (the lowest ever measured is −89.2 °C). */
    static final double MIN_AIR_TEMPERATURE = -90.0;
    /** Highest air temperature accepted, 60 °C (the highest reliably measured is 56.7 °C). */
    static final double MAX_AIR_TEMPERATURE = 60.0;
    /** How far the dew point may exceed the air temperature (sensor tolerance), 1 °C. */
    static final double DEW_POINT_TOLERANCE = 1.0;
    /** Highest actual vapour pressure accepted, 10 kPa (e° at about 46 °C). */
    static final double MAX_VAPOUR_PRESSURE = 10.0;
    /** Highest wind speed accepted, 75 m/s (beyond any recorded mean). */
    static final double MAX_WIND_SPEED = 75.0;
    /** Highest daily solar radiation accepted before the Ra check, 50 MJ m⁻² d⁻¹ (Ra never exceeds 49). */
    static final double MAX_DAILY_SOLAR = 50.0;
    /** Highest hourly solar radiation accepted, 5.3 MJ m⁻² h⁻¹ (the solar constant over an hour, dr 1.034, +3 %). */
    static final double MAX_HOURLY_SOLAR = 5.3;
    /** Rs may exceed Ra by this factor (sensor calibration) ... */
    static final double RS_OVER_RA_FACTOR = 1.05;
    /** ... plus this allowance (MJ m⁻² d⁻¹), so that sensor noise at polar night (Ra = 0) is accepted. */
    static final double RS_OVER_RA_DAILY_ALLOWANCE = 0.5;
    /** Sunshine hours may exceed N by this much (recorder resolution); n/N is then taken as 1. */
    static final double SUNSHINE_TOLERANCE_HOURS = 0.5;

    private Qc() {
    }

    static void required(String field, double v, int row, String method) {
        if (Double.isNaN(v)) {
            throw new EtoException(ErrorCode.MISSING_INPUT, field, row, field, method);
        }
    }

    /** Absent (NaN) passes; infinite and out-of-range values throw. */
    static void range(String field, double v, double min, double max, int row) {
        if (Double.isInfinite(v)) {
            throw new EtoException(ErrorCode.VALUE_NOT_FINITE, field, row, field);
        }
        if (v < min || v > max) {
            throw new EtoException(ErrorCode.VALUE_OUT_OF_RANGE, field, row, field, v, min, max);
        }
    }
}
