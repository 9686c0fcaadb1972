package org.eto4j.progress.eto;

import java.util.List;
import org.eto4j.errors.Errors;

/**
 * What an {@link EtoCalculationTask} produces: one row per input record, in input order, and a summary. A
 * JSON-able value (records, lists, strings and numbers).
 *
 * @param step    {@code daily} or {@code monthly}
 * @param rows    one row per input record, in input order
 * @param summary the aggregates over the valid rows
 * @param errors  one error per invalid record, in row order (lenient validation only; empty in strict mode)
 */
public record EtoCalculationResult(String step, List<Row> rows, Summary summary, List<RowError> errors) {
    /**
     * Copies the lists; rows made by {@link EtoCalculationTask} are already a read-only list of primitive columns
     * (24 bytes a record, each {@link Row} made when read) and are kept as they are.
     */
    public EtoCalculationResult {
        rows = rows instanceof RowColumns ? rows : List.copyOf(rows);
        errors = List.copyOf(errors);
    }

    /**
     * The error of one invalid record, as stable data (render it with eto-i18n).
     *
     * @param row        the zero-based row index
     * @param code       the stable eto-core code, e.g. {@code ETO-1003}
     * @param messageKey the i18n message key
     * @param field      the column the error concerns, or {@code null}
     * @param args       the message arguments (JSON scalars)
     */
    public record RowError(int row, String code, String messageKey, String field, List<Object> args) {
        /** Copies the arguments ({@link Errors#arguments(java.util.Collection)}: null elements kept). */
        public RowError {
            args = Errors.arguments(args);
        }
    }

    /**
     * One record's result.
     *
     * @param period   the record's date ({@code YYYY-MM-DD}) or month ({@code YYYY-MM}), ISO 8601
     * @param days     the days the record covers: 1 for a day, the month's length for a month
     * @param etoMm    ETo (mm d⁻¹; for a month, the month's mean daily value); NaN for an invalid record
     * @param flagMask the estimate flags as a bit mask ({@link org.eto4j.core.EstimateFlag#fromMask(long)})
     */
    public record Row(String period, int days, double etoMm, long flagMask) {
    }

    /**
     * The aggregates over the valid rows (NaN and {@code null} periods when there is none).
     *
     * @param periods the number of valid rows
     * @param days    the days they cover
     * @param totalMm the ETo over those days (mm): the sum of each row's ETo times its days
     * @param meanMm  the mean daily ETo (mm d⁻¹): {@code totalMm / days}
     * @param maxMm   the largest row ETo (mm d⁻¹)
     * @param minMm   the smallest row ETo (mm d⁻¹)
     * @param from    the first valid row's period
     * @param to      the last valid row's period
     */
    public record Summary(int periods, int days, double totalMm, double meanMm, double maxMm, double minMm, String from,
                          String to) {
    }
}
