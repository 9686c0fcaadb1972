package org.eto4j.examples.webapp;

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
     * A finished "by location" calculation: the computed rows and the weather source they came from, whose
     * attribution must be shown with them.
     *
     * @param computed the rows and summary, in the shape of an uploaded calculation's
     * @param source   the weather source
     */
    record Located(Computed computed, org.eto4j.sources.SourceId source) implements Outcome {
    }

    /**
     * The input error found by the validate or quality-control stage, with its field and row.
     *
     * @param error the error
     */
    record Invalid(EtoException error) implements Outcome {
    }

    /**
     * One computed period (a day, or a month).
     *
     * @param period the period in ISO 8601: {@code 2016-01-31} or {@code 2016-01}
     * @param days   the days it covers (1, or the month's length)
     * @param eto    ETo (mm/day; for a month, the mean of its days), full precision
     * @param flags  the estimate flags' bit mask ({@link org.eto4j.core.EstimateFlag#fromMask})
     */
    record Row(String period, int days, double eto, long flags) {
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
