package org.eto4j.sources;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.Station;

/**
 * Daily ETo for a point and a period, with the weather it was computed from.
 *
 * @param weather   the quality-controlled, flagged daily weather
 * @param station   the station given to eto-core (requested point, resolved elevation, wind at 2 m)
 * @param elevation the elevation used and where it came from
 * @param days      one result per day of {@code weather}, in order
 */
public record PointEtoSeries(DailySeries weather, Station station, Elevation elevation, List<EtoDay> days) {
    /** The input variables whose flags {@link #flagTokens} reports. */
    static final Variable[] INPUTS = {Variable.TMAX, Variable.TMIN, Variable.RH_MAX, Variable.RH_MIN,
        Variable.RH_MEAN, Variable.TDEW, Variable.WIND_SPEED_2M, Variable.SOLAR_RADIATION};

    /** Copies the list. */
    public PointEtoSeries {
        Objects.requireNonNull(weather, "weather");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(elevation, "elevation");
        days = List.copyOf(days);
    }

    /**
     * Every flag of one day as stable tokens, for a CSV {@code flags} column: eto-core's estimate tokens
     * (e.g. {@code rs_from_temperature_range}) followed by input flags as {@code column:flag}
     * (e.g. {@code rs:filled_linear}, {@code u2:wind_from_10m}). Missing inputs that eto-core replaced are
     * reported by its estimate token, not repeated.
     *
     * @param day zero-based day index
     * @return the tokens, possibly empty
     */
    public List<String> flagTokens(int day) {
        List<String> tokens = new ArrayList<>();
        for (EstimateFlag f : days.get(day).result().flags()) {
            tokens.add(f.token());
        }
        for (Variable v : INPUTS) {
            if (!weather.variables().contains(v)) {
                continue;
            }
            for (ValueFlag f : weather.flags(day, v)) {
                if (f != ValueFlag.MISSING && f != ValueFlag.AGGREGATED_FROM_HOURLY) {
                    tokens.add(v.column() + ":" + f.token());
                }
            }
        }
        return tokens;
    }

    /** Totals over the period. */
    public EtoSummary summary() {
        int computed = 0;
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        double diffSum = 0;
        int diffDays = 0;
        Map<EstimateFlag, Integer> estimates = new EnumMap<>(EstimateFlag.class);
        for (EtoDay d : days) {
            OptionalDouble eto = d.etoMillimetres();
            d.result().flags().forEach(f -> estimates.merge(f, 1, Integer::sum));
            if (eto.isEmpty()) {
                continue;
            }
            computed++;
            total += eto.getAsDouble();
            max = Math.max(max, eto.getAsDouble());
            if (d.sourceEto().isPresent()) {
                diffSum += eto.getAsDouble() - d.sourceEto().getAsDouble();
                diffDays++;
            }
        }
        Map<ValueFlag, Integer> inputs = new EnumMap<>(ValueFlag.class);
        for (Variable v : weather.variables()) {
            for (ValueFlag f : ValueFlag.values()) {
                int n = weather.count(v, f);
                if (n > 0) {
                    inputs.merge(f, n, Integer::sum);
                }
            }
        }
        return new EtoSummary(days.size(), computed, total,
                computed == 0 ? OptionalDouble.empty() : OptionalDouble.of(total / computed),
                computed == 0 ? OptionalDouble.empty() : OptionalDouble.of(max), estimates, inputs,
                diffDays == 0 ? OptionalDouble.empty() : OptionalDouble.of(diffSum / diffDays));
    }
}
