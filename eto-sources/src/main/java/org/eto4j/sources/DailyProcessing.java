package org.eto4j.sources;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns a source's raw daily columns into eto-core-ready ones: quality control against physical limits and
 * Ra, wind-height conversion, gap filling up to a limit, and a {@link ValueFlag#MISSING} flag on every hole
 * left. Every change is flagged on the day and variable it touched.
 */
final class DailyProcessing {
    /**
     * Air and dew-point temperature limits, °C: the lowest and highest ever recorded near the surface (−89.2, 56.7)
     * with margin.
     */
    static final double MIN_TEMPERATURE = -90, MAX_TEMPERATURE = 60;
    /**
     * Relative humidity above 100 % by at most this much is rounding in the source's model output: clamp, don't reject.
     */
    static final double RH_CLAMP_TOLERANCE = 3;
    /** Daily mean wind above this (m/s) is not a daily mean anywhere outside a tropical cyclone's eyewall. */
    static final double MAX_WIND = 60;
    /** Daily precipitation above this (mm) exceeds the world one-day record (1825 mm, Réunion 1966). */
    static final double MAX_PRECIPITATION = 2000;
    /**
     * Rs above {@code 1.05 Ra + 0.5} MJ m⁻² is rejected: the tolerance eto-core's own check applies (day
     * boundaries in civil rather than solar time and rounding shift Rs slightly), so a value passed here is
     * never rejected there.
     */
    static final double RS_OVER_RA_FACTOR = 1.05, RS_OVER_RA_ALLOWANCE = 0.5;
    /** Reference ET above this (mm/day) is not physically reachable. */
    static final double MAX_ETO = 30;

    /** Variables never filled by interpolation: rain is intermittent, and the source's ETo is reference only. */
    private static final Set<Variable> NEVER_FILLED = EnumSet.of(Variable.PRECIPITATION, Variable.SOURCE_ETO);

    private final int maxGapDays;
    private final ScienceBridge science;

    DailyProcessing(int maxGapDays, ScienceBridge science) {
        this.maxGapDays = maxGapDays;
        this.science = science;
    }

    void apply(DailyTable t, GeoPoint point) {
        qualityControl(t, point);
        convertWind(t);
        fillGaps(t);
        markMissing(t);
    }

    private void qualityControl(DailyTable t, GeoPoint point) {
        for (int d = 0; d < t.size; d++) {
            for (Variable v : t.values.keySet()) {
                double x = t.get(d, v);
                if (Double.isNaN(x)) {
                    continue;
                }
                switch (v) {
                    case TMAX, TMIN, TMEAN, TDEW -> range(t, d, v, x, MIN_TEMPERATURE, MAX_TEMPERATURE);
                    case RH_MAX, RH_MIN, RH_MEAN -> {
                        if (x > 100 && x <= 100 + RH_CLAMP_TOLERANCE) {
                            t.set(d, v, 100);
                            t.flag(d, v, ValueFlag.CLAMPED_TO_LIMIT);
                        } else {
                            range(t, d, v, x, 0, 100);
                        }
                    }
                    case WIND_SPEED_2M, WIND_SPEED_10M -> range(t, d, v, x, 0, MAX_WIND);
                    case PRECIPITATION -> range(t, d, v, x, 0, MAX_PRECIPITATION);
                    case SOURCE_ETO -> range(t, d, v, x, 0, MAX_ETO);
                    case SOLAR_RADIATION -> {
                        if (range(t, d, v, x, 0, Double.MAX_VALUE)) {
                            LocalDate date = t.start.plusDays(d);
                            double ra = science.extraterrestrialRadiation(point.latitudeDegrees(), date.getDayOfYear());
                            if (x > RS_OVER_RA_FACTOR * ra + RS_OVER_RA_ALLOWANCE) {
                                reject(t, d, v, ValueFlag.REJECTED_RS_ABOVE_RA);
                            }
                        }
                    }
                    default -> { }
                }
            }
            double tmax = t.get(d, Variable.TMAX);
            double tmin = t.get(d, Variable.TMIN);
            if (tmin > tmax) {
                reject(t, d, Variable.TMAX, ValueFlag.REJECTED_TMIN_ABOVE_TMAX);
                reject(t, d, Variable.TMIN, ValueFlag.REJECTED_TMIN_ABOVE_TMAX);
            }
        }
    }

    private static boolean range(DailyTable t, int d, Variable v, double x, double min, double max) {
        if (x < min || x > max) {
            reject(t, d, v, ValueFlag.REJECTED_OUT_OF_RANGE);
            return false;
        }
        return true;
    }

    private static void reject(DailyTable t, int d, Variable v, ValueFlag why) {
        t.set(d, v, Double.NaN);
        t.flag(d, v, why);
    }

    private void convertWind(DailyTable t) {
        double[] u10 = t.values.get(Variable.WIND_SPEED_10M);
        if (u10 == null) {
            return;
        }
        double[] u2 = t.provide(Variable.WIND_SPEED_2M);
        for (int d = 0; d < t.size; d++) {
            if (Double.isNaN(u2[d]) && !Double.isNaN(u10[d])) {
                u2[d] = science.windAt2Metres(u10[d], 10.0);
                t.flag(d, Variable.WIND_SPEED_2M, ValueFlag.WIND_FROM_10M);
                if (t.hasFlag(d, Variable.WIND_SPEED_10M, ValueFlag.AGGREGATED_FROM_HOURLY)) {
                    t.flag(d, Variable.WIND_SPEED_2M, ValueFlag.AGGREGATED_FROM_HOURLY);
                }
            }
        }
    }

    private void fillGaps(DailyTable t) {
        if (maxGapDays == 0) {
            return;
        }
        t.values.forEach((v, col) -> {
            if (NEVER_FILLED.contains(v)) {
                return;
            }
            int d = 0;
            while (d < t.size) {
                if (!Double.isNaN(col[d])) {
                    d++;
                    continue;
                }
                int gapStart = d;
                while (d < t.size && Double.isNaN(col[d])) {
                    d++;
                }
                int gapLength = d - gapStart;
                // Only interior gaps: extrapolating past either end of the series would be a guess, not a fill.
                if (gapStart > 0 && d < t.size && gapLength <= maxGapDays) {
                    double before = col[gapStart - 1];
                    double after = col[d];
                    for (int k = gapStart; k < d; k++) {
                        double f = (double) (k - gapStart + 1) / (gapLength + 1);
                        col[k] = before + f * (after - before);
                        t.flag(k, v, ValueFlag.FILLED_LINEAR);
                    }
                }
            }
        });
    }

    private static void markMissing(DailyTable t) {
        t.values.forEach((v, col) -> {
            int[] flags = t.flags.get(v);
            for (int d = 0; d < t.size; d++) {
                int bit = 1 << ValueFlag.MISSING.ordinal();
                if (Double.isNaN(col[d])) {
                    t.flag(d, v, ValueFlag.MISSING);
                } else if (flags != null && (flags[d] & bit) != 0) {
                    // Present now (filled): MISSING stays only on values that are still absent.
                    flags[d] &= ~bit;
                }
            }
        });
    }
}
