package org.eto4j.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sin;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A synthetic table of grid-cell-days with NASA POWER's daily column names and units (community AG): {@code
 * cell_id}, {@code LAT}, {@code LON}, {@code ELEV} (m), {@code date}, {@code T2M_MAX}, {@code T2M_MIN} (°C),
 * {@code RH2M} (%), {@code WS2M} (m/s at 2 m), {@code ALLSKY_SFC_SW_DWN} (MJ m⁻² d⁻¹). Cells lie between 20° S
 * and 5° N (Brazil's latitudes), each with a series of consecutive days from 2020-01-01, cell by cell as a
 * per-cell download is stored; about one value in a thousand is POWER's fill value −999 (missing).
 */
final class GridCellDays {
    /** POWER's fill value for a missing daily value. */
    static final double FILL_VALUE = -999.0;

    private GridCellDays() {
    }

    /**
     * Generates the table lazily; the same arguments give the same values.
     *
     * @param spark      the session
     * @param cells      the number of grid cells
     * @param days       the number of days per cell
     * @param partitions the number of partitions
     * @return the table
     */
    static Dataset<Row> generate(SparkSession spark, long cells, int days, int partitions) {
        Column cell = floor(col("id").divide(days));
        Column day = pmod(col("id"), lit(days));
        Column season = sin(day.multiply(2 * Math.PI / 365.25));
        Column tmin = round(lit(18.0).plus(season.multiply(3)).plus(rand(1).multiply(4)), 2);
        return spark.range(0, cells * days, 1, partitions)
                .select(cell.cast("long").as("cell_id"),
                        round(lit(-20.0).plus(pmod(cell.multiply(7919), lit(2501)).divide(100.0)), 2).as("LAT"),
                        round(lit(-60.0).plus(pmod(cell.multiply(104729), lit(2501)).divide(100.0)), 2).as("LON"),
                        pmod(cell.multiply(31), lit(1200)).cast("double").as("ELEV"),
                        date_add(lit(java.sql.Date.valueOf("2020-01-01")), day.cast("int")).as("date"),
                        tmin.plus(round(lit(6.0).plus(rand(2).multiply(10)), 2)).as("T2M_MAX"),
                        tmin.as("T2M_MIN"),
                        round(lit(45.0).plus(rand(3).multiply(45)), 2).as("RH2M"),
                        fillSometimes(round(lit(0.5).plus(rand(4).multiply(4)), 2), rand(6)).as("WS2M"),
                        round(lit(8.0).plus(rand(5).multiply(8)), 2).as("ALLSKY_SFC_SW_DWN"));
    }

    private static Column fillSometimes(Column value, Column uniform) {
        return when(uniform.lt(0.001), lit(FILL_VALUE)).otherwise(value);
    }
}
