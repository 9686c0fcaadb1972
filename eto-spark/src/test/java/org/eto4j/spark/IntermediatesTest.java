package org.eto4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.eto4j.spark.Fao56DailyTest.assertSameBits;
import static org.eto4j.spark.Fao56DailyTest.byId;
import static org.eto4j.spark.Fao56DailyTest.sampleFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Intermediates;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ColumnMapping.Builder#intermediates}: eto-core's intermediates beside the batch kernel's ETo. */
class IntermediatesTest {
    private static final List<String> NAMES = List.of("eto_ra", "eto_rso", "eto_rs", "eto_rns", "eto_rnl",
            "eto_rn", "eto_g", "eto_delta", "eto_gamma", "eto_es", "eto_ea", "eto_u2", "eto_pressure");
    private static final ColumnMapping POWER = ColumnMapping.builder()
            .date("date").tmax("T2M_MAX").tmin("T2M_MIN").rhMean("RH2M").u2("WS2M").rs("ALLSKY_SFC_SW_DWN")
            .latitude(BalsasSample.LATITUDE).elevation(BalsasSample.ELEVATION)
            .key("date")
            .intermediates(true)
            .build();

    private final SparkSession spark = SharedSpark.get();

    @Test
    void sampleIntermediatesAreEtoCoresAndEtoKeepsTheBatchBits() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> out = EtoSpark.fao56Daily(sampleFrame(spark, s), POWER);
        Map<Long, Row> rows = byId(out);

        Station balsas = Station.of(BalsasSample.LATITUDE, BalsasSample.ELEVATION);
        double[] eto = new double[s.size];
        long[] flags = new long[s.size];
        Fao56.defaults().dailyBatch(balsas, DailyColumns.builder(s.size, s.dayOfYear()).tmax(s.tmax).tmin(s.tmin)
                .rhMean(s.rhMean).u2(s.u2).rs(s.rs).build(), eto, flags);
        Fao56 scalar = Fao56.builder().intermediates(true).build();
        assertEquals(NAMES, Arrays.asList(out.columns()).subList(out.columns().length - NAMES.size(),
                out.columns().length));
        assertEquals(NAMES, POWER.intermediateColumns());
        assertEquals(s.size, rows.size());
        for (int i = 0; i < s.size; i++) {
            Row row = rows.get((long) i);
            Intermediates expected = scalar.daily(balsas, DailyWeather.builder(s.date[i]).tmax(s.tmax[i])
                    .tmin(s.tmin[i]).rhMean(s.rhMean[i]).u2(s.u2[i]).rs(s.rs[i]).build()).intermediates()
                    .orElseThrow();
            assertIntermediates(expected, row, i);
            assertSameBits(eto[i], row.getDouble(row.fieldIndex("eto")), i);
            assertEquals(flags[i], row.getLong(row.fieldIndex("flags")), "flags of row " + i);
            assertNull(row.get(row.fieldIndex("eto_error")));
            assertEquals("balsas-" + i, row.getString(row.fieldIndex("station")));
        }
    }

    @Test
    void columnsAreAbsentByDefault() {
        ColumnMapping plain = ColumnMapping.builder()
                .date("date").tmax("T2M_MAX").tmin("T2M_MIN").rhMean("RH2M").u2("WS2M").rs("ALLSKY_SFC_SW_DWN")
                .latitude(BalsasSample.LATITUDE).elevation(BalsasSample.ELEVATION)
                .build();
        Dataset<Row> in = sampleFrame(spark, BalsasSample.load());
        Dataset<Row> out = EtoSpark.fao56Daily(in, plain);
        List<String> expected = new ArrayList<>(Arrays.asList(in.columns()));
        expected.addAll(List.of("eto", "flags", "eto_error"));
        assertEquals(expected, Arrays.asList(out.columns()));
        assertEquals(List.of(), plain.intermediateColumns());
        assertEquals(ColumnMapping.DEFAULT_INTERMEDIATES, plain.intermediates());
    }

    @Test
    void lenientInvalidRowHasNanIntermediates() {
        BalsasSample s = BalsasSample.load();
        Dataset<Row> frame = sampleFrame(spark, s).withColumn("T2M_MIN",
                org.apache.spark.sql.functions.when(col("id").equalTo(700), 45.0).otherwise(col("T2M_MIN")));
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(frame, POWER,
                () -> Fao56.builder().validation(ValidationMode.LENIENT).build()));

        Row bad = out.get(700L);
        assertEquals("ETO-1003", bad.getString(bad.fieldIndex("eto_error")));
        for (String name : NAMES) {
            assertTrue(Double.isNaN(bad.getDouble(bad.fieldIndex(name))), name);
        }
        Row good = out.get(701L);
        for (String name : NAMES) {
            assertTrue(Double.isFinite(good.getDouble(good.fieldIndex(name))), name);
        }
    }

    @Test
    void parquetRowsWithMissingAndInvalidValuesPerRowSitesAndWindAt10mGiveEtoCoresIntermediates(
            @TempDir Path dir) {
        ColumnarInputTest.Data data = new ColumnarInputTest.Data(2 * Fao56Partitions.BLOCK_ROWS + 301);
        String table = dir.resolve("days").toString();
        data.frame(spark).repartition(2).write().parquet(table);
        ColumnMapping mapping = ColumnMapping.builder()
                .dayOfYear("doy").latitude("lat").elevation("elev").tmax("tmax").tmin("tmin").rhMax("rhmax")
                .rhMin("rhmin").tdew("tdew").windSpeed("u10").windHeightMetres(10).rs("rs").key("id")
                .intermediates(true)
                .build();
        Map<Long, Row> out = byId(EtoSpark.fao56Daily(spark.read().parquet(table), mapping,
                ColumnarInputTest.LENIENT));

        data.assertSameAsEtoCore(out);  // ETo, flags and codes: the batch kernel's bits
        Fao56 scalar = ColumnarInputTest.LENIENT.get().toBuilder().intermediates(true).build();
        double[][] c = data.c;
        int invalid = 0;
        for (int i = 0; i < data.n; i++) {
            Row row = out.get((long) i);
            Intermediates expected;
            try {
                Station site = Station.of(c[0][i], c[1][i]).withWindHeightMetres(10);
                expected = scalar.daily(site, DailyWeather.builder(LocalDate.ofYearDay(2000, data.doy[i]))
                        .tmax(c[2][i]).tmin(c[3][i]).rhMax(c[4][i]).rhMin(c[5][i]).tdew(c[6][i])
                        .windSpeed(c[7][i]).rs(c[8][i]).build()).intermediates().orElse(null);
            } catch (EtoException e) {
                expected = null;  // an absent latitude: no station
            }
            if (expected == null) {
                invalid++;
                for (String name : NAMES) {
                    assertTrue(Double.isNaN(row.getDouble(row.fieldIndex(name))), "row " + i + " " + name);
                }
            } else {
                assertIntermediates(expected, row, i);
            }
        }
        assertTrue(invalid > data.n / 50, "invalid rows: " + invalid);
    }

    @Test
    void refusesAnIntermediateNameAlreadyInTheInput() {
        Dataset<Row> frame = sampleFrame(spark, BalsasSample.load()).withColumn("eto_rn", col("RH2M"));
        EtoException e = assertThrows(EtoException.class, () -> EtoSpark.fao56Daily(frame, POWER));
        assertEquals(ErrorCode.INVALID_OPTION, e.code());
        assertEquals("intermediates", e.field().orElseThrow());
    }

    private static void assertIntermediates(Intermediates q, Row row, int i) {
        double[] expected = {q.ra(), q.rso(), q.rs(), q.rns(), q.rnl(), q.rn(), q.g(), q.delta(), q.gamma(),
            q.es(), q.ea(), q.u2(), q.pressure()};
        for (int k = 0; k < NAMES.size(); k++) {
            double actual = row.getDouble(row.fieldIndex(NAMES.get(k)));
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual),
                    "row " + i + " " + NAMES.get(k) + ": expected " + expected[k] + ", got " + actual);
        }
    }
}
