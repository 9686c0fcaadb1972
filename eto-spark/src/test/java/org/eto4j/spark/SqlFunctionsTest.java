package org.eto4j.spark;

import static org.eto4j.spark.Fao56DailyTest.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.eto4j.core.AsceEwri;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.Fao56;
import org.eto4j.core.ReferenceCrop;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlFunctionsTest {
    private static final SparkSession SPARK = SharedSpark.get();
    private static BalsasSample sample;

    @BeforeAll
    static void registerAndLoad() {
        EtoSpark.register(SPARK);
        sample = BalsasSample.load();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sample.size; i += 7) {
            // RH2M stands in for both extremes; every 5th row leaves humidity and wind out (missing-data path).
            Double rh = i % 5 == 0 ? null : sample.rhMean[i];
            Double u2 = i % 5 == 0 ? null : sample.u2[i];
            rows.add(RowFactory.create((long) i, Date.valueOf(sample.date[i]), sample.tmax[i], sample.tmin[i], rh,
                    u2, sample.rs[i]));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("day", DataTypes.DateType)
                .add("tmax", DataTypes.DoubleType).add("tmin", DataTypes.DoubleType)
                .add("rh", DataTypes.DoubleType).add("u2", DataTypes.DoubleType).add("rs", DataTypes.DoubleType);
        SPARK.createDataFrame(rows, schema).createOrReplaceTempView("balsas_sql");
    }

    @Test
    void fao56DailyAndAsceFunctionsGiveEtoCoresValues() {
        List<Row> out = SPARK.sql("SELECT id, "
                + "fao56_daily(day, -7.5312, 256, tmax, tmin, rh, rh, NULL, u2, rs) AS fao, "
                + "asce_daily_short(day, -7.5312, 256, tmax, tmin, rh, rh, NULL, u2, rs) AS short, "
                + "asce_daily_tall(day, -7.5312, 256, tmax, tmin, rh, rh, NULL, u2, rs) AS tall "
                + "FROM balsas_sql").collectAsList();
        Station balsas = Station.of(BalsasSample.LATITUDE, BalsasSample.ELEVATION);
        AsceEwri tall = AsceEwri.builder().crop(ReferenceCrop.TALL).build();
        assertEquals((sample.size + 6) / 7, out.size());
        for (Row row : out) {
            int i = (int) row.getLong(0);
            DailyWeather.Builder day = DailyWeather.builder(sample.date[i]).tmax(sample.tmax[i]).tmin(sample.tmin[i])
                    .rs(sample.rs[i]);
            if (i % 5 != 0) {
                day.rhMax(sample.rhMean[i]).rhMin(sample.rhMean[i]).u2(sample.u2[i]);
            }
            DailyWeather weather = day.build();
            assertSameBits(Fao56.defaults().daily(balsas, weather).eto(), row.getDouble(1), i);
            assertSameBits(AsceEwri.defaults().daily(balsas, weather).eto(), row.getDouble(2), i);
            assertSameBits(tall.daily(balsas, weather).eto(), row.getDouble(3), i);
            assertTrue(row.getDouble(3) > row.getDouble(2), "ETrs exceeds ETos");
        }
    }

    @Test
    void fao56DailyTakesADayOfYearAndFlagsTurnIntoTokens() {
        Row row = SPARK.sql("SELECT fao56_daily(187, 50.8, 100, 21.5, 12.3, 84, 63, NULL, 2.078, 22.07) AS eto, "
                + "eto_flags(CAST(256 + 128 AS BIGINT)) AS tokens").first();
        double expected = Fao56.defaults().daily(Station.of(50.8, 100), DailyWeather.builder(
                java.time.LocalDate.of(2024, 7, 5)).tmax(21.5).tmin(12.3).rhMax(84).rhMin(63).u2(2.078).rs(22.07)
                .build()).eto();
        assertSameBits(expected, row.getDouble(0), 0);
        assertEquals(List.of("polar_night", "tmean_from_extremes"), row.getList(1));
    }

    @Test
    void strictFunctionFailsTheQueryAndLenientOneGivesNan() {
        Exception failure = assertThrows(Exception.class, () -> SPARK.sql(
                "SELECT fao56_daily(day, -7.5312, 256, tmin, tmax, rh, rh, NULL, u2, rs) FROM balsas_sql")
                .collectAsList());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof org.eto4j.core.EtoException)) {
            cause = cause.getCause();
        }
        assertEquals(ErrorCode.TMIN_ABOVE_TMAX, ((org.eto4j.core.EtoException) cause).code());

        SparkSession lenient = SPARK.newSession();
        EtoSpark.register(lenient, () -> Fao56.builder().validation(ValidationMode.LENIENT).build());
        Row row = lenient.sql("SELECT fao56_daily(DATE'2020-01-01', -7.5, 256, 20.0, 30.0, 80, 60, NULL, 2, 20)")
                .first();
        assertTrue(Double.isNaN(row.getDouble(0)));
    }
}
