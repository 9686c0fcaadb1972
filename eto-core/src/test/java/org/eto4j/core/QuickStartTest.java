package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code samples of eto-core/README.md, compiled and checked (keep both in step). */
class QuickStartTest {

    @Test
    void dailyQuickStart() {
        // README: quick start
        Station brussels = Station.of(50.8, 100).withWindHeightMetres(10);
        Fao56 fao56 = Fao56.defaults();

        DailyWeather day = DailyWeather.builder(LocalDate.of(2024, 7, 5))
                .tmax(21.5).tmin(12.3)
                .rhMax(84).rhMin(63)
                .windSpeed(10 / 3.6)      // 10 km/h measured at 10 m
                .sunshineHours(9.25)
                .build();

        EtoResult result = fao56.daily(brussels, day);
        double etoMm = result.eto();                 // 3.88 mm/day (FAO-56 example 18)
        Set<EstimateFlag> flags = result.flags();    // RS_FROM_SUNSHINE, WIND_FROM_HEIGHT, TMEAN_FROM_EXTREMES
        // end of quick start

        assertEquals(187, day.date().getDayOfYear());
        assertEquals(3.880259, etoMm, 5e-7);
        assertEquals(Set.of(EstimateFlag.RS_FROM_SUNSHINE, EstimateFlag.WIND_FROM_HEIGHT,
                EstimateFlag.TMEAN_FROM_EXTREMES), flags);
    }

    @Test
    void batchQuickStart() {
        // README: batch
        Station lyon = Station.of(45.72, 200);
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();

        int[] dayOfYear = {196, 197, 198};
        double[] tmax = {26.6, 27.0, 12.0};
        double[] tmin = {14.8, 15.1, 18.0};            // row 2 is impossible: Tmin > Tmax
        DailyColumns columns = DailyColumns.builder(3, dayOfYear).tmax(tmax).tmin(tmin).build();

        double[] eto = new double[3];
        long[] flags = new long[3];
        BatchResult outcome = lenient.dailyBatch(lyon, columns, eto, flags);
        // eto[2] is NaN, flags[2] has EstimateFlag.INVALID_ROW.bit(),
        // outcome.errors().get(0) is ErrorCode.TMIN_ABOVE_TMAX at row 2, field "tmin"
        // end of batch

        assertEquals(1, outcome.invalidRows());
        assertTrue(Double.isNaN(eto[2]));
        assertEquals(EstimateFlag.INVALID_ROW.bit(), flags[2]);
        EtoException e = outcome.errors().get(0);
        assertEquals(ErrorCode.TMIN_ABOVE_TMAX, e.code());
        assertEquals(2, e.row().getAsInt());
        assertEquals("tmin", e.field().orElseThrow());
        assertArrayEquals(new Object[] {18.0, 12.0}, e.args().toArray());
        assertTrue(eto[0] > 4 && eto[0] < 5);
        assertTrue((flags[0] & EstimateFlag.RS_FROM_TEMPERATURE_RANGE.bit()) != 0);
    }
}
