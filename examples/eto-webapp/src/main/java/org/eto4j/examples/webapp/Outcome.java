package org.eto4j.examples.webapp;

import java.time.LocalDate;
import java.util.List;

import org.eto4j.core.EtoException;
import org.eto4j.core.Station;

/** What a calculation task left for the result endpoint: the computed rows, or the input error that stopped it. */
sealed interface Outcome {

    /**
     * A finished calculation.
     *
     * @param name    the station's name as typed, or empty
     * @param station the station (with the wind height used)
     * @param method  the method id
     * @param step    the step
     * @param rows    one row per input record, in input order
     * @param summary the aggregates
     */
    record Computed(String name, Station station, String method, String step, List<Row> rows, Summary summary)
            implements Outcome {
        public Computed {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The input error found by the validate or quality-control stage, with its field and row.
     *
     * @param error the error
     */
    record Invalid(EtoException error) implements Outcome {
    }

    /**
     * One computed day.
     *
     * @param date  the day
     * @param eto   ETo (mm/day), full precision
     * @param flags the estimate flags' bit mask ({@link org.eto4j.core.EstimateFlag#fromMask})
     */
    record Row(LocalDate date, double eto, long flags) {
    }

    /**
     * Aggregates over the computed days.
     *
     * @param days  number of days
     * @param total sum of ETo (mm)
     * @param mean  mean ETo (mm/day)
     * @param max   largest daily ETo (mm/day)
     * @param min   smallest daily ETo (mm/day)
     * @param from  first day
     * @param to    last day
     */
    record Summary(int days, double total, double mean, double max, double min, LocalDate from, LocalDate to) {
    }
}
