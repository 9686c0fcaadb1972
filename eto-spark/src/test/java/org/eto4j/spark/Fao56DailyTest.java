package org.eto4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fao56DailyTest {
    private static final ColumnMapping POWER = ColumnMapping.builder()
            .date("date").tmax("T2M_MAX").tmin("T2M_MIN").rhMean("RH2M").u2("WS2M").rs("ALLSKY_SFC_SW_DWN")
            .latitude(BalsasSample.LATITUDE).elevation(BalsasSample.ELEVATION)
            .key("date")
            .build();

    private final SparkSession spark = SharedSpark.get();

    @Test
    void sampleGivesEtoCoresBitsOnEveryRow() {
        BalsasSample s = BalsasSample.load();
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(sampleFrame(s), POWER));

        Station balsas = Station.of(BalsasSample.LATITUDE, BalsasSample.ELEVATION);
        Fao56 fao56 = Fao56.defaults();
        double[] eto = new double[s.size];
        long[] flags = new long[s.size];
        fao56.dailyBatch(balsas, DailyColumns.builder(s.size, s.dayOfYear()).tmax(s.tmax).tmin(s.tmin)
                .rhMean(s.rhMean).u2(s.u2).rs(s.rs).build(), eto, flags);
        assertEquals(s.size, out.size());
        for (int i = 0; i < s.size; i++) {
            Row row = out.get((long) i);
            EtoResult scalar = fao56.daily(balsas, DailyWeather.builder(s.date[i]).tmax(s.tmax[i]).tmin(s.tmin[i])
                    .rhMean(s.rhMean[i]).u2(s.u2[i]).rs(s.rs[i]).build());
            assertSameBits(eto[i], row.getDouble(row.fieldIndex("eto")), i);
            assertSameBits(scalar.eto(), row.getDouble(row.fieldIndex("eto")), i);
            assertEquals(flags[i], row.getLong(row.fieldIndex("flags")), "flags of row " + i);
            assertEquals(EstimateFlag.toMask(scalar.flags()), row.getLong(row.fieldIndex("flags")));
            assertNull(row.get(row.fieldIndex("eto_error")));
            assertEquals("balsas-" + i, row.getString(row.fieldIndex("station")));
            assertEquals(i % 3 == 0 ? null : "note " + "x".repeat(i % 17), row.getString(row.fieldIndex("note")));
        }
    }

    @Test
    void randomRowsWithMissingAndInvalidValuesGiveEtoCoresBitsFlagsAndCodes() {
        int n = 3 * Fao56Partitions.BLOCK_ROWS + 517;  // several blocks per partition and a partial one
        Random random = new Random(20_26_12_07L);
        int[] doy = new int[n];
        double[][] c = new double[12][n];  // lat, elev, tmax, tmin, rhmax, rhmin, rhmean, tdew, uz, rs, sun, tmean
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            doy[i] = 1 + random.nextInt(366);
            c[0][i] = -60 + 120 * random.nextDouble();
            c[1][i] = -10 + 3000 * random.nextDouble();
            double tmin = -10 + 35 * random.nextDouble();
            c[3][i] = tmin;
            c[2][i] = tmin + 15 * random.nextDouble();
            c[5][i] = 10 + 50 * random.nextDouble();
            c[4][i] = c[5][i] + (100 - c[5][i]) * random.nextDouble();
            c[6][i] = (c[4][i] + c[5][i]) / 2;
            c[7][i] = tmin - 3 * random.nextDouble();
            c[8][i] = 8 * random.nextDouble();
            c[9][i] = 2 + 20 * random.nextDouble();
            c[10][i] = 12 * random.nextDouble();
            c[11][i] = (c[2][i] + c[3][i]) / 2 + random.nextGaussian();
            for (int k = 4; k < 12; k++) {
                if (random.nextDouble() < 0.2) {
                    c[k][i] = Double.NaN;  // absent: FAO-56 missing-data procedures
                }
            }
            double bad = random.nextDouble();
            if (bad < 0.01) {
                c[3][i] = c[2][i] + 1;     // ETO-1003 TMIN_ABOVE_TMAX
            } else if (bad < 0.02) {
                c[4][i] = 130;             // ETO-1001 RH out of range
            } else if (bad < 0.025) {
                c[0][i] = Double.NaN;      // per-row latitude absent: ETO-1008
            } else if (bad < 0.03) {
                c[9][i] = 60;              // ETO-1005 Rs above 1.05 Ra + 0.5
            }
            Object[] values = new Object[14];
            values[0] = (long) i;
            values[1] = doy[i];
            for (int k = 0; k < 12; k++) {
                values[k + 2] = Double.isNaN(c[k][i]) ? null : c[k][i];
            }
            rows.add(RowFactory.create(values));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("doy", DataTypes.IntegerType);
        for (String name : List.of("lat", "elev", "tmax", "tmin", "rhmax", "rhmin", "rhmean", "tdew", "u10", "rs",
                "sun", "tmean")) {
            schema = schema.add(name, DataTypes.DoubleType, true);
        }
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(3);
        ColumnMapping mapping = ColumnMapping.builder()
                .dayOfYear("doy").latitude("lat").elevation("elev").tmax("tmax").tmin("tmin").rhMax("rhmax")
                .rhMin("rhmin").rhMean("rhmean").tdew("tdew").windSpeed("u10").windHeightMetres(10).rs("rs")
                .sunshineHours("sun").tmean("tmean").key("id")
                .build();
        Fao56Supplier lenient = () -> Fao56.builder().validation(ValidationMode.LENIENT).build();
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(frame, mapping, lenient));

        double[] eto = new double[n];
        long[] flags = new long[n];
        BatchResult expected = lenient.get().dailyBatch(Station.of(0, 0).withWindHeightMetres(10),
                DailyColumns.builder(n, doy).latitudeDegrees(c[0]).elevationMetres(c[1]).tmax(c[2]).tmin(c[3])
                        .rhMax(c[4]).rhMin(c[5]).rhMean(c[6]).tdew(c[7]).windSpeed(c[8]).rs(c[9])
                        .sunshineHours(c[10]).tmean(c[11]).build(), eto, flags);
        String[] codes = new String[n];
        for (EtoException e : expected.errors()) {
            codes[e.row().orElseThrow()] = e.code().code();
        }
        assertTrue(expected.invalidRows() > n / 50, "the data has invalid rows: " + expected.invalidRows());
        assertEquals(n, out.size());
        int invalid = 0;
        for (int i = 0; i < n; i++) {
            Row row = out.get((long) i);
            assertSameBits(eto[i], row.getDouble(row.fieldIndex("eto")), i);
            assertEquals(flags[i], row.getLong(row.fieldIndex("flags")), "flags of row " + i);
            assertEquals(codes[i], row.getString(row.fieldIndex("eto_error")), "error of row " + i);
            invalid += codes[i] != null ? 1 : 0;
        }
        assertEquals(expected.invalidRows(), invalid);
    }

    @Test
    void strictCalculatorFailsTheJobWithTheRowKeyAndTheCode() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> frame = sampleFrame(s).withColumn("T2M_MIN",
                org.apache.spark.sql.functions.when(col("date").equalTo(Date.valueOf("2018-03-05")), 45.0)
                        .otherwise(col("T2M_MIN")));
        Dataset<Row> eto = EtoSpark.fao56Daily(frame, POWER);

        Exception failure = assertThrows(Exception.class, eto::collectAsList);
        EtoSparkException error = EtoSpark.rowFailure(failure).orElseThrow(() -> new AssertionError(failure));
        assertEquals(ErrorCode.TMIN_ABOVE_TMAX, error.code());
        assertEquals(Map.of("date", "2018-03-05"), error.rowKey());
        assertEquals("tmin", error.field().orElseThrow());
    }

    @Test
    void lenientCalculatorMarksTheRowWithNanTheFlagAndTheCode() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> frame = sampleFrame(s).withColumn("T2M_MIN",
                org.apache.spark.sql.functions.when(col("id").equalTo(700), 45.0).otherwise(col("T2M_MIN")));
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(frame, POWER,
                () -> Fao56.builder().validation(ValidationMode.LENIENT).build()));

        Row bad = out.get(700L);
        assertTrue(Double.isNaN(bad.getDouble(bad.fieldIndex("eto"))));
        assertEquals(EstimateFlag.INVALID_ROW.bit(), bad.getLong(bad.fieldIndex("flags")));
        assertEquals("ETO-1003", bad.getString(bad.fieldIndex("eto_error")));
        Row good = out.get(701L);
        assertTrue(good.getDouble(good.fieldIndex("eto")) > 0);
        assertNull(good.get(good.fieldIndex("eto_error")));
    }

    @Test
    void parquetRoundTripKeepsEveryBit(@TempDir Path dir) {
        BalsasSample s = BalsasSample.load();
        sampleFrame(s).write().parquet(dir.resolve("in").toString());
        Dataset<Row> eto = EtoSpark.fao56Daily(spark.read().parquet(dir.resolve("in").toString()), POWER)
                .withColumn("year", org.apache.spark.sql.functions.year(col("date")))
                .withColumn("month", org.apache.spark.sql.functions.month(col("date")));
        eto.coalesce(1).write().partitionBy("year", "month").parquet(dir.resolve("out").toString());

        Map<Long, Row> back = byId(spark.read().parquet(dir.resolve("out").toString()));
        Map<Long, Row> direct = byId(EtoSpark.fao56Daily(sampleFrame(s), POWER));
        assertEquals(s.size, back.size());
        for (long i = 0; i < s.size; i++) {
            Row a = back.get(i);
            Row b = direct.get(i);
            assertSameBits(b.getDouble(b.fieldIndex("eto")), a.getDouble(a.fieldIndex("eto")), (int) i);
            assertEquals(b.getLong(b.fieldIndex("flags")), a.getLong(a.fieldIndex("flags")));
            assertEquals(s.date[(int) i].getYear(), a.getInt(a.fieldIndex("year")));
        }
    }

    @Test
    void cachedInputWhoseRowsAreColumnBackedGivesTheSameBits() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> cached = sampleFrame(s).cache();
        try {
            Map<Long, Row> fromCache = byId(EtoSpark.fao56Daily(cached, POWER));
            Map<Long, Row> direct = byId(EtoSpark.fao56Daily(sampleFrame(s), POWER));
            assertEquals(s.size, fromCache.size());
            for (long i = 0; i < s.size; i++) {
                Row a = fromCache.get(i);
                Row b = direct.get(i);
                assertEquals(b, a, "row " + i);
            }
        } finally {
            cached.unpersist();
        }
    }

    @Test
    void wideRowsWhoseNullBitsNeedASecondWordKeepEveryField() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> wide = sampleFrame(s);
        for (int k = 0; wide.columns().length < 63; k++) {
            // 63 input fields + 3 results: the null bit set grows from one word to two.
            wide = wide.withColumn("x" + k, org.apache.spark.sql.functions.when(
                    col("id").mod(k + 2).equalTo(0), null).otherwise(col("id").plus(k)));
        }
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(wide, POWER));
        Map<Long, Row> narrow = byId(EtoSpark.fao56Daily(sampleFrame(s), POWER));
        Map<Long, Row> in = byId(wide);
        for (long i = 0; i < s.size; i += 13) {
            Row a = out.get(i);
            Row expected = in.get(i);
            for (int f = 0; f < expected.size(); f++) {
                assertEquals(expected.get(f), a.get(f), "row " + i + " field " + f);
            }
            Row b = narrow.get(i);
            assertSameBits(b.getDouble(b.fieldIndex("eto")), a.getDouble(a.fieldIndex("eto")), (int) i);
            assertEquals(b.getLong(b.fieldIndex("flags")), a.getLong(a.fieldIndex("flags")));
            assertNull(a.get(a.fieldIndex("eto_error")));
        }
    }

    @Test
    void floatAndIntegerColumnsAreWidenedExactly() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> narrow = sampleFrame(s)
                .withColumn("T2M_MAX", col("T2M_MAX").cast("float"))
                .withColumn("RH2M", col("RH2M").cast("int"));
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(narrow, POWER));
        Station balsas = Station.of(BalsasSample.LATITUDE, BalsasSample.ELEVATION);
        for (int i = 0; i < s.size; i += 97) {
            double expected = Fao56.defaults().daily(balsas, DailyWeather.builder(s.date[i])
                    .tmax((float) s.tmax[i]).tmin(s.tmin[i]).rhMean((int) s.rhMean[i]).u2(s.u2[i]).rs(s.rs[i])
                    .build()).eto();
            Row row = out.get((long) i);
            assertSameBits(expected, row.getDouble(row.fieldIndex("eto")), i);
        }
    }

    @Test
    void refusesAColumnThatIsNotInTheInput() {
        ColumnMapping mapping = ColumnMapping.builder().date("date").tmax("T2M_MAX").tmin("TMIN_MISSING")
                .latitude(0).elevation(0).build();
        EtoException e = assertThrows(EtoException.class,
                () -> EtoSpark.fao56Daily(sampleFrame(BalsasSample.load()), mapping));
        assertEquals(ErrorCode.MISSING_COLUMN, e.code());
        assertEquals("TMIN_MISSING", e.field().orElseThrow());
    }

    @Test
    void refusesAnOutputNameAlreadyInTheInputAndATextInput() {
        Dataset<Row> frame = sampleFrame(BalsasSample.load());
        ColumnMapping clash = ColumnMapping.builder().date("date").tmax("T2M_MAX").tmin("T2M_MIN")
                .latitude(0).elevation(0).etoColumn("RH2M").build();
        assertEquals(ErrorCode.INVALID_OPTION,
                assertThrows(EtoException.class, () -> EtoSpark.fao56Daily(frame, clash)).code());
        ColumnMapping text = ColumnMapping.builder().date("date").tmax("T2M_MAX").tmin("T2M_MIN").rs("label")
                .latitude(0).elevation(0).build();
        EtoException e = assertThrows(EtoException.class,
                () -> EtoSpark.fao56Daily(frame.withColumn("label", col("RH2M").cast("string")), text));
        assertEquals(ErrorCode.INVALID_OPTION, e.code());
        assertEquals("rs", e.field().orElseThrow());
    }

    private Dataset<Row> sampleFrame(BalsasSample s) {
        return sampleFrame(spark, s);
    }

    /** The Balsas sample as a table with an id, text columns around the inputs, in three partitions. */
    static Dataset<Row> sampleFrame(SparkSession spark, BalsasSample s) {
        List<Row> rows = new ArrayList<>(s.size);
        for (int i = 0; i < s.size; i++) {
            // A text column before and after the inputs: variable-length fields must survive the appended results.
            rows.add(RowFactory.create((long) i, "balsas-" + i, Date.valueOf(s.date[i]), s.tmax[i], s.tmin[i],
                    s.tmean[i], s.rhMean[i], s.u2[i], s.rs[i], i % 3 == 0 ? null : "note " + "x".repeat(i % 17)));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.LongType, false)
                .add("station", DataTypes.StringType, false)
                .add("date", DataTypes.DateType, false)
                .add("T2M_MAX", DataTypes.DoubleType)
                .add("T2M_MIN", DataTypes.DoubleType)
                .add("T2M", DataTypes.DoubleType)
                .add("RH2M", DataTypes.DoubleType)
                .add("WS2M", DataTypes.DoubleType)
                .add("ALLSKY_SFC_SW_DWN", DataTypes.DoubleType)
                .add("note", DataTypes.StringType, true);
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    static Map<Long, Row> byId(Dataset<Row> frame) {
        Map<Long, Row> out = new HashMap<>();
        for (Row row : frame.collectAsList()) {
            out.put(row.getLong(row.fieldIndex("id")), row);
        }
        return out;
    }

    static void assertSameBits(double expected, double actual, int row) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "row " + row + ": expected " + expected + ", got " + actual);
    }
}
