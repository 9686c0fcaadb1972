package org.eto4j.examples.webapp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.Station;

/**
 * Maps the JSON-able result of eto-sources' {@link org.eto4j.sources.EtoTask} (one source) to the rows and
 * summary an uploaded calculation has, so the page and the CSV export render both alike. Days without an ETo
 * (inputs missing even after filling) are left out of the rows and the aggregates; the source's per-value
 * flags ({@code rs:filled_linear}) are not carried, only eto-core's estimate flags.
 */
final class LocationResult {
    private LocationResult() {
    }

    static Outcome computed(Object taskResult) {
        Map<?, ?> all = (Map<?, ?>) taskResult;
        Map<?, ?> one = (Map<?, ?>) ((List<?>) all.get("sources")).get(0);
        double latitude = ((Number) all.get("latitude")).doubleValue();
        double longitude = ((Number) all.get("longitude")).doubleValue();
        double elevation = ((Number) one.get("elevationMetres")).doubleValue();
        Station station = Station.of(latitude, longitude, elevation);
        List<Outcome.Row> rows = new ArrayList<>();
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (Object o : (List<?>) one.get("rows")) {
            Map<?, ?> row = (Map<?, ?>) o;
            if (!(row.get("eto") instanceof Number eto)) {
                continue;
            }
            double v = eto.doubleValue();
            rows.add(new Outcome.Row(LocalDate.parse((String) row.get("date")).toString(), 1, v,
                    mask(String.valueOf(row.get("flags")))));
            total += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        int n = rows.size();
        Outcome.Summary summary = new Outcome.Summary(n, n, total, n == 0 ? 0 : total / n, n == 0 ? 0 : max,
                n == 0 ? 0 : min, n == 0 ? (String) all.get("start") : rows.get(0).period(),
                n == 0 ? (String) all.get("end") : rows.get(n - 1).period());
        return Outcome.of("", station, "fao56", "daily", rows, summary);
    }

    private static long mask(String tokens) {
        long mask = 0;
        for (String token : tokens.split("\\|")) {
            for (EstimateFlag f : EstimateFlag.values()) {
                if (f.token().equals(token)) {
                    mask |= f.bit();
                }
            }
        }
        return mask;
    }
}
