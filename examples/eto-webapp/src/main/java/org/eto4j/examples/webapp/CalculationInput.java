package org.eto4j.examples.webapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;
import org.eto4j.sources.TmeanRule;

/**
 * A calculation as submitted: the station, the method and step, and the rows as text cells in the order
 * of {@code header}. Cells are parsed in the task's {@code validate} stage, so that a long file is accepted
 * at once and its checking shows as progress.
 *
 * <p>It travels to the task as the JSON-able parameters of the task type {@link ApiServlet#TASK_TYPE}
 * ({@link #toParameters()}, {@link #fromParameters(Object)}), so that a durable store keeps it and whichever
 * node claims the task can run it.
 *
 * @param name    the station's name as the user typed it, or empty (shown only as text, never as HTML)
 * @param station the station
 * @param method  the method id, {@code fao56}
 * @param step    the time step, {@code daily} or {@code monthly}
 * @param header  the column names as submitted (resolved by {@link WeatherTable})
 * @param rows    the data rows' cells
 * @param tmean   the daily mean temperature rule, the same option and default as the CLI's and eto-sources'
 */
record CalculationInput(String name, Station station, String method, String step, List<String> header,
                        List<List<String>> rows, TmeanRule tmean) {
    CalculationInput {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The resolved header (it was checked when the input was read). */
    WeatherTable columns() {
        return InputParser.columns(header, step.equals("monthly"));
    }

    /** The station with the wind height the {@code WS10M} alias implies. */
    Station site() {
        return columns().site(station);
    }

    /** The task parameters: strings, numbers (longitude {@code null} when absent) and lists only. */
    Map<String, Object> toParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("latitude", station.latitudeDegrees());
        p.put("longitude", station.hasLongitude() ? station.longitudeDegrees() : null);
        p.put("elevation", station.elevationMetres());
        p.put("windHeight", station.windHeightMetres());
        p.put("method", method);
        p.put("step", step);
        p.put("header", header);
        p.put("rows", rows);
        p.put("tmean", tmean.token());
        return p;
    }

    /**
     * The input from task parameters, as {@link #toParameters()} made them or as a store read them back.
     *
     * @param parameters the parameters
     * @return the input
     */
    static CalculationInput fromParameters(Object parameters) {
        Map<?, ?> p = (Map<?, ?>) parameters;
        Object longitude = p.get("longitude");
        Station station = new Station(number(p.get("latitude")),
                longitude == null ? Double.NaN : number(longitude), number(p.get("elevation")),
                number(p.get("windHeight")));
        List<String> header = new ArrayList<>();
        for (Object h : (List<?>) p.get("header")) {
            header.add((String) h);
        }
        List<?> rawRows = (List<?>) p.get("rows");
        List<List<String>> rows = new ArrayList<>(rawRows.size());
        for (Object r : rawRows) {
            List<String> cells = new ArrayList<>(header.size());
            for (Object c : (List<?>) r) {
                cells.add((String) c);
            }
            rows.add(cells);
        }
        // Tasks stored before the option existed have none: they get the default.
        TmeanRule tmean = p.get("tmean") instanceof String t ? TmeanRule.fromToken(t).orElse(TmeanRule.DEFAULT)
                : TmeanRule.DEFAULT;
        return new CalculationInput((String) p.get("name"), station, (String) p.get("method"), (String) p.get("step"),
                header, rows, tmean);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
