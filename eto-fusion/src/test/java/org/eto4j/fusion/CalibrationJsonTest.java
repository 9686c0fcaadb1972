package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A calibration is a stable, versioned JSON document. */
class CalibrationJsonTest {
    private static Synthetic weather;
    private static List<SourceSeries> sources;
    private static FusionCalibration calibration;

    @BeforeAll
    static void fit() {
        weather = new Synthetic(LocalDate.of(2000, 1, 1), 3 * 365, 11);
        double[][] a = weather.source(Synthetic.vec(1, 1, 1, 1.3, 1.1), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        double[][] b = weather.source(Synthetic.vec(1, 1, 1, 1.1, 1.2), Synthetic.vec(1, 0, -5, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        sources = List.of(Synthetic.series("a", weather.dates, a), Synthetic.series("b", weather.dates, b));
        calibration = FusionCalibrator.builder("synthetic").region("nowhere").reference("truth").build()
                .fit(List.of(CalibrationSite.of("site-1", Synthetic.SITE, sources, weather.truthEto)))
                .withValidation(Map.of("temporal.kge.mean", 0.9));
    }

    @Test
    void survivesARoundTrip() {
        String json = calibration.toJson();
        FusionCalibration back = FusionCalibration.fromJson(json);
        assertEquals(json, back.toJson());
        assertEquals(calibration.provenance(), back.provenance());
        assertEquals(calibration.domain(), back.domain());
        assertEquals(calibration.sources(), back.sources());
        for (Estimator e : Estimator.values()) {
            FusedSeries before = EtoFusion.builder(calibration).estimator(e).build().fuse(Synthetic.SITE, sources);
            FusedSeries after = EtoFusion.builder(back).estimator(e).build().fuse(Synthetic.SITE, sources);
            assertArrayEquals(before.eto(), after.eto(), 0.0);
            assertArrayEquals(before.etoQuantiles(0.05), after.etoQuantiles(0.05), 0.0);
            assertArrayEquals(before.values(Variable.RS), after.values(Variable.RS), 0.0);
        }
    }

    @Test
    void keepsItsProvenance() {
        Provenance p = FusionCalibration.fromJson(calibration.toJson()).provenance();
        assertEquals("nowhere", p.region());
        assertEquals("truth", p.reference());
        assertEquals(LocalDate.of(2000, 1, 1), p.periodStart());
        assertEquals(weather.dates.get(weather.dates.size() - 1), p.periodEnd());
        assertEquals(List.of(new Provenance.CalibrationStation("site-1", -7.5, -46.0, 250)), p.stations());
        assertEquals(Map.of("temporal.kge.mean", 0.9), p.validation());
    }

    @Test
    void refusesAnotherFormatVersion() {
        String json = calibration.toJson().replace("\"version\" : 1", "\"version\" : 2");
        FusionException e = assertThrows(FusionException.class, () -> FusionCalibration.fromJson(json));
        assertEquals(FusionErrorCode.UNSUPPORTED_CALIBRATION_VERSION, e.code());
        assertEquals("FUS-2002", e.code().code());
        assertEquals("error.fusion.unsupported_calibration_version", e.messageKey());
        assertEquals(List.of("2", 1), e.args());
    }

    @Test
    void refusesMalformedDocuments() {
        for (String bad : List.of("{", "[]", "{\"format\":\"something-else\",\"version\":1}",
                calibration.toJson().replace("\"etoScale\"", "\"etoScales\""),
                calibration.toJson().replaceFirst("\"scale\" : \\[ [^\\]]*\\]", "\"scale\" : [ 1.0 ]"))) {
            FusionException e = assertThrows(FusionException.class, () -> FusionCalibration.fromJson(bad));
            assertEquals(FusionErrorCode.MALFORMED_CALIBRATION, e.code(), bad.length() < 80 ? bad : "edited");
        }
    }

    @Test
    void refusesAnUnknownShippedName() {
        FusionException e = assertThrows(FusionException.class, () -> FusionCalibration.named("atlantis"));
        assertEquals(FusionErrorCode.UNKNOWN_CALIBRATION, e.code());
        assertEquals(List.of("atlantis", "matopiba"), e.args());
    }
}
