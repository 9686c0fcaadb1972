package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eto4j.core.Station;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input is a coded, localisable error, never a silent result. */
class InputErrorsTest {
    private static Synthetic weather;
    private static double[][] a;
    private static double[][] b;
    private static FusionCalibration calibration;

    @BeforeAll
    static void fit() {
        weather = new Synthetic(LocalDate.of(2000, 1, 1), 2 * 365, 21);
        a = weather.source(Synthetic.vec(1, 1, 1, 1.2, 1.1), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        b = weather.source(Synthetic.vec(1, 1, 1, 1, 1.2), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        calibration = FusionCalibrator.builder("synthetic").build().fit(List.of(CalibrationSite.of("s",
                Synthetic.SITE, List.of(Synthetic.series("a", weather.dates, a),
                        Synthetic.series("b", weather.dates, b)), weather.truthEto)));
    }

    private static FusionException fails(Station station, List<SourceSeries> sources) {
        return assertThrows(FusionException.class,
                () -> EtoFusion.builder(calibration).build().fuse(station, sources));
    }

    @Test
    void refusesMisalignedDates() {
        List<LocalDate> shifted = weather.dates.stream().map(d -> d.plusDays(1)).toList();
        FusionException e = fails(Synthetic.SITE, List.of(Synthetic.series("a", weather.dates, a),
                Synthetic.series("b", shifted, b)));
        assertEquals(FusionErrorCode.MISALIGNED_DATES, e.code());
        assertEquals(List.of("b", 0, LocalDate.of(2000, 1, 2), LocalDate.of(2000, 1, 1)), e.args());
    }

    @Test
    void refusesSeriesOfDifferentLengths() {
        List<LocalDate> shorter = weather.dates.subList(0, 100);
        double[][] cut = new double[b.length][];
        for (int v = 0; v < b.length; v++) {
            cut[v] = java.util.Arrays.copyOf(b[v], 100);
        }
        FusionException e = fails(Synthetic.SITE, List.of(Synthetic.series("a", weather.dates, a),
                Synthetic.series("b", shorter, cut)));
        assertEquals(FusionErrorCode.MISALIGNED_DATES, e.code());
        assertEquals(100, e.args().get(1));
    }

    @Test
    void refusesDatesGoingBack() {
        FusionException e = assertThrows(FusionException.class, () -> SourceSeries.builder("a",
                List.of(LocalDate.of(2000, 1, 2), LocalDate.of(2000, 1, 1))));
        assertEquals(FusionErrorCode.DATES_NOT_INCREASING, e.code());
    }

    @Test
    void refusesAColumnOfTheWrongLength() {
        FusionException e = assertThrows(FusionException.class,
                () -> SourceSeries.builder("a", weather.dates).tmax(new double[3]));
        assertEquals(FusionErrorCode.LENGTH_MISMATCH, e.code());
        assertEquals(List.of("a", "tmax", 3, weather.dates.size()), e.args());
    }

    @Test
    void refusesAStationOfAnotherRegion() {
        Station lyon = Station.of(45.72, 4.94, 200);
        FusionException e = fails(lyon, List.of(Synthetic.series("a", weather.dates, a),
                Synthetic.series("b", weather.dates, b)));
        assertEquals(FusionErrorCode.OUTSIDE_CALIBRATION_DOMAIN, e.code());
        assertEquals("synthetic", e.args().get(0));
        // 2° of margin around the one training station is still its region
        EtoFusion.builder(calibration).build().fuse(Station.of(-9.4, -44.1, 300),
                List.of(Synthetic.series("a", weather.dates, a), Synthetic.series("b", weather.dates, b)));
    }

    @Test
    void refusesAStationWithoutLongitude() {
        FusionException e = fails(Station.of(-7.5, 250), List.of(Synthetic.series("a", weather.dates, a),
                Synthetic.series("b", weather.dates, b)));
        assertEquals(FusionErrorCode.MISSING_LONGITUDE, e.code());
    }

    @Test
    void refusesAnUnknownOrRepeatedSourceAndTooFewSources() {
        assertEquals(FusionErrorCode.UNKNOWN_SOURCE, fails(Synthetic.SITE, List.of(
                Synthetic.series("a", weather.dates, a), Synthetic.series("era5", weather.dates, b))).code());
        assertEquals(FusionErrorCode.DUPLICATE_SOURCE, fails(Synthetic.SITE, List.of(
                Synthetic.series("a", weather.dates, a), Synthetic.series("a", weather.dates, b))).code());
        FusionException one = fails(Synthetic.SITE, List.of(Synthetic.series("a", weather.dates, a)));
        assertEquals(FusionErrorCode.TOO_FEW_SOURCES, one.code());
        assertEquals(List.of(1, 2), one.args());
    }

    @Test
    void refusesASeriesWithoutAVariable() {
        SourceSeries noWind = SourceSeries.builder("b", weather.dates).tmax(b[0]).tmin(b[1]).rhMean(b[2]).rs(b[4])
                .build();
        FusionException e = fails(Synthetic.SITE, List.of(Synthetic.series("a", weather.dates, a), noWind));
        assertEquals(FusionErrorCode.MISSING_VARIABLE, e.code());
        assertEquals(List.of("b", "U2"), e.args());
    }

    @Test
    void refusesTooLittleTrainingData() {
        FusionException e = assertThrows(FusionException.class, () -> FusionCalibrator.builder("x")
                .trainingPeriod(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 20)).build()
                .fit(List.of(CalibrationSite.of("s", Synthetic.SITE, List.of(Synthetic.series("a", weather.dates, a),
                        Synthetic.series("b", weather.dates, b)), weather.truthEto))));
        assertEquals(FusionErrorCode.INSUFFICIENT_TRAINING_DATA, e.code());
        assertEquals(List.of(1, "a", 20, 30), e.args());
    }

    @Test
    void refusesBadOptionsNamingThem() {
        FusionException e = assertThrows(FusionException.class,
                () -> FusionCalibrator.builder("x").domainMarginDegrees(-1));
        assertEquals(FusionErrorCode.INVALID_OPTION, e.code());
        assertEquals(List.of("domainMarginDegrees", -1.0, "0–10"), e.args());
        FusedSeries any = EtoFusion.builder(calibration).build().fuse(Synthetic.SITE,
                List.of(Synthetic.series("a", weather.dates, a), Synthetic.series("b", weather.dates, b)));
        assertEquals(FusionErrorCode.INVALID_OPTION,
                assertThrows(FusionException.class, () -> any.etoQuantile(0, 1.0)).code());
    }

    @Test
    void codesAreStableAndUnique() {
        Set<String> codes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (FusionErrorCode c : FusionErrorCode.values()) {
            assertTrue(c.code().matches("FUS-\\d{4}"), c.code());
            assertTrue(c.messageKey().equals("error.fusion." + c.name().toLowerCase(java.util.Locale.ROOT)),
                    c.messageKey());
            assertTrue(codes.add(c.code()));
            assertTrue(keys.add(c.messageKey()));
        }
        FusionException e = new FusionException(FusionErrorCode.MISALIGNED_DATES, "b", 3, null, null);
        assertEquals("FUS-1006 error.fusion.misaligned_dates args=[b, 3, null, null]", e.getMessage());
    }
}
