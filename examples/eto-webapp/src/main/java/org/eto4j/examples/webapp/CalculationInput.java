package org.eto4j.examples.webapp;

import java.util.List;

import org.eto4j.core.Station;
import org.eto4j.core.WeatherTable;

/**
 * A calculation as submitted: the station, the method and step, and the rows as text cells in the order
 * of {@code header}. Cells are parsed in the task's {@code validate} stage, so that a long file is accepted
 * at once and its checking shows as progress.
 *
 * @param name    the station's name as the user typed it, or empty (shown only as text, never as HTML)
 * @param station the station
 * @param method  the method id, {@code fao56}
 * @param step    the time step, {@code daily}
 * @param columns the resolved header
 * @param rows    the data rows' cells
 */
record CalculationInput(String name, Station station, String method, String step, WeatherTable columns,
                        List<List<String>> rows) {
    CalculationInput {
        rows = List.copyOf(rows);
    }

    /** The station with the wind height the {@code WS10M} alias implies. */
    Station site() {
        return columns.site(station);
    }
}
