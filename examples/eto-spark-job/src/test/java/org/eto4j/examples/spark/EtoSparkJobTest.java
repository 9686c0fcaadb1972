package org.eto4j.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtoSparkJobTest {

    @Test
    void jobWritesEtoByYearAndMonthAndAgreesWithTheBuiltinFormulas(@TempDir Path dir) {
        Path input = dir.resolve("input");
        Path output = dir.resolve("eto");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("eto-spark-job-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            GridCellDays.generate(spark, 20, 400, 2).write().parquet(input.toString());
            EtoSparkJob.run(spark, input.toString(), output.toString(), false);

            assertTrue(Files.isDirectory(output.resolve("year=2021").resolve("month=2")));
            List<Row> rows = spark.read().parquet(output.toString())
                    .where(col("WS2M").notEqual(GridCellDays.FILL_VALUE))
                    .withColumn("builtin", BuiltinFao56.eto())
                    .select("eto", "builtin", "eto_error").collectAsList();
            assertTrue(rows.size() > 7_900, "rows: " + rows.size());
            for (Row row : rows) {
                assertEquals(null, row.get(2));
                // Two implementations of the same equations: equal to rounding (eto-core: 1e-12 of the formulas).
                assertEquals(row.getDouble(1), row.getDouble(0), 1e-12 * Math.abs(row.getDouble(1)));
            }
        } finally {
            spark.stop();
        }
    }
}
