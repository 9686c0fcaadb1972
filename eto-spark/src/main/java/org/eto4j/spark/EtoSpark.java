package org.eto4j.spark;

import java.util.Objects;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.ReferenceCrop;

/**
 * Reference evapotranspiration on Apache Spark: the same ETo as eto-core, bit for bit, over tables of any size.
 *
 * <h2>Partition path</h2>
 * {@link #fao56Daily(Dataset, ColumnMapping, Fao56Supplier)} appends three columns to a table of daily records
 * (a station's days, a grid's cell-days): ETo (mm d⁻¹), the {@link org.eto4j.core.EstimateFlag} mask and the
 * error code of an invalid row. Each partition is read in blocks of 4,096 rows, copied into primitive columns and
 * computed by {@link Fao56#dailyBatch}, eto-core's batch kernel (SIMD when the executor JVM has
 * {@code --add-modules jdk.incubator.vector}), so a cluster gives the same bits as the CLI on one machine.
 * <pre>{@code
 * Dataset<Row> days = spark.read().parquet("s3://bucket/power-daily/");
 * Dataset<Row> withEto = EtoSpark.fao56Daily(days, ColumnMapping.builder()
 *         .date("date").tmax("T2M_MAX").tmin("T2M_MIN").rhMean("RH2M").u2("WS2M").rs("ALLSKY_SFC_SW_DWN")
 *         .latitude("LAT").elevation("ELEV").key("cell_id", "date")
 *         .build());
 * withEto.write().partitionBy("year", "month").parquet("s3://bucket/eto/");
 * }</pre>
 * Missing inputs (NULL or NaN) follow FAO-56's missing-data procedures and are flagged. With a strict calculator
 * (the default) the first invalid row fails the job with an {@link EtoSparkException} naming the row's key and
 * eto-core's error code; with a {@link org.eto4j.core.ValidationMode#LENIENT lenient} one the row gets ETo NaN,
 * the {@code INVALID_ROW} flag and the code (e.g. {@code ETO-1003}) in the error column.
 *
 * <h2>SQL functions</h2>
 * {@link #register(SparkSession)} registers, for people who work in SQL:
 * <ul>
 *   <li>{@code fao56_daily(date, latitude, elevation, tmax, tmin, rh_max, rh_min, rh_mean, u2, rs)} — FAO-56
 *       ETo, mm d⁻¹ (units as in {@link ColumnMapping});</li>
 *   <li>{@code asce_daily_short(...)} and {@code asce_daily_tall(...)}, the same arguments — ASCE-EWRI (2005)
 *       standardized ETos and ETrs;</li>
 *   <li>{@code eto_flags(mask)} — the tokens of a flags column, {@code ARRAY<STRING>}.</li>
 * </ul>
 * {@code date} is a DATE or a day of year (1–366); NULL inputs are absent (missing-data procedures). The
 * functions work row by row through eto-core's scalar methods: they give the same values, more slowly than the
 * partition path.
 *
 * <p>Spark 4 (Scala 2.13), classic sessions (not Spark Connect). The JVM needs Spark's {@code --add-opens}
 * flags on Java 17, which {@code spark-submit} adds; see the module's README for local runs.
 */
public final class EtoSpark {
    /** The name of the FAO-56 daily SQL function. */
    public static final String FAO56_DAILY = "fao56_daily";
    /** The name of the ASCE-EWRI short-reference (ETos) daily SQL function. */
    public static final String ASCE_DAILY_SHORT = "asce_daily_short";
    /** The name of the ASCE-EWRI tall-reference (ETrs) daily SQL function. */
    public static final String ASCE_DAILY_TALL = "asce_daily_tall";
    /** The name of the SQL function that turns a flags mask into tokens. */
    public static final String ETO_FLAGS = "eto_flags";

    private EtoSpark() {
    }

    /**
     * FAO-56 daily ETo of every row with the {@link Fao56#defaults() defaults} (strict validation).
     *
     * @param input   the daily records
     * @param columns which columns hold the inputs, and the output names
     * @return the input's columns followed by ETo, flags and error code
     * @throws EtoException {@link ErrorCode#MISSING_COLUMN} when a mapped column is not in the input,
     *                      {@link ErrorCode#INVALID_OPTION} for a column of the wrong type, an output name already
     *                      in the input or a Spark Connect dataset
     * @see #fao56Daily(Dataset, ColumnMapping, Fao56Supplier)
     */
    public static Dataset<Row> fao56Daily(Dataset<Row> input, ColumnMapping columns) {
        return fao56Daily(input, columns, Fao56Supplier.defaults());
    }

    /**
     * FAO-56 daily ETo of every row, by eto-core's batch kernel over blocks of 4,096 rows of each partition.
     * The input is planned at the call and computed at the first action; an input that ends in a shuffle under
     * adaptive query execution (e.g. {@code repartition}) runs that shuffle at the call, because Spark
     * materializes such stages to plan what follows. The output keeps the input's partitioning and row order,
     * is recomputed by each action unless cached, and appends {@link ColumnMapping#etoColumn()} (DOUBLE, mm d⁻¹,
     * NaN for an invalid row),
     * {@link ColumnMapping#flagsColumn()} (BIGINT, a mask of {@link org.eto4j.core.EstimateFlag#bit()}) and
     * {@link ColumnMapping#errorColumn()} (STRING, the {@link ErrorCode#code()} of an invalid row, else NULL),
     * then, with {@link ColumnMapping.Builder#intermediates(boolean)}, the {@link ColumnMapping#intermediateColumns()}
     * (DOUBLE, eto-core's {@link org.eto4j.core.Intermediates} of the row, NaN for an invalid row; slower: row by
     * row through {@link Fao56#daily(org.eto4j.core.Station, org.eto4j.core.DailyWeather)}).
     *
     * @param input      the daily records
     * @param columns    which columns hold the inputs, and the output names
     * @param calculator builds the calculator on each executor; its validation mode decides between failing the
     *                   job ({@link EtoSparkException}) and marking the row
     * @return the input's columns followed by ETo, flags and error code
     * @throws EtoException {@link ErrorCode#MISSING_COLUMN} when a mapped column is not in the input,
     *                      {@link ErrorCode#INVALID_OPTION} for a column of the wrong type, an output name already
     *                      in the input or a Spark Connect dataset; the calculator's own errors
     */
    public static Dataset<Row> fao56Daily(Dataset<Row> input, ColumnMapping columns, Fao56Supplier calculator) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(calculator, "calculator");
        org.apache.spark.sql.classic.Dataset<Row> dataset = classic(input);
        Objects.requireNonNull(calculator.get(), "calculator.get()");  // fail on the driver, not in every task
        Fao56Partitions partitions = new Fao56Partitions(dataset.schema(), columns, calculator);
        // A plan that only reads column batches (Parquet, an in-memory cache) is read as batches: the conversion
        // to rows and the copy of each row, most of the row path's time, are skipped. Intermediates are computed
        // row by row anyway, so they take the row path, which appends any number of columns.
        RDD<ColumnarBatch> batches = columns.intermediates() ? null
                : Fao56Partitions.columnarInput(dataset.queryExecution().executedPlan(), dataset.schema());
        JavaRDD<InternalRow> rows = batches != null
                ? batches.toJavaRDD().mapPartitions(partitions.columnar())
                : dataset.queryExecution().toRdd().toJavaRDD().mapPartitions(partitions);
        return dataset.sparkSession().internalCreateDataFrame(rows.rdd(), partitions.outputSchema(), false);
    }

    /**
     * Registers the SQL functions with the FAO-56 defaults (strict: an invalid row fails the query).
     *
     * @param spark the session
     * @see #register(SparkSession, Fao56Supplier)
     */
    public static void register(SparkSession spark) {
        register(spark, Fao56Supplier.defaults());
    }

    /**
     * Registers {@value #FAO56_DAILY}, {@value #ASCE_DAILY_SHORT}, {@value #ASCE_DAILY_TALL} and
     * {@value #ETO_FLAGS} in the session (see the class description). A lenient calculator makes
     * {@value #FAO56_DAILY} return NaN for an invalid row instead of failing the query.
     *
     * @param spark      the session
     * @param calculator builds the FAO-56 calculator on each executor
     */
    public static void register(SparkSession spark, Fao56Supplier calculator) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(calculator, "calculator");
        spark.udf().register(FAO56_DAILY, new SqlFunctions.Fao56Daily(calculator), DataTypes.DoubleType);
        spark.udf().register(ASCE_DAILY_SHORT, new SqlFunctions.AsceDaily(ReferenceCrop.SHORT), DataTypes.DoubleType);
        spark.udf().register(ASCE_DAILY_TALL, new SqlFunctions.AsceDaily(ReferenceCrop.TALL), DataTypes.DoubleType);
        spark.udf().register(ETO_FLAGS, new SqlFunctions.FlagTokens(),
                DataTypes.createArrayType(DataTypes.StringType, false));
    }

    /**
     * Finds the {@link EtoSparkException} of a failed row in what a Spark action threw (Spark wraps a task's
     * error in its own {@code SparkException}).
     *
     * @param failure what the action threw
     * @return the row's error, or empty when the failure had another cause
     */
    public static Optional<EtoSparkException> rowFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EtoSparkException e) {
                return Optional.of(e);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static org.apache.spark.sql.classic.Dataset<Row> classic(Dataset<Row> input) {
        if (input instanceof org.apache.spark.sql.classic.Dataset<Row> dataset) {
            return dataset;
        }
        throw new EtoException(ErrorCode.INVALID_OPTION, "input", -1, "input", input.getClass().getName(),
                "a classic Spark Dataset (Spark Connect is not supported)");
    }
}
