package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of invalid input gets its documented code, field, row and arguments. */
class ValidationTest {

    private static final Station LYON = Station.of(45.72, 200);
    private static final LocalDate JULY_15 = LocalDate.of(2023, 7, 15);

    private static DailyWeather.Builder valid() {
        return DailyWeather.builder(JULY_15).tmax(26.6).tmin(14.8);
    }

    static EtoException assertError(ErrorCode code, String field, int row, Executable call) {
        EtoException e = assertThrows(EtoException.class, call);
        assertEquals(code, e.code(), e::getMessage);
        assertEquals(field, e.field().orElse(null), e::getMessage);
        if (row < 0) {
            assertTrue(e.row().isEmpty(), e::getMessage);
        } else {
            assertEquals(row, e.row().getAsInt(), e::getMessage);
        }
        assertEquals("error." + code.name().toLowerCase(java.util.Locale.ROOT), e.messageKey());
        return e;
    }

    static Stream<Arguments> invalidDays() {
        return Stream.of(
                bad("tmax absent", b -> b.tmax(Double.NaN), ErrorCode.MISSING_INPUT, "tmax", "tmax", "fao56-daily"),
                bad("tmin absent", b -> b.tmin(Double.NaN), ErrorCode.MISSING_INPUT, "tmin", "tmin", "fao56-daily"),
                bad("tmax too hot", b -> b.tmax(70), ErrorCode.VALUE_OUT_OF_RANGE, "tmax", "tmax", 70.0, -90.0, 60.0),
                bad("tmin too cold", b -> b.tmin(-95), ErrorCode.VALUE_OUT_OF_RANGE, "tmin", "tmin", -95.0, -90.0,
                        60.0),
                bad("tmin infinite", b -> b.tmin(Double.NEGATIVE_INFINITY), ErrorCode.VALUE_NOT_FINITE, "tmin",
                        "tmin"),
                bad("tmin above tmax", b -> b.tmin(30), ErrorCode.TMIN_ABOVE_TMAX, "tmin", 30.0, 26.6),
                bad("tmean out of range", b -> b.tmean(99), ErrorCode.VALUE_OUT_OF_RANGE, "tmean", "tmean", 99.0,
                        -90.0, 60.0),
                bad("rh_max above 100", b -> b.rhMax(101), ErrorCode.VALUE_OUT_OF_RANGE, "rh_max", "rh_max", 101.0,
                        0.0, 100.0),
                bad("rh_min negative", b -> b.rhMin(-1), ErrorCode.VALUE_OUT_OF_RANGE, "rh_min", "rh_min", -1.0, 0.0,
                        100.0),
                bad("rh_mean above 100", b -> b.rhMean(150), ErrorCode.VALUE_OUT_OF_RANGE, "rh_mean", "rh_mean",
                        150.0, 0.0, 100.0),
                bad("rh_min above rh_max", b -> b.rhMax(50).rhMin(60), ErrorCode.RH_MIN_ABOVE_RH_MAX, "rh_min", 60.0,
                        50.0),
                bad("tdew above tmax", b -> b.tdew(28), ErrorCode.TDEW_ABOVE_TEMPERATURE, "tdew", 28.0, 26.6),
                bad("ea negative", b -> b.ea(-0.1), ErrorCode.VALUE_OUT_OF_RANGE, "ea", "ea", -0.1, 0.0, 10.0),
                bad("ea NaN is absent but infinity is not", b -> b.ea(Double.POSITIVE_INFINITY),
                        ErrorCode.VALUE_NOT_FINITE, "ea", "ea"),
                bad("wind negative", b -> b.windSpeed(-1), ErrorCode.VALUE_OUT_OF_RANGE, "uz", "uz", -1.0, 0.0, 75.0),
                bad("u2 negative", b -> b.u2(-0.5), ErrorCode.VALUE_OUT_OF_RANGE, "u2", "u2", -0.5, 0.0, 75.0),
                bad("rs negative", b -> b.rs(-2), ErrorCode.VALUE_OUT_OF_RANGE, "rs", "rs", -2.0, 0.0, 50.0),
                bad("sunshine negative", b -> b.sunshineHours(-1), ErrorCode.VALUE_OUT_OF_RANGE, "sunshine_hours",
                        "sunshine_hours", -1.0, 0.0, 24.0));
    }

    private static Arguments bad(String name, UnaryOperator<DailyWeather.Builder> edit, ErrorCode code, String field,
                                 Object... args) {
        return Arguments.of(name, edit, code, field, List.of(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDays")
    void invalidDailyValue(String name, UnaryOperator<DailyWeather.Builder> edit, ErrorCode code, String field,
                           List<Object> args) {
        DailyWeather w = edit.apply(valid()).build();
        EtoException scalar = assertError(code, field, -1, () -> Fao56.defaults().daily(LYON, w));
        assertEquals(args, scalar.args());
        // In a list the row is the list index.
        assertError(code, field, 2, () -> Fao56.defaults().daily(LYON, List.of(valid().build(), valid().build(), w)));
        // Lenient mode marks the row and keeps the error.
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        List<EtoResult> rs = lenient.daily(LYON, List.of(valid().build(), w, valid().build()));
        assertTrue(rs.get(0).isValid());
        assertTrue(Double.isNaN(rs.get(1).eto()));
        assertEquals(java.util.Set.of(EstimateFlag.INVALID_ROW), rs.get(1).flags());
        assertEquals(code, rs.get(1).error().orElseThrow().code());
        assertEquals(1, rs.get(1).error().orElseThrow().row().getAsInt());
        assertTrue(rs.get(2).isValid());
        assertTrue(Double.isFinite(rs.get(2).eto()));
    }

    @Test
    void solarRadiationAboveExtraterrestrial() {
        double ra = Radiation.extraterrestrialDaily(LYON.latitudeRadians(), JULY_15.getDayOfYear());
        EtoException e = assertError(ErrorCode.RS_ABOVE_EXTRATERRESTRIAL, "rs", -1,
                () -> Fao56.defaults().daily(LYON, valid().rs(45).build()));
        assertEquals(List.of(45.0, ra), e.args());
        // Within the tolerance (sensor calibration): accepted, and Rs/Rso bounded at 1.
        EtoResult ok = Fao56.defaults().daily(LYON, valid().rs(ra).build());
        assertTrue(ok.has(EstimateFlag.RS_RSO_BOUNDED));
    }

    @Test
    void sunshineLongerThanTheDay() {
        EtoException e = assertError(ErrorCode.SUNSHINE_ABOVE_DAYLENGTH, "sunshine_hours", -1,
                () -> Fao56.defaults().daily(LYON, valid().sunshineHours(17).build()));
        assertEquals(17.0, e.args().get(0));
        assertTrue((double) e.args().get(1) < 16);
    }

    @Test
    void batchErrorsCarryAbsoluteRows() {
        int[] doy = {196, 0, 196, 367};
        double[] tmax = {26.6, 26.6, 26.6, 26.6};
        double[] tmin = {14.8, 14.8, 30.0, 14.8};
        DailyColumns cols = DailyColumns.builder(4, doy).firstRowIndex(1000).tmax(tmax).tmin(tmin).build();
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "day_of_year", 1001,
                () -> Fao56.defaults().dailyBatch(LYON, cols, new double[4], new long[4]));
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        double[] eto = new double[4];
        long[] flags = new long[4];
        BatchResult r = lenient.dailyBatch(LYON, cols, eto, flags);
        assertEquals(4, r.rows());
        assertEquals(3, r.invalidRows());
        assertEquals(List.of(1001, 1002, 1003), r.errors().stream().map(x -> x.row().getAsInt()).toList());
        assertEquals(List.of(ErrorCode.VALUE_OUT_OF_RANGE, ErrorCode.TMIN_ABOVE_TMAX, ErrorCode.VALUE_OUT_OF_RANGE),
                r.errors().stream().map(EtoException::code).toList());
        assertTrue(Double.isFinite(eto[0]));
        assertEquals(EstimateFlag.INVALID_ROW.bit(), flags[3]);
        // Flags may be omitted.
        assertEquals(3, lenient.dailyBatch(LYON, cols, eto, null).invalidRows());
    }

    @Test
    void batchShapeErrors() {
        int[] doy = {1, 2, 3};
        double[] three = {20, 20, 20};
        double[] two = {10, 10};
        assertError(ErrorCode.LENGTH_MISMATCH, "tmin", -1,
                () -> DailyColumns.builder(3, doy).tmax(three).tmin(two).build());
        assertError(ErrorCode.LENGTH_MISMATCH, "rs", -1,
                () -> DailyColumns.builder(3, doy).tmax(three).tmin(three).rs(two).build());
        assertError(ErrorCode.LENGTH_MISMATCH, "day_of_year", -1,
                () -> DailyColumns.builder(4, doy).tmax(new double[4]).tmin(new double[4]).build());
        assertError(ErrorCode.MISSING_INPUT, "tmax", -1, () -> DailyColumns.builder(3, doy).tmin(three).build());
        assertError(ErrorCode.MISSING_INPUT, "tmin", -1, () -> DailyColumns.builder(3, doy).tmax(three).build());
        assertError(ErrorCode.INVALID_OPTION, "size", -1, () -> DailyColumns.builder(-1, doy).build());
        DailyColumns cols = DailyColumns.builder(3, doy).tmax(three).tmin(new double[] {10, 10, 10}).build();
        assertError(ErrorCode.LENGTH_MISMATCH, "eto", -1,
                () -> Fao56.defaults().dailyBatch(LYON, cols, new double[2], null));
        assertError(ErrorCode.LENGTH_MISMATCH, "flags", -1,
                () -> Fao56.defaults().dailyBatch(LYON, cols, new double[3], new long[1]));
        // Longer columns are fine: only the first size cells are read.
        assertEquals(2, Fao56.defaults().dailyBatch(LYON,
                DailyColumns.builder(2, doy).tmax(three).tmin(three).build(), new double[2], null).rows());
    }

    @Test
    void invalidStations() {
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "latitude", -1, () -> Station.of(90.5, 0));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "latitude", -1, () -> Station.of(-91, 0));
        assertError(ErrorCode.VALUE_NOT_FINITE, "latitude", -1, () -> Station.of(Double.NaN, 0));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "longitude", -1, () -> Station.of(10, 181, 0));
        assertError(ErrorCode.VALUE_NOT_FINITE, "longitude", -1, () -> Station.of(10, Double.POSITIVE_INFINITY, 0));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "elevation", -1, () -> Station.of(10, -600));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "elevation", -1, () -> Station.of(10, 9500));
        assertError(ErrorCode.VALUE_NOT_FINITE, "elevation", -1, () -> Station.of(10, Double.NaN));
        EtoException e = assertError(ErrorCode.VALUE_OUT_OF_RANGE, "wind_height", -1,
                () -> Station.of(10, 0).withWindHeightMetres(0.1));
        assertEquals(List.of("wind_height", 0.1, 0.5, 100.0), e.args());
        assertFalse(Station.of(10, 0).hasLongitude());
        assertTrue(Station.of(10, 0).withLongitudeDegrees(5).hasLongitude());
    }

    @Test
    void invalidOptionsNameTheOptionAndTheRange() {
        EtoException e = assertError(ErrorCode.INVALID_OPTION, "kRs", -1, () -> Fao56.builder().kRs(0.5).build());
        assertEquals(List.of("kRs", 0.5, "0.1..0.3"), e.args());
        assertError(ErrorCode.INVALID_OPTION, "aridTminOffsetCelsius", -1,
                () -> Fao56.builder().aridTminOffsetCelsius(-1).build());
        assertError(ErrorCode.INVALID_OPTION, "angstromAsPlusBs", -1,
                () -> Fao56.builder().angstrom(0.6, 0.6).build());
        assertError(ErrorCode.INVALID_OPTION, "angstromAs", -1, () -> Fao56.builder().angstrom(-0.1, 0.5).build());
        assertError(ErrorCode.INVALID_OPTION, "defaultWindSpeed", -1,
                () -> Fao56.builder().defaultWindSpeed(Double.NaN).build());
        assertError(ErrorCode.INVALID_OPTION, "stefanBoltzmann", -1,
                () -> Fao56.builder().stefanBoltzmann(5.67e-8).build());
        assertError(ErrorCode.INVALID_OPTION, "stefanBoltzmannHourly", -1,
                () -> Fao56.builder().stefanBoltzmannHourly(4.903e-9).build());
        assertError(ErrorCode.INVALID_OPTION, "kelvinOffset", -1, () -> Fao56.builder().kelvinOffset(0).build());
        assertError(ErrorCode.INVALID_OPTION, "hourlyCn", -1,
                () -> Fao56.builder().hourlyCoefficients(0, 0.34, 0.34).build());
        assertError(ErrorCode.INVALID_OPTION, "hourlyCdNight", -1,
                () -> Fao56.builder().hourlyCoefficients(37, 0.24, 3).build());
        assertError(ErrorCode.INVALID_OPTION, "hourlyGDay", -1,
                () -> Fao56.builder().hourlySoilHeatFluxFractions(1.5, 0.5).build());
        assertError(ErrorCode.INVALID_OPTION, "assumedRsRso", -1, () -> Fao56.builder().assumedRsRso(0).build());
        assertError(ErrorCode.INVALID_OPTION, "nightRsRso", -1, () -> NightRsRso.fixed(1.2));
        assertThrows(NullPointerException.class, () -> Fao56.builder().validation(null));
    }

    // ------------------------------------------------------------------------------------------------ hourly

    private static final Station NDIAYE = Station.of(16.22, -16.25, 8);

    private static HourlyWeather.Builder hour(String time) {
        return HourlyWeather.builder(OffsetDateTime.parse(time)).t(38).rh(52).u2(3.3).rs(2.45);
    }

    @Test
    void hourlyNeedsTheLongitude() {
        EtoException e = assertError(ErrorCode.MISSING_INPUT, "longitude", -1,
                () -> Fao56.defaults().hourly(Station.of(16.22, 8), List.of(hour("1998-10-01T14:00Z").build())));
        assertEquals(List.of("longitude", Fao56.METHOD_HOURLY), e.args());
    }

    @Test
    void invalidHourlyValues() {
        Fao56 f = Fao56.defaults();
        String ts = "1998-10-01T14:00Z";
        assertError(ErrorCode.MISSING_INPUT, "t", 0, () -> f.hourly(NDIAYE, List.of(hour(ts).t(Double.NaN).build())));
        assertError(ErrorCode.MISSING_INPUT, "rs", 0,
                () -> f.hourly(NDIAYE, List.of(hour(ts).rs(Double.NaN).build())));
        assertError(ErrorCode.MISSING_INPUT, "rh", 0,
                () -> f.hourly(NDIAYE, List.of(hour(ts).rh(Double.NaN).build())));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "rh", 0, () -> f.hourly(NDIAYE, List.of(hour(ts).rh(120).build())));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "rs", 0, () -> f.hourly(NDIAYE, List.of(hour(ts).rs(6).build())));
        assertError(ErrorCode.VALUE_OUT_OF_RANGE, "uz", 0,
                () -> f.hourly(NDIAYE, List.of(hour(ts).u2(Double.NaN).windSpeed(-3).build())));
        assertError(ErrorCode.TDEW_ABOVE_TEMPERATURE, "tdew", 0,
                () -> f.hourly(NDIAYE, List.of(hour(ts).tdew(40).build())));
        assertError(ErrorCode.VALUE_NOT_FINITE, "t", 0,
                () -> f.hourly(NDIAYE, List.of(hour(ts).t(Double.POSITIVE_INFINITY).build())));
    }

    @Test
    void hourlyTimeStampsMustIncrease() {
        HourlyWeather a = hour("1998-10-01T14:00Z").build();
        HourlyWeather b = hour("1998-10-01T15:00Z").build();
        HourlyWeather sameInstant = hour("1998-10-01T16:00+01:00").build();
        HourlyWeather earlier = hour("1998-10-01T13:00Z").build();
        EtoException dup = assertError(ErrorCode.DUPLICATE_TIMESTAMP, "datetime", 2,
                () -> Fao56.defaults().hourly(NDIAYE, List.of(a, b, sameInstant)));
        assertEquals(List.of("datetime", "1998-10-01T16:00+01:00", 2), dup.args()); // first seen in row 2
        assertError(ErrorCode.TIMESTAMP_OUT_OF_ORDER, "datetime", 2,
                () -> Fao56.defaults().hourly(NDIAYE, List.of(a, b, earlier)));
        // Lenient: the bad hours are marked, the series goes on.
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        HourlyWeather c = hour("1998-10-01T16:00Z").build();
        List<EtoResult> rs = lenient.hourly(NDIAYE, List.of(a, b, earlier, b, c));
        assertEquals(List.of(true, true, false, false, true), rs.stream().map(EtoResult::isValid).toList());
        assertEquals(ErrorCode.TIMESTAMP_OUT_OF_ORDER, rs.get(2).error().orElseThrow().code());
        assertEquals(ErrorCode.DUPLICATE_TIMESTAMP, rs.get(3).error().orElseThrow().code());
    }

    // ----------------------------------------------------------------------------------------------- monthly

    @Test
    void monthlyRejectsRepeatedMonths() {
        MonthlyWeather april = MonthlyWeather.builder(YearMonth.of(2015, 4)).tmax(34.8).tmin(25.6).build();
        EtoException e = assertError(ErrorCode.DUPLICATE_TIMESTAMP, "month", 1,
                () -> Fao56.defaults().monthly(LYON, List.of(april, april)));
        assertEquals(List.of("month", "2015-04", 1), e.args()); // first seen in row 1
        List<EtoResult> rs = Fao56.builder().validation(ValidationMode.LENIENT).build()
                .monthly(LYON, List.of(april, april));
        assertTrue(rs.get(0).isValid());
        assertFalse(rs.get(1).isValid());
    }

    @Test
    void monthlyValuesAreChecked() {
        MonthlyWeather bad = MonthlyWeather.builder(YearMonth.of(2015, 4)).tmax(20).tmin(25.6).build();
        assertError(ErrorCode.TMIN_ABOVE_TMAX, "tmin", 0, () -> Fao56.defaults().monthly(LYON, List.of(bad)));
        assertError(ErrorCode.TMIN_ABOVE_TMAX, "tmin", -1,
                () -> Fao56.defaults().monthly(LYON, bad, Double.NaN, Double.NaN));
    }

    @Test
    void exceptionMessageIsTechnicalNotProse() {
        EtoException e = assertThrows(EtoException.class,
                () -> Fao56.defaults().daily(LYON, List.of(valid().tmin(30).build())));
        assertEquals("ETO-1003 error.tmin_above_tmax field=tmin row=0 args=[30.0, 26.6]", e.getMessage());
        assertEquals(e.code(), e.atRow(7).code());
        assertEquals(7, e.atRow(7).row().getAsInt());
    }
}
