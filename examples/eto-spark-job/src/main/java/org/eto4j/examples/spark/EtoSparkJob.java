package org.eto4j.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.eto4j.core.Fao56;
import org.eto4j.core.ValidationMode;
import org.eto4j.spark.ColumnMapping;
import org.eto4j.spark.EtoSpark;
import org.eto4j.spark.Fao56Supplier;

/**
 * FAO-56 daily ETo for a Parquet table of grid-cell-days in NASA POWER's column names, written as Parquet
 * partitioned by year and month.
 *
 * <pre>
 * EtoSparkJob [--input DIR] [--output DIR] [--cells N] [--days N] [--partitions N] [--strict]
 * </pre>
 * Without {@code --input} it first generates a table of {@code --cells} × {@code --days} rows
 * ({@link GridCellDays}) under {@code target/eto-spark-job/input}. The output (default
 * {@code target/eto-spark-job/eto}) holds the input columns plus {@code eto} (mm d⁻¹), {@code flags},
 * {@code eto_error}, {@code year} and {@code month}. POWER's fill value −999 is read as missing. Rows that fail
 * eto-core's checks get ETo NaN and their error code (lenient); with {@code --strict} the first one fails the
 * job, naming its cell and date. Under spark-submit the master is the cluster's; otherwise {@code local[*]}.
 */
public final class EtoSparkJob {
    private EtoSparkJob() {
    }

    /**
     * Runs the job.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        String input = null;
        String output = "target/eto-spark-job/eto";
        long cells = 2_000;
        int days = 730;
        int partitions = 0;
        boolean strict = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = args[++i];
                case "--output" -> output = args[++i];
                case "--cells" -> cells = Long.parseLong(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--strict" -> strict = true;
                default -> {
                    System.err.println("usage: EtoSparkJob [--input DIR] [--output DIR] [--cells N] [--days N]"
                            + " [--partitions N] [--strict]");
                    System.exit(2);
                }
            }
        }
        SparkConf conf = new SparkConf().setAppName("eto4j FAO-56 daily ETo");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]").set("spark.ui.enabled", "false");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            if (input == null) {
                input = "target/eto-spark-job/input";
                int p = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism() * 2;
                GridCellDays.generate(spark, cells, days, p).write().mode(SaveMode.Overwrite).parquet(input);
                System.out.printf(Locale.ROOT, "generated %,d cell-days (%,d cells x %,d days) in %s%n",
                        cells * days, cells, days, input);
            }
            run(spark, input, output, strict);
        } finally {
            spark.stop();
        }
    }

    static void run(SparkSession spark, String input, String output, boolean strict) {
        Dataset<Row> days = spark.read().parquet(input);
        for (String c : new String[] {"T2M_MAX", "T2M_MIN", "RH2M", "WS2M", "ALLSKY_SFC_SW_DWN"}) {
            days = days.withColumn(c, when(col(c).equalTo(GridCellDays.FILL_VALUE), lit(null)).otherwise(col(c)));
        }
        ColumnMapping columns = ColumnMapping.builder()
                .date("date")
                .tmax("T2M_MAX").tmin("T2M_MIN")
                .rhMean("RH2M")
                .u2("WS2M")
                .rs("ALLSKY_SFC_SW_DWN")
                .latitude("LAT").elevation("ELEV")
                .key("cell_id", "date")
                .build();
        Fao56Supplier calculator = strict ? Fao56Supplier.defaults()
                : () -> Fao56.builder().validation(ValidationMode.LENIENT).build();

        long start = System.nanoTime();
        EtoSpark.fao56Daily(days, columns, calculator)
                .withColumn("year", year(col("date")))
                .withColumn("month", month(col("date")))
                .write().mode(SaveMode.Overwrite).partitionBy("year", "month").parquet(output);
        double seconds = (System.nanoTime() - start) / 1e9;

        Dataset<Row> written = spark.read().parquet(output);
        long rows = written.count();
        long invalid = written.where(col("eto_error").isNotNull()).count();
        System.out.printf(Locale.ROOT, "wrote %,d rows (%,d invalid) to %s in %.1f s, %,.0f rows/s%n",
                rows, invalid, output, seconds, rows / seconds);
        written.where(col("cell_id").equalTo(0)).orderBy("date").select("cell_id", "LAT", "ELEV", "date",
                "T2M_MAX", "T2M_MIN", "RH2M", "WS2M", "ALLSKY_SFC_SW_DWN", "eto", "flags").show(5, false);
    }
}
