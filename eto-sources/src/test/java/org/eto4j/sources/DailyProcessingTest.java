package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DailyProcessingTest {
    private static final GeoPoint EQUATOR = new GeoPoint(0, 0);
    private static final LocalDate START = LocalDate.of(2023, 3, 20);

    private static DailySeries process(int maxGap, DailyTable t) {
        new DailyProcessing(maxGap, CoreScience.INSTANCE).apply(t, EQUATOR);
        return t.freeze(SourceId.NASA_POWER, EQUATOR, EQUATOR, ZoneOffset.UTC, null);
    }

    private static DailyTable table(Variable v, double... values) {
        DailyTable t = new DailyTable(START, values.length);
        for (int d = 0; d < values.length; d++) {
            t.set(d, v, values[d]);
        }
        return t;
    }

    @Test
    void fillsInteriorGapsUpToTheLimitOnly() {
        double n = Double.NaN;
        DailySeries s = process(2, table(Variable.TMAX, 30, n, n, 33, n, n, n, 20, n));
        assertEquals(31, s.value(1, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(32, s.value(2, Variable.TMAX).orElseThrow(), 1e-12);
        assertEquals(Set.of(ValueFlag.FILLED_LINEAR), s.flags(1, Variable.TMAX));
        for (int d = 4; d <= 6; d++) {
            assertTrue(s.value(d, Variable.TMAX).isEmpty(), "three-day gap stays open");
            assertEquals(Set.of(ValueFlag.MISSING), s.flags(d, Variable.TMAX));
        }
        assertTrue(s.value(8, Variable.TMAX).isEmpty(), "trailing gap is never extrapolated");
        assertEquals(2, s.count(Variable.TMAX, ValueFlag.FILLED_LINEAR));
        assertEquals(4, s.count(Variable.TMAX, ValueFlag.MISSING));
    }

    @Test
    void zeroGapLimitFillsNothing() {
        DailySeries s = process(0, table(Variable.TMAX, 30, Double.NaN, 32));
        assertTrue(s.value(1, Variable.TMAX).isEmpty());
    }

    @Test
    void rejectsValuesOutsidePhysicalLimitsAndFlagsThem() {
        DailySeries s = process(0, table(Variable.WIND_SPEED_2M, 2.0, -0.5, 75.0));
        assertEquals(2.0, s.value(0, Variable.WIND_SPEED_2M).orElseThrow());
        assertEquals(Set.of(ValueFlag.REJECTED_OUT_OF_RANGE, ValueFlag.MISSING), s.flags(1, Variable.WIND_SPEED_2M));
        assertEquals(Set.of(ValueFlag.REJECTED_OUT_OF_RANGE, ValueFlag.MISSING), s.flags(2, Variable.WIND_SPEED_2M));
    }

    @Test
    void aRejectedValueInsideAShortGapIsFilledAndSaysBoth() {
        DailySeries s = process(2, table(Variable.TMIN, 10, 99, 12));
        assertEquals(11, s.value(1, Variable.TMIN).orElseThrow(), 1e-12);
        assertEquals(Set.of(ValueFlag.REJECTED_OUT_OF_RANGE, ValueFlag.FILLED_LINEAR), s.flags(1, Variable.TMIN));
    }

    @Test
    void clampsHumiditySlightlyAboveSaturation() {
        DailySeries s = process(0, table(Variable.RH_MAX, 100.8, 130, 95));
        assertEquals(100, s.value(0, Variable.RH_MAX).orElseThrow());
        assertEquals(Set.of(ValueFlag.CLAMPED_TO_LIMIT), s.flags(0, Variable.RH_MAX));
        assertTrue(s.flags(1, Variable.RH_MAX).contains(ValueFlag.REJECTED_OUT_OF_RANGE));
    }

    @Test
    void rejectsSolarRadiationAboveExtraterrestrialRadiation() {
        // FAO-56 eq. 21 at the equator on 20 March (J = 79): Ra ≈ 37.9 MJ m⁻² day⁻¹ (FAO-56 Annex 2, Table 2.6:
        // 37.9 for March at 0°).
        double ra = CoreScience.INSTANCE.extraterrestrialRadiation(0, 79);
        assertEquals(37.9, ra, 0.2);
        // Within eto-core's tolerance (1.05 Ra + 0.5) a value is kept; beyond it, removed.
        double ra80 = CoreScience.INSTANCE.extraterrestrialRadiation(0, 80);
        double ra81 = CoreScience.INSTANCE.extraterrestrialRadiation(0, 81);
        DailySeries s = process(0, table(Variable.SOLAR_RADIATION, 25.0, ra80 * 1.05 + 0.49, ra81 * 1.05 + 0.51));
        assertEquals(25.0, s.value(0, Variable.SOLAR_RADIATION).orElseThrow());
        assertEquals(Set.of(), s.flags(1, Variable.SOLAR_RADIATION));
        assertEquals(Set.of(ValueFlag.REJECTED_RS_ABOVE_RA, ValueFlag.MISSING), s.flags(2, Variable.SOLAR_RADIATION));
    }

    @Test
    void rejectsBothExtremesWhenTminIsAboveTmax() {
        DailyTable t = table(Variable.TMAX, 20, 25);
        t.set(0, Variable.TMIN, 22);
        t.set(1, Variable.TMIN, 15);
        DailySeries s = process(0, t);
        assertTrue(s.value(0, Variable.TMAX).isEmpty());
        assertTrue(s.value(0, Variable.TMIN).isEmpty());
        assertTrue(s.flags(0, Variable.TMIN).contains(ValueFlag.REJECTED_TMIN_ABOVE_TMAX));
        assertEquals(25, s.value(1, Variable.TMAX).orElseThrow());
    }

    @Test
    void convertsTenMetreWindByFao56Equation47() {
        DailySeries s = process(0, table(Variable.WIND_SPEED_10M, 4.0));
        // FAO-56 Example 14: 3.2 m/s at 10 m → 2.4 m/s at 2 m; eq. 47 factor at 10 m is 0.748.
        assertEquals(4.0 * 0.747951, s.value(0, Variable.WIND_SPEED_2M).orElseThrow(), 1e-6);
        assertEquals(2.4, CoreScience.INSTANCE.windAt2Metres(3.2, 10), 0.01);
        assertEquals(Set.of(ValueFlag.WIND_FROM_10M), s.flags(0, Variable.WIND_SPEED_2M));
    }
}
