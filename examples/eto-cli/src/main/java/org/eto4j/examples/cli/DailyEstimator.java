package org.eto4j.examples.cli;

import org.eto4j.core.AsceEwri;
import org.eto4j.core.DailyMethod;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoResult;
import org.eto4j.core.MethodChooser;
import org.eto4j.core.Station;

/**
 * A daily method other than the FAO-56 batch path, computed row by row: ASCE-EWRI, one of eto-core's
 * {@link DailyMethod}s, or the automatic choice. Implementations throw eto-core's typed errors (strict).
 */
@FunctionalInterface
interface DailyEstimator {

    /** One day's result: ET (mm/day), flags, and the method actually used. */
    record Estimate(double eto, long flags, String method) {
    }

    Estimate estimate(Station station, DailyWeather day);

    static DailyEstimator of(AsceEwri asce) {
        return (s, w) -> from(asce.daily(s, w), asce.crop().methodId());
    }

    static DailyEstimator of(DailyMethod method) {
        return (s, w) -> from(method.daily(s, w), method.id());
    }

    static DailyEstimator of(MethodChooser chooser) {
        return (s, w) -> {
            MethodChooser.Chosen c = chooser.daily(s, w);
            return from(c.result(), c.choice().method());
        };
    }

    private static Estimate from(EtoResult r, String method) {
        if (r.error().isPresent()) {
            throw r.error().get();
        }
        return new Estimate(r.eto(), EstimateFlag.toMask(r.flags()), method);
    }
}
