package org.eto4j.progress.eto;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Station;

/**
 * One station's daily series as primitive columns. The arrays are held by reference, not copied: do not
 * change them while a task reads them.
 *
 * @param stationId an identifier echoed in the result (e.g. a WMO or INMET code)
 * @param station   the station's position and wind height
 * @param dayOfYear the day of the year (1–366) of each row; its length is the number of rows
 * @param columns   the input columns, each at least as long as {@code dayOfYear}; {@link DailyColumn#TMAX}
 *                  and {@link DailyColumn#TMIN} are required
 */
public record StationSeries(String stationId, Station station, int[] dayOfYear, Map<DailyColumn, double[]> columns) {
    /**
     * Validates the shape of the series (values are validated by eto-core while computing).
     *
     * @throws EtoException {@link ErrorCode#MISSING_COLUMN} without tmax or tmin, {@link ErrorCode#LENGTH_MISMATCH}
     *                      when a column is shorter than {@code dayOfYear}
     */
    public StationSeries {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(dayOfYear, "dayOfYear");
        Objects.requireNonNull(columns, "columns");
        EnumMap<DailyColumn, double[]> copy = new EnumMap<>(DailyColumn.class);
        copy.putAll(columns);
        for (DailyColumn required : new DailyColumn[] {DailyColumn.TMAX, DailyColumn.TMIN}) {
            if (copy.get(required) == null) {
                throw new EtoException(ErrorCode.MISSING_COLUMN, required.fieldName(), -1, required.fieldName());
            }
        }
        for (Map.Entry<DailyColumn, double[]> e : copy.entrySet()) {
            if (e.getValue() == null) {
                throw new EtoException(ErrorCode.MISSING_COLUMN, e.getKey().fieldName(), -1, e.getKey().fieldName());
            }
            if (e.getValue().length < dayOfYear.length) {
                String field = e.getKey().fieldName();
                throw new EtoException(ErrorCode.LENGTH_MISMATCH, field, -1, field, e.getValue().length,
                        dayOfYear.length);
            }
        }
        columns = Collections.unmodifiableMap(copy);
    }

    /** The number of rows. */
    public int rows() {
        return dayOfYear.length;
    }
}
