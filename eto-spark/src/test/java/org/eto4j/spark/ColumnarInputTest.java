package org.eto4j.spark;

import static org.eto4j.spark.Fao56DailyTest.assertSameBits;
import static org.eto4j.spark.Fao56DailyTest.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.eto4j.core.BatchResult;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The columnar input path: Parquet's vectorized reader and a columnar cache, read as batches. */
class ColumnarInputTest {
    static final String[] INPUTS = {"lat", "elev", "tmax", "tmin", "rhmax", "rhmin", "tdew", "u10", "rs"};
    static final ColumnMapping MAPPING = ColumnMapping.builder()
            .dayOfYear("doy").latitude("lat").elevation("elev").tmax("tmax").tmin("tmin").rhMax("rhmax")
            .rhMin("rhmin").tdew("tdew").windSpeed("u10").windHeightMetres(10).rs("rs").key("id")
            .build();
    static final Fao56Supplier LENIENT = () -> Fao56.builder().validation(ValidationMode.LENIENT).build();

    private final SparkSession spark = SharedSpark.get();

    /** Seeded rows: NaN cells (NULL in the table) and about 3 % invalid rows. */
    static final class Data {
        final int n;
        final int[] doy;
        final double[][] c = new double[INPUTS.length][];

        Data(int n) {
            this.n = n;
            doy = new int[n];
            for (int k = 0; k < c.length; k++) {
                c[k] = new double[n];
            }
            Random random = new Random(7_12_2026L);
            for (int i = 0; i < n; i++) {
                doy[i] = 1 + random.nextInt(366);
                c[0][i] = -60 + 120 * random.nextDouble();
                c[1][i] = -10 + 3000 * random.nextDouble();
                c[3][i] = -10 + 35 * random.nextDouble();
                c[2][i] = c[3][i] + 15 * random.nextDouble();
                c[5][i] = 10 + 50 * random.nextDouble();
                c[4][i] = c[5][i] + (100 - c[5][i]) * random.nextDouble();
                c[6][i] = c[3][i] - 3 * random.nextDouble();
                c[7][i] = 8 * random.nextDouble();
                c[8][i] = 2 + 20 * random.nextDouble();
                for (int k = 4; k < c.length; k++) {
                    if (random.nextDouble() < 0.2) {
                        c[k][i] = Double.NaN;
                    }
                }
                double bad = random.nextDouble();
                if (bad < 0.01) {
                    c[3][i] = c[2][i] + 1;     // ETO-1003
                } else if (bad < 0.02) {
                    c[4][i] = 130;             // ETO-1001
                } else if (bad < 0.03) {
                    c[0][i] = Double.NaN;      // ETO-1008
                }
            }
        }

        Dataset<Row> frame(SparkSession spark) {
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object[] values = new Object[INPUTS.length + 3];
                values[0] = (long) i;
                values[1] = doy[i];
                for (int k = 0; k < INPUTS.length; k++) {
                    values[k + 2] = Double.isNaN(c[k][i]) ? null : c[k][i];
                }
                values[INPUTS.length + 2] = i % 5 == 0 ? null : "cell " + i;
                rows.add(RowFactory.create(values));
            }
            StructType schema = new StructType().add("id", DataTypes.LongType).add("doy", DataTypes.IntegerType);
            for (String name : INPUTS) {
                schema = schema.add(name, DataTypes.DoubleType, true);
            }
            return spark.createDataFrame(rows, schema.add("label", DataTypes.StringType, true));
        }

        void assertSameAsEtoCore(Map<Long, Row> out) {
            double[] eto = new double[n];
            long[] flags = new long[n];
            BatchResult expected = LENIENT.get().dailyBatch(Station.of(0, 0).withWindHeightMetres(10),
                    DailyColumns.builder(n, doy).latitudeDegrees(c[0]).elevationMetres(c[1]).tmax(c[2]).tmin(c[3])
                            .rhMax(c[4]).rhMin(c[5]).tdew(c[6]).windSpeed(c[7]).rs(c[8]).build(), eto, flags);
            String[] codes = new String[n];
            for (EtoException e : expected.errors()) {
                codes[e.row().orElseThrow()] = e.code().code();
            }
            assertTrue(expected.invalidRows() > n / 50, "the data has invalid rows: " + expected.invalidRows());
            assertEquals(n, out.size());
            for (int i = 0; i < n; i++) {
                Row row = out.get((long) i);
                assertSameBits(eto[i], row.getDouble(row.fieldIndex("eto")), i);
                assertEquals(flags[i], row.getLong(row.fieldIndex("flags")), "flags of row " + i);
                assertEquals(codes[i], row.getString(row.fieldIndex("eto_error")), "error of row " + i);
                assertEquals(i % 5 == 0 ? null : "cell " + i, row.getString(row.fieldIndex("label")));
                for (int k = 0; k < INPUTS.length; k++) {
                    Object in = row.get(row.fieldIndex(INPUTS[k]));
                    assertEquals(Double.isNaN(c[k][i]) ? null : c[k][i], in, "row " + i + " " + INPUTS[k]);
                }
            }
        }
    }

    @Test
    void parquetIsReadAsColumnBatchesAndGivesEtoCoresBitsFlagsAndCodes(@TempDir Path dir) {
        Data data = new Data(3 * Fao56Partitions.BLOCK_ROWS + 517);
        data.frame(spark).repartition(2).write().parquet(dir.resolve("in").toString());
        Dataset<Row> parquet = spark.read().parquet(dir.resolve("in").toString());
        assertColumnar(parquet, true);

        data.assertSameAsEtoCore(byId(EtoSpark.fao56Daily(parquet, MAPPING, LENIENT)));
    }

    @Test
    void batchesLargerThanABlockAreComputedInBlocks(@TempDir Path dir) {
        Data data = new Data(2 * Fao56Partitions.BLOCK_ROWS + 99);
        data.frame(spark).coalesce(1).write().parquet(dir.resolve("in").toString());
        String batchSize = "spark.sql.parquet.columnarReaderBatchSize";
        spark.conf().set(batchSize, "10000");
        try {
            Dataset<Row> parquet = spark.read().parquet(dir.resolve("in").toString());
            assertColumnar(parquet, true);
            data.assertSameAsEtoCore(byId(EtoSpark.fao56Daily(parquet, MAPPING, LENIENT)));
        } finally {
            spark.conf().unset(batchSize);
        }
    }

    @Test
    void aColumnarCacheIsReadAsColumnBatches(@TempDir Path dir) {
        Data data = new Data(Fao56Partitions.BLOCK_ROWS + 300);
        data.frame(spark).drop("label").repartition(2).write().parquet(dir.resolve("in").toString());
        // A cache's batches are columnar when every column is of a primitive type.
        Dataset<Row> cached = spark.read().parquet(dir.resolve("in").toString()).cache();
        try {
            assertColumnar(cached, true);
            Map<Long, Row> out = byId(EtoSpark.fao56Daily(cached, MAPPING, LENIENT));
            Map<Long, Row> rowPath = byId(EtoSpark.fao56Daily(data.frame(spark).drop("label"), MAPPING, LENIENT));
            assertEquals(data.n, out.size());
            for (long i = 0; i < data.n; i++) {
                assertEquals(rowPath.get(i), out.get(i), "row " + i);
            }
        } finally {
            cached.unpersist();
        }
    }

    @Test
    void aCacheWithADateColumnIsDecodedAsColumnBatches(@TempDir Path dir) {
        Data data = new Data(Fao56Partitions.BLOCK_ROWS + 300);
        data.frame(spark).drop("label")
                .withColumn("day", org.apache.spark.sql.functions.expr("date_add(date'2019-12-31', doy)"))
                .withColumn("n", org.apache.spark.sql.functions.expr("cast(id % 7 as int)"))
                .write().parquet(dir.resolve("in").toString());
        // Spark's cache gives rows for a DATE column; its stored batches are decoded directly.
        Dataset<Row> cached = spark.read().parquet(dir.resolve("in").toString()).cache();
        try {
            assertColumnar(cached, true);
            ColumnMapping byDate = ColumnMapping.builder()
                    .date("day").latitude("lat").elevation("elev").tmax("tmax").tmin("tmin").rhMax("rhmax")
                    .rhMin("rhmin").tdew("tdew").windSpeed("u10").windHeightMetres(10).rs("rs").key("id")
                    .build();
            Map<Long, Row> out = byId(EtoSpark.fao56Daily(cached, byDate, LENIENT));
            Dataset<Row> filtered = spark.read().parquet(dir.resolve("in").toString()).where("id >= 0");
            assertColumnar(filtered, false);
            Map<Long, Row> rowPath = byId(EtoSpark.fao56Daily(
                    spark.read().parquet(dir.resolve("in").toString()).where("id >= 0"), byDate, LENIENT));
            Map<Long, Row> byDoy = byId(EtoSpark.fao56Daily(cached, MAPPING, LENIENT));
            assertEquals(data.n, out.size());
            for (long i = 0; i < data.n; i++) {
                assertEquals(rowPath.get(i), out.get(i), "row " + i);
                Row a = out.get(i);
                Row b = byDoy.get(i);
                assertSameBits(b.getDouble(b.fieldIndex("eto")), a.getDouble(a.fieldIndex("eto")), (int) i);
            }
        } finally {
            cached.unpersist();
        }
    }

    @Test
    void strictCalculatorFailsAColumnarJobWithTheRowKey(@TempDir Path dir) {
        Data data = new Data(Fao56Partitions.BLOCK_ROWS + 1);
        data.frame(spark).coalesce(1).write().parquet(dir.resolve("in").toString());
        Dataset<Row> parquet = spark.read().parquet(dir.resolve("in").toString());
        assertColumnar(parquet, true);

        Exception failure = assertThrows(Exception.class, () -> EtoSpark.fao56Daily(parquet, MAPPING).count());
        EtoSparkException error = EtoSpark.rowFailure(failure).orElseThrow(() -> new AssertionError(failure));
        long first = firstInvalidRow(data);
        assertEquals(Map.of("id", String.valueOf(first)), error.rowKey());
        assertNotNull(error.code());
    }

    @Test
    void aPlanThatComputesOnRowsTakesTheRowPath(@TempDir Path dir) {
        Data data = new Data(500);
        data.frame(spark).write().parquet(dir.resolve("in").toString());
        Dataset<Row> filtered = spark.read().parquet(dir.resolve("in").toString()).where("id % 2 = 0");
        assertColumnar(filtered, false);
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(filtered, MAPPING, LENIENT));
        assertEquals(250, out.size());
        assertNull(out.get(1L));
    }

    private static long firstInvalidRow(Data data) {
        double[] eto = new double[data.n];
        long[] flags = new long[data.n];
        BatchResult r = LENIENT.get().dailyBatch(Station.of(0, 0).withWindHeightMetres(10),
                DailyColumns.builder(data.n, data.doy).latitudeDegrees(data.c[0]).elevationMetres(data.c[1])
                        .tmax(data.c[2]).tmin(data.c[3]).rhMax(data.c[4]).rhMin(data.c[5]).tdew(data.c[6])
                        .windSpeed(data.c[7]).rs(data.c[8]).build(), eto, flags);
        int first = r.errors().stream().mapToInt(e -> e.row().orElseThrow()).min().orElseThrow();
        assertTrue(r.errors().stream().anyMatch(e -> e.code() != ErrorCode.INVALID_OPTION));
        return first;
    }

    private static void assertColumnar(Dataset<Row> input, boolean columnar) {
        org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) input;
        assertEquals(columnar, Fao56Partitions.columnarInput(classic.queryExecution().executedPlan(),
                classic.schema()) != null, () -> classic.queryExecution().executedPlan().toString());
    }
}
