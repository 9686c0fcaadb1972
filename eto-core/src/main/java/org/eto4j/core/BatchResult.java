package org.eto4j.core;

import java.util.List;

/**
 * The outcome of a batch computation; the ETo values and flags are in the caller's arrays.
 *
 * @param rows        number of rows computed
 * @param invalidRows number of rows marked {@link EstimateFlag#INVALID_ROW} (lenient mode; 0 in strict mode)
 * @param errors      one error per invalid row, in row order, row indices as reported by the columns
 */
public record BatchResult(int rows, int invalidRows, List<EtoException> errors) {

    /** Copies the error list. */
    public BatchResult {
        errors = List.copyOf(errors);
    }
}
