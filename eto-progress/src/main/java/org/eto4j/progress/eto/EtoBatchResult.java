package org.eto4j.progress.eto;

import java.util.List;
import org.eto4j.errors.Errors;

/**
 * What an {@link EtoBatchTask} produces: per station the daily ETo, the estimate flags and the invalid rows.
 * A JSON-able value (records, arrays, lists, strings and numbers; ETo of an invalid row is NaN).
 *
 * @param stations    one result per input station, in input order
 * @param rows        the rows computed over all stations
 * @param invalidRows the rows that could not be computed (lenient validation only)
 */
public record EtoBatchResult(List<StationResult> stations, long rows, long invalidRows) {
    /** Copies the list. */
    public EtoBatchResult {
        stations = List.copyOf(stations);
    }

    /**
     * One station's result.
     *
     * @param stationId   the station's identifier
     * @param etoMm       daily ETo (mm d⁻¹) per row; NaN for an invalid row
     * @param flagMasks   per row the estimate flags as a bit mask ({@link org.eto4j.core.EstimateFlag#fromMask(long)})
     * @param invalidRows the number of invalid rows
     * @param errors      one error per invalid row, in row order
     * @param totalEtoMm  the sum of ETo over the valid rows (mm)
     * @param meanEtoMm   the mean daily ETo over the valid rows (mm d⁻¹), NaN when there is none
     */
    public record StationResult(String stationId, double[] etoMm, long[] flagMasks, int invalidRows,
                                List<RowError> errors, double totalEtoMm, double meanEtoMm) {
        /** Copies the error list. */
        public StationResult {
            errors = List.copyOf(errors);
        }
    }

    /**
     * The error of one invalid row, as stable data (render it with eto-i18n).
     *
     * @param row        the zero-based row index in the station's series
     * @param code       the stable eto-core code, e.g. {@code ETO-1003}
     * @param messageKey the i18n message key
     * @param field      the column the error concerns, or {@code null}
     * @param args       the message arguments
     */
    public record RowError(int row, String code, String messageKey, String field, List<Object> args) {
        /** Copies the arguments ({@link Errors#arguments(java.util.Collection)}: null elements kept). */
        public RowError {
            args = Errors.arguments(args);
        }
    }
}
