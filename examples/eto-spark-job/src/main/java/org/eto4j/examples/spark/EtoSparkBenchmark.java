package org.eto4j.examples.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.sum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.eto4j.spark.ColumnMapping;
import org.eto4j.spark.EtoSpark;

/**
 * Throughput of FAO-56 daily ETo on Spark, side by side in one run: eto-spark's partition path, its SQL function
 * and the same equations as Spark SQL built-in expressions ({@link BuiltinFao56}); in {@code local[1]} and
 * {@code local[2]}; from a cached in-memory Dataset and from Parquet. Each measurement is one action,
 * {@code sum(eto)} over every row, after one warm-up; it prints the median and the range of the runs, in records
 * per second of wall-clock time and in records per CPU-second of the whole JVM (every thread: tasks, GC, JIT), the
 * figure that stays meaningful when other processes share the cores.
 *
 * <pre>EtoSparkBenchmark [--cells N] [--days N] [--runs N] [--dir DIR] [--masters local[1],local[2]]
 *                   [--sources in-memory,Parquet] [--paths 0,1,2]</pre>
 * (paths: 0 partition path, 1 SQL function, 2 built-in expressions).
 */
public final class EtoSparkBenchmark {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    private EtoSparkBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the options above
     * @throws Exception when the scratch directory cannot be made
     */
    public static void main(String[] args) throws Exception {
        long cells = 2_000;
        int days = 1_000;
        int runs = 5;
        Path dir = Path.of("target/eto-spark-benchmark");
        List<String> masters = List.of("local[1]", "local[2]");
        List<String> sources = List.of("in-memory", "Parquet");
        String pathSet = "0,1,2";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cells" -> cells = Long.parseLong(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--masters" -> masters = List.of(args[++i].split(","));
                case "--sources" -> sources = List.of(args[++i].split(","));
                case "--paths" -> pathSet = args[++i];
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        Files.createDirectories(dir);
        String parquet = dir.resolve("grid.parquet").toString();
        long rows = cells * days;
        ColumnMapping columns = ColumnMapping.builder()
                .date("date").tmax("T2M_MAX").tmin("T2M_MIN").rhMean("RH2M").u2("WS2M").rs("ALLSKY_SFC_SW_DWN")
                .latitude("LAT").elevation("ELEV")
                .build();
        List<String> table = new ArrayList<>();
        table.add("| master | source | path | records/s (median) | range (min–max) | per core | records per CPU-s |");
        table.add("|---|---|---|---:|---:|---:|---:|");
        boolean generated = false;
        for (String master : masters) {
            SparkSession spark = SparkSession.builder().master(master).appName("eto-spark-benchmark")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    // One Parquet split per 16 MB: a few tasks per core, as a cluster would run them.
                    .config("spark.sql.files.maxPartitionBytes", String.valueOf(16 << 20))
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            EtoSpark.register(spark);
            int cores = spark.sparkContext().defaultParallelism();
            if (!generated) {
                generated = true;
                GridCellDays.generate(spark, cells, days, 8)
                        .where(col("WS2M").notEqual(GridCellDays.FILL_VALUE))  // every path sees valid rows
                        .write().mode(SaveMode.Overwrite).parquet(parquet);
            }
            long cached = spark.read().parquet(parquet).count();
            System.out.printf(Locale.ROOT, "%s: %,d rows, %d cores%n", master, cached, cores);
            for (String source : sources) {
                // Spark substitutes a cached table for any plan that reads the same files: the cache lives only
                // while the in-memory source is measured, so the Parquet measurements read the files.
                spark.catalog().clearCache();
                Dataset<Row> input = spark.read().parquet(parquet);
                if (!source.equals("Parquet")) {
                    input = input.cache();
                    input.count();
                }
                List<Function<Dataset<Row>, Dataset<Row>>> paths = List.of(
                        in -> EtoSpark.fao56Daily(in, columns),
                        in -> in.withColumn("eto", expr("fao56_daily(date, LAT, ELEV, T2M_MAX, T2M_MIN, NULL, "
                                + "NULL, RH2M, WS2M, ALLSKY_SFC_SW_DWN)")),
                        in -> in.withColumn("eto", BuiltinFao56.eto()));
                String[] names = {"eto-spark partition path", "eto-spark SQL function (row-wise UDF)",
                        "Spark SQL built-in expressions"};
                for (int p = 0; p < paths.size(); p++) {
                    if (!pathSet.contains(String.valueOf(p))) {
                        continue;
                    }
                    Dataset<Row> query = paths.get(p).apply(input).agg(sum("eto"));
                    double[] rates = new double[runs];
                    double[] cpuRates = new double[runs];
                    double checksum = query.first().getDouble(0);  // warm-up
                    for (int r = 0; r < runs; r++) {
                        long cpu = CPU.getProcessCpuTime();
                        long start = System.nanoTime();
                        checksum = query.first().getDouble(0);
                        rates[r] = cached / ((System.nanoTime() - start) / 1e9);
                        cpuRates[r] = cached / ((CPU.getProcessCpuTime() - cpu) / 1e9);
                    }
                    Arrays.sort(rates);
                    Arrays.sort(cpuRates);
                    double median = rates[runs / 2];
                    String line = String.format(Locale.ROOT, "| %s | %s | %s | %.2e | %.2e–%.2e | %.2e | %.2e |",
                            master, source, names[p], median, rates[0], rates[runs - 1], median / cores,
                            cpuRates[runs / 2]);
                    table.add(line);
                    System.out.println(line + "  sum(eto)=" + checksum);
                }
            }
            spark.catalog().clearCache();
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "%n%,d rows, %d runs after one warm-up, load average %.1f%n", rows, runs,
                CPU.getSystemLoadAverage());
        table.forEach(System.out::println);
    }
}
