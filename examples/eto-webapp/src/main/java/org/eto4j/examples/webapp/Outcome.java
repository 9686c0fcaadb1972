package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.eto4j.core.Station;

/**
 * What a finished calculation produced, kept by the task store as the task's result
 * ({@link org.eto4j.progress.TaskResult#of}): the summary, the station and the rows, and for a "by location"
 * calculation the weather source and its attribution. A plain record of strings, numbers and lists, so that a
 * durable store writes it as JSON and any node reads it back ({@link #from(Object, ObjectMapper)}).
 *
 * <p>The summary components come first and at the top level, so the task's snapshot (status URL and
 * WebSocket) keeps its {@code result.days}, {@code result.total} … fields.
 *
 * @param periods     number of rows (days or months)
 * @param days        number of days covered
 * @param total       ETo over all the days (mm)
 * @param mean        mean ETo per day (mm/day)
 * @param max         largest ETo of a row (mm/day)
 * @param min         smallest ETo of a row (mm/day)
 * @param from        first period (ISO 8601)
 * @param to          last period (ISO 8601)
 * @param name        the station's name as typed, or empty
 * @param station     the station (with the wind height used)
 * @param method      the method id
 * @param step        {@code daily} or {@code monthly}
 * @param source      the weather source's token for a "by location" calculation ({@code fused} for the
 *                    calibrated combination of two sources), else {@code null}
 * @param attribution the weather source's attribution (every source's, for a fused estimate), to be shown with
 *                    its data, else {@code null}
 * @param rows        one row per computed period, in input order (kept as {@link ResultRows})
 */
record Outcome(int periods, int days, double total, double mean, double max, double min, String from, String to,
               String name, Place station, String method, String step, String source, String attribution,
               List<Row> rows) {

    /** Keeps the rows as columns ({@link ResultRows}: about 20 bytes a row where row records took 112). */
    Outcome {
        rows = ResultRows.of(rows);
    }

    /** The rows as columns, for writers that read them without a row record per row. */
    ResultRows table() {
        return (ResultRows) rows;
    }

    /**
     * A new outcome.
     *
     * @param name    the station's name, or empty
     * @param station the station
     * @param method  the method id
     * @param step    the step
     * @param rows    the rows
     * @param summary the aggregates
     * @return the outcome, without a weather source
     */
    static Outcome of(String name, Station station, String method, String step, List<Row> rows, Summary summary) {
        return new Outcome(summary.periods(), summary.days(), summary.total(), summary.mean(), summary.max(),
                summary.min(), summary.from(), summary.to(), name, Place.of(station), method, step, null, null, rows);
    }

    /**
     * This outcome with the weather source it came from.
     *
     * @param sourceToken the source's token, e.g. {@code nasa-power}
     * @param credit      the source's attribution
     * @return the copy
     */
    Outcome withSource(String sourceToken, String credit) {
        return new Outcome(periods, days, total, mean, max, min, from, to, name, station, method, step, sourceToken,
                credit, rows);
    }

    /** The aggregates. */
    Summary summary() {
        return new Summary(periods, days, total, mean, max, min, from, to);
    }

    /**
     * The outcome from a task's result value: the record itself (in-memory store) or the maps and lists a
     * durable store read back from JSON.
     *
     * @param value  the task's result value
     * @param mapper converts the maps
     * @return the outcome
     * @throws IllegalArgumentException when the value is not an outcome
     */
    static Outcome from(Object value, ObjectMapper mapper) {
        if (value instanceof Outcome o) {
            return o;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a calculation result: "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        return mapper.convertValue(value, Outcome.class);
    }

    /**
     * The station as plain numbers; {@code longitude} is {@code null} when it was not given (JSON has no NaN).
     *
     * @param latitude   latitude (degrees)
     * @param longitude  longitude (degrees east), or {@code null}
     * @param elevation  elevation (metres)
     * @param windHeight wind measurement height (metres)
     */
    record Place(double latitude, Double longitude, double elevation, double windHeight) {
        static Place of(Station s) {
            return new Place(s.latitudeDegrees(), s.hasLongitude() ? s.longitudeDegrees() : null, s.elevationMetres(),
                    s.windHeightMetres());
        }
    }

    /**
     * One computed period (a day, or a month).
     *
     * @param period the period in ISO 8601: {@code 2016-01-31} or {@code 2016-01}
     * @param days   the days it covers (1, or the month's length)
     * @param eto    ETo (mm/day; for a month, the mean of its days), full precision
     * @param flags  the estimate flags' bit mask ({@link org.eto4j.core.EstimateFlag#fromMask})
     * @param etoP05 for a fused estimate, the 5 % quantile of the day's ETo (mm/day); else {@code null}
     * @param etoP95 for a fused estimate, the 95 % quantile of the day's ETo (mm/day); else {@code null}
     * @param fusion for a fused estimate, eto-fusion's flags' bit mask
     *               ({@link org.eto4j.fusion.FusionFlag#fromMask}); else {@code null}
     */
    record Row(String period, int days, double eto, long flags, Double etoP05, Double etoP95, Integer fusion) {
        /**
         * A row of a single-source or uploaded calculation (no interval).
         *
         * @param period the period
         * @param days   the days it covers
         * @param eto    ETo (mm/day)
         * @param flags  the estimate flags' bit mask
         */
        Row(String period, int days, double eto, long flags) {
            this(period, days, eto, flags, null, null, null);
        }

        /** Whether the row carries a fused estimate's interval. */
        boolean hasInterval() {
            return etoP05 != null && etoP95 != null;
        }
    }

    /**
     * Aggregates over the computed periods.
     *
     * @param periods number of rows (days or months)
     * @param days    number of days covered
     * @param total   ETo over all the days (mm)
     * @param mean    mean ETo per day (mm/day)
     * @param max     largest ETo of a row (mm/day)
     * @param min     smallest ETo of a row (mm/day)
     * @param from    first period (ISO 8601)
     * @param to      last period (ISO 8601)
     */
    record Summary(int periods, int days, double total, double mean, double max, double min, String from, String to) {
    }
}
