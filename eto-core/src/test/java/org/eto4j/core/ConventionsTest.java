package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The named conventions, the missing-data order and the polar edge cases. */
class ConventionsTest {

    private static final Fao56 FAO = Fao56.builder().intermediates(true).build();
    private static final Station LYON = Station.of(45.72, 200);
    private static final LocalDate JULY_15 = LocalDate.of(2023, 7, 15);

    private static Intermediates inter(Fao56 f, Station s, DailyWeather w) {
        return f.daily(s, w).intermediates().orElseThrow();
    }

    private static DailyWeather.Builder day() {
        return DailyWeather.builder(JULY_15).tmax(26.6).tmin(14.8);
    }

    @Test
    void polarGeometryIsDefined() {
        // Edge cases also tested by RefET: ωs clamped to [0, π].
        assertEquals(Math.PI, SolarGeometry.sunsetHourAngle(Math.toRadians(70), SolarGeometry.declination(182)));
        assertEquals(0.0, SolarGeometry.sunsetHourAngle(Math.toRadians(-70), SolarGeometry.declination(182)));
        assertEquals(0.0, SolarGeometry.sunsetHourAngle(Math.toRadians(70), SolarGeometry.declination(1)));
        assertEquals(0.0, Radiation.extraterrestrialDaily(Math.toRadians(68), 1));
        assertEquals(0.0, Radiation.extraterrestrialDaily(Math.toRadians(80), 55));
        assertEquals(0.0, Radiation.clearSky(0, 0.0));
        assertEquals(24.0, SolarGeometry.daylightHours(Math.PI));
        assertTrue(Radiation.extraterrestrialDaily(Math.toRadians(90), 172) > 45);
        assertEquals(0.0, Radiation.extraterrestrialDaily(Math.toRadians(-90), 172));
        assertEquals(0.0, Radiation.solarFromSunshine(0, 0, 0, 0.25, 0.5));
    }

    @Test
    void polarNightDayUsesTheAssumedRatioAndIsFlagged() {
        Station svalbard = Station.of(78.2, 10);
        DailyWeather w = DailyWeather.builder(LocalDate.of(2023, 12, 21)).tmax(-8).tmin(-15).build();
        EtoResult r = FAO.daily(svalbard, w);
        Intermediates i = r.intermediates().orElseThrow();
        assertEquals(0.0, i.ra());
        assertEquals(0.0, i.rso());
        assertEquals(0.0, i.rs());
        assertEquals(Fao56.DEFAULT_ASSUMED_RS_RSO, i.relativeShortwave());
        assertTrue(r.has(EstimateFlag.POLAR_NIGHT));
        assertTrue(Double.isFinite(r.eto()));
        Fao56 other = FAO.toBuilder().assumedRsRso(0.5).build();
        assertEquals(0.5, inter(other, svalbard, w).relativeShortwave());
    }

    @Test
    void rsRsoBoundIsAnOption() {
        double ra = Radiation.extraterrestrialDaily(LYON.latitudeRadians(), 196);
        DailyWeather cloudy = day().rs(0.1 * ra).build();
        EtoResult fao = FAO.daily(LYON, cloudy);
        double raw = 0.1 * ra / Radiation.clearSky(200, ra);
        assertEquals(raw, fao.intermediates().orElseThrow().relativeShortwave(), 1e-15);
        assertFalse(fao.has(EstimateFlag.RS_RSO_BOUNDED));
        Fao56 asce = FAO.toBuilder().rsRsoBound(RsRsoBound.CLIP_0_3_TO_1).build();
        EtoResult clipped = asce.daily(LYON, cloudy);
        assertEquals(0.3, clipped.intermediates().orElseThrow().relativeShortwave());
        assertTrue(clipped.has(EstimateFlag.RS_RSO_BOUNDED));
        assertEquals(1.0, RsRsoBound.AT_MOST_ONE.apply(1.2));
        assertEquals(0.1, RsRsoBound.AT_MOST_ONE.apply(0.1));
    }

    @Test
    void rsoFormulaIsAnOption() {
        Fao56 angstrom = FAO.toBuilder().rsoFormula(RsoFormula.ANGSTROM).angstrom(0.2, 0.6).build();
        Intermediates i = inter(angstrom, LYON, day().build());
        assertEquals(0.8 * i.ra(), i.rso(), 1e-12);
        assertEquals((0.75 + 2e-5 * 200) * i.ra(), inter(FAO, LYON, day().build()).rso(), 1e-12);
    }

    @Test
    void coastalKrsAndAridOffset() {
        Fao56 coastal = FAO.toBuilder().kRs(Radiation.KRS_COASTAL).build();
        assertEquals(inter(FAO, LYON, day().build()).rs() * 0.19 / 0.16, inter(coastal, LYON, day().build()).rs(),
                1e-12);
        Fao56 arid = FAO.toBuilder().aridTminOffsetCelsius(2).build();
        assertEquals(VapourPressure.saturation(12.8), inter(arid, LYON, day().build()).ea(), 1e-12);
    }

    @Test
    void humidityRouteOrder() {
        double eaGiven = inter(FAO, LYON, day().ea(1.1).tdew(10).rhMax(80).rhMin(40).rhMean(60).build()).ea();
        assertEquals(1.1, eaGiven);
        assertEquals(VapourPressure.saturation(10),
                inter(FAO, LYON, day().tdew(10).rhMax(80).rhMin(40).rhMean(60).build()).ea(), 1e-12);
        assertEquals(VapourPressure.actualFromRhMaxMin(14.8, 26.6, 80, 40),
                inter(FAO, LYON, day().rhMax(80).rhMin(40).rhMean(60).build()).ea(), 1e-12);
        assertEquals(VapourPressure.actualFromRhMax(14.8, 80),
                inter(FAO, LYON, day().rhMax(80).rhMean(60).build()).ea(), 1e-12);
        assertEquals(VapourPressure.actualFromRhMean(14.8, 26.6, 60),
                inter(FAO, LYON, day().rhMin(40).rhMean(60).build()).ea(), 1e-12);
        EtoResult fromTmin = FAO.daily(LYON, day().rhMin(40).build());
        assertTrue(fromTmin.has(EstimateFlag.EA_FROM_TMIN));
        assertFalse(FAO.daily(LYON, day().rhMean(40).build()).has(EstimateFlag.EA_FROM_TMIN));
    }

    @Test
    void radiationAndWindRouteOrder() {
        EtoResult measured = FAO.daily(LYON, day().rs(20).sunshineHours(5).u2(3).windSpeed(9).tdew(10).build());
        assertEquals(20.0, measured.intermediates().orElseThrow().rs());
        assertEquals(3.0, measured.intermediates().orElseThrow().u2());
        assertEquals(EnumSet.of(EstimateFlag.TMEAN_FROM_EXTREMES), measured.flags());
        // Wind measured at 2 m: no conversion, no flag.
        EtoResult twoMetres = FAO.daily(LYON, day().rs(20).windSpeed(3).build());
        assertEquals(3.0, twoMetres.intermediates().orElseThrow().u2());
        assertFalse(twoMetres.has(EstimateFlag.WIND_FROM_HEIGHT));
        Fao56 calm = FAO.toBuilder().defaultWindSpeed(1).build();
        assertEquals(1.0, inter(calm, LYON, day().build()).u2());
    }

    @Test
    void measuredMeanTemperatureIsUsedForDeltaAndTheAerodynamicTerm() {
        EtoResult r = FAO.daily(LYON, day().tmean(19).build());
        Intermediates i = r.intermediates().orElseThrow();
        assertEquals(19.0, i.temperature());
        assertEquals(VapourPressure.slope(19), i.delta(), 1e-12);
        assertFalse(r.has(EstimateFlag.TMEAN_FROM_EXTREMES));
        // es is still from the extremes (eq. 12).
        assertEquals(VapourPressure.meanSaturation(26.6, 14.8), i.es(), 1e-12);
        assertNotEquals(FAO.daily(LYON, day().build()).eto(), r.eto());
    }

    @Test
    void negativeEtoIsKeptUnlessClipped() {
        // Polar night, humid air: condensation.
        Station svalbard = Station.of(78.2, 10);
        DailyWeather w = DailyWeather.builder(LocalDate.of(2023, 12, 21)).tmax(-2).tmin(-3).ea(0.6).u2(5).build();
        double kept = Fao56.defaults().daily(svalbard, w).eto();
        assertTrue(kept < 0, () -> "eto " + kept);
        Fao56 clip = Fao56.builder().negativeEtoPolicy(NegativeEtoPolicy.CLIP_AT_ZERO).build();
        assertEquals(0.0, clip.daily(svalbard, w).eto());
    }

    @Test
    void monthlyDayOfYearIsTheFifteenth() {
        Station bangkok = Station.of(13.0 + 44.0 / 60.0, 2);
        MonthlyWeather leapApril = MonthlyWeather.builder(YearMonth.of(2016, 4)).tmax(34.8).tmin(25.6).build();
        // The batch kernel's Ra (day-of-year tables, sin ωs from cos ωs) equals eq. 21 to 1e-12 relative.
        double expected = Radiation.extraterrestrialDaily(bangkok.latitudeRadians(), 106);
        assertEquals(expected,
                FAO.monthly(bangkok, leapApril, Double.NaN, Double.NaN).intermediates().orElseThrow().ra(),
                1e-12 * expected);
    }

    // ------------------------------------------------------------------------------------------------ hourly

    private static final Station NDIAYE = Station.of(16.0 + 13.0 / 60.0, -16.25, 8);

    /** A clear day, then the night: Rs follows Rso scaled by a fixed ratio. */
    private static List<HourlyWeather> dayAndNight(double ratio) {
        List<HourlyWeather> hours = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.parse("1998-10-01T00:00Z");
        for (int h = 0; h < 48; h++) {
            OffsetDateTime t = start.plusHours(h);
            int doy = t.getDayOfYear();
            double sc = SolarGeometry.seasonalCorrectionHours(doy);
            double w = SolarGeometry.solarTimeAngle(t.getHour() + 0.5, 0, 16.25, sc);
            double ra = Radiation.extraterrestrialForPeriod(NDIAYE.latitudeRadians(), doy, w, 1);
            hours.add(HourlyWeather.builder(t).t(30).rh(60).u2(2).rs(ratio * Radiation.clearSky(8, ra)).build());
        }
        return hours;
    }

    @Test
    void nightRatioIsCarriedForwardFromTheLastHighSunHour() {
        List<EtoResult> rs = FAO.hourly(NDIAYE, dayAndNight(0.6));
        // Before the first daytime hour: the assumed ratio.
        assertEquals(0.8, rs.get(0).intermediates().orElseThrow().relativeShortwave());
        assertTrue(rs.get(0).has(EstimateFlag.NIGHT_RS_RSO_ASSUMED));
        // Midday: measured ratio; the following night carries it.
        assertEquals(0.6, rs.get(12).intermediates().orElseThrow().relativeShortwave(), 1e-12);
        assertFalse(rs.get(12).has(EstimateFlag.NIGHT_RS_RSO_ASSUMED));
        assertEquals(0.6, rs.get(23).intermediates().orElseThrow().relativeShortwave(), 1e-12);
        assertTrue(rs.get(23).has(EstimateFlag.NIGHT_RS_RSO_ASSUMED));
        assertEquals(0.6, rs.get(26).intermediates().orElseThrow().relativeShortwave(), 1e-12);
        // Night G is half of Rn, day G a tenth (eq. 45/46).
        Intermediates night = rs.get(23).intermediates().orElseThrow();
        assertEquals(0.5 * night.rn(), night.g(), 1e-15);
        Intermediates noon = rs.get(12).intermediates().orElseThrow();
        assertEquals(0.1 * noon.rn(), noon.g(), 1e-15);
        // The same series with a fixed night ratio.
        Fao56 fixed = FAO.toBuilder().nightRsRso(NightRsRso.fixed(0.4)).build();
        List<EtoResult> f = fixed.hourly(NDIAYE, dayAndNight(0.6));
        assertEquals(0.4, f.get(0).intermediates().orElseThrow().relativeShortwave());
        assertEquals(0.4, f.get(23).intermediates().orElseThrow().relativeShortwave());
        assertEquals(rs.get(12).eto(), f.get(12).eto());
    }

    @Test
    void streamingSeriesEqualsTheListCall() {
        List<HourlyWeather> hours = dayAndNight(0.7);
        List<EtoResult> all = FAO.hourly(NDIAYE, hours);
        Fao56.HourlySeries series = FAO.hourlySeries(NDIAYE);
        for (int i = 0; i < hours.size(); i++) {
            assertEquals(all.get(i), series.next(hours.get(i)));
        }
        assertEquals(48, series.rows());
    }

    @Test
    void hourlyCoefficientsAreOptions() {
        Fao56 asce = FAO.toBuilder().hourlyCoefficients(37, 0.24, 0.96).build();
        HourlyWeather noon = HourlyWeather.builder(OffsetDateTime.parse("1998-10-01T12:00Z"))
                .t(30).rh(50).u2(2).rs(2.5).build();
        HourlyWeather night = HourlyWeather.builder(OffsetDateTime.parse("1998-10-01T13:00Z").plusHours(10))
                .t(25).rh(50).u2(2).rs(0).build();
        List<EtoResult> a = asce.hourly(NDIAYE, List.of(noon, night));
        List<EtoResult> f = FAO.hourly(NDIAYE, List.of(noon, night));
        assertTrue(a.get(0).eto() > f.get(0).eto()); // smaller Cd by day
        assertTrue(a.get(1).eto() < f.get(1).eto()); // larger Cd by night
        Fao56 g = FAO.toBuilder().hourlySoilHeatFluxFractions(0.04, 0.2).build();
        Intermediates gi = g.hourly(NDIAYE, List.of(noon)).get(0).intermediates().orElseThrow();
        assertEquals(0.04 * gi.rn(), gi.g(), 1e-15);
    }

    @Test
    void periodCrossingSolarMidnightUnderTheMidnightSun() {
        // Tromsø-like latitude at midsummer: sun up all day; every hour has Ra > 0, also around midnight.
        Station north = Station.of(75, 20, 10);
        List<HourlyWeather> hours = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.parse("2023-06-21T00:00+01:00");
        for (int h = 0; h < 24; h++) {
            hours.add(HourlyWeather.builder(start.plusHours(h)).t(8).rh(70).u2(3).rs(0.5).build());
        }
        double sum = 0;
        for (EtoResult r : FAO.hourly(north, hours)) {
            Intermediates i = r.intermediates().orElseThrow();
            assertTrue(i.ra() > 0, r::toString);
            assertFalse(r.has(EstimateFlag.NIGHT_RS_RSO_ASSUMED));
            sum += i.ra();
        }
        assertEquals(Radiation.extraterrestrialDaily(Math.toRadians(75), 172), sum, 1e-9);
    }

    // ------------------------------------------------------------------------------------------------ values

    @Test
    void flagMasksRoundTrip() {
        EnumSet<EstimateFlag> all = EnumSet.allOf(EstimateFlag.class);
        assertEquals(all, EstimateFlag.fromMask(EstimateFlag.toMask(all)));
        assertEquals(EnumSet.noneOf(EstimateFlag.class), EstimateFlag.fromMask(0));
        assertEquals(1L, EstimateFlag.EA_FROM_TMIN.bit());
        assertEquals("flag.ea_from_tmin", EstimateFlag.EA_FROM_TMIN.messageKey());
    }

    @Test
    void resultsAreImmutableValues() {
        EtoResult r = FAO.daily(LYON, day().build());
        assertThrows(UnsupportedOperationException.class, () -> r.flags().add(EstimateFlag.INVALID_ROW));
        assertEquals(r, FAO.daily(LYON, day().build()));
        assertTrue(Fao56.defaults().daily(LYON, day().build()).intermediates().isEmpty());
        assertEquals(Fao56.METHOD_DAILY, r.method());
    }

    @Test
    void toBuilderKeepsEveryOption() {
        Fao56 custom = Fao56.builder().rsRsoBound(RsRsoBound.CLIP_0_3_TO_1).rsoFormula(RsoFormula.ANGSTROM)
                .kRs(0.19).aridTminOffsetCelsius(2).angstrom(0.2, 0.55).defaultWindSpeed(1.5)
                .stefanBoltzmann(4.901e-9).stefanBoltzmannHourly(2.042e-10).kelvinOffset(273.15)
                .hourlyCoefficients(37, 0.24, 0.96).hourlySoilHeatFluxFractions(0.04, 0.2)
                .nightRsRso(NightRsRso.fixed(0.7)).assumedRsRso(0.6)
                .timeStampConvention(TimeStampConvention.PERIOD_END).negativeEtoPolicy(NegativeEtoPolicy.CLIP_AT_ZERO)
                .validation(ValidationMode.LENIENT).intermediates(true).build();
        assertEquals(custom.toString(), custom.toBuilder().build().toString());
        assertNotEquals(Fao56.defaults().toString(), custom.toString());
    }

    @Test
    void equationLevelFunctions() {
        assertEquals(2.501 - 0.002361 * 20, AtmosphericParameters.latentHeat(20), 1e-15);
        assertEquals(1.013e-3 * 100 / (0.622 * 2.45), AtmosphericParameters.psychrometricConstant(100, 2.45), 1e-15);
        assertEquals(0.0, SoilHeatFlux.daily());
        assertEquals(0.1, SoilHeatFlux.hourlyDaytime(1.0), 1e-15);
        assertEquals(-0.5, SoilHeatFlux.hourlyNighttime(-1.0), 1e-15);
        assertEquals(VapourPressure.saturation(30) * 0.5, VapourPressure.actualFromRelativeHumidity(30, 50), 1e-15);
        assertEquals(VapourPressure.saturation(10), VapourPressure.actualFromTmin(12, 2));
        assertEquals(1.4, SolarGeometry.wrapAngle(1.4 - 4 * Math.PI), 1e-12);
        assertEquals(-Math.PI, SolarGeometry.wrapAngle(Math.PI), 1e-15);
        assertEquals(PenmanMonteith.eto(0.1, 0.06, 10, 0, 20, 2, 2, 1, 900, 0.34),
                PenmanMonteith.daily(0.1, 0.06, 10, 0, 20, 2, 2, 1));
    }
}
