package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eto4j.core.Station;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code matopiba} calibration on a two-year slice of Balsas (MA), 2019–2020 (test resources, credited in
 * their README). Balsas is one of the 16 training stations, so this checks the mechanics, not the skill:
 * VALIDATION.md holds the out-of-sample figures.
 */
class MatopibaSliceTest {
    private static final Station BALSAS = Station.of(-7.53116999024552, -46.0389926733405, 255.910533);
    private static SourceSeries power;
    private static SourceSeries era5;
    private static double[] reference;

    @BeforeAll
    static void load() throws IOException {
        Map<String, double[]> n = csv("nasa_power");
        Map<String, double[]> o = csv("open_meteo");
        List<LocalDate> dates = dates("nasa_power");
        power = SourceSeries.builder("nasa_power", dates).tmax(n.get("T2M_MAX")).tmin(n.get("T2M_MIN"))
                .rhMean(n.get("RH2M")).u2(n.get("WS2M")).rs(n.get("ALLSKY_SFC_SW_DWN")).build();
        era5 = SourceSeries.builder("open_meteo", dates).tmax(o.get("T2M_MAX")).tmin(o.get("T2M_MIN"))
                .rhMean(o.get("RH2M")).windSpeed(o.get("WS10M"), 10).rs(o.get("ALLSKY_SFC_SW_DWN")).build();
        reference = csv("xavier_br_dwgd").get("eto_xavier");
    }

    @Test
    void quickStart() {
        // The README's sample.
        EtoFusion fusion = EtoFusion.builder(FusionCalibration.named(FusionCalibration.MATOPIBA)).build();
        FusedSeries fused = fusion.fuse(BALSAS, List.of(power, era5));
        double eto = fused.eto(0);                                          // mm/day
        double p5 = fused.etoQuantile(0, FusedSeries.LOWER_PROBABILITY);    // 5 % quantile
        double p95 = fused.etoQuantile(0, FusedSeries.UPPER_PROBABILITY);   // 95 % quantile
        Set<FusionFlag> flags = fused.flags(0);                             // CORRECTED, SOURCE_MISSING, …
        double rs = fused.value(Variable.RS, 0);                             // fused input …
        double rsVariance = fused.variance(Variable.RS, 0);                 // … and its error variance

        assertTrue(rs > 0 && rsVariance > 0);

        assertTrue(p5 < eto && eto < p95);
        assertEquals(Set.of(FusionFlag.CORRECTED), flags);
        assertEquals(Estimator.VARIABLE_CORRECTION, fusion.estimator());
    }

    @Test
    void shippedCalibrationCarriesItsProvenance() {
        FusionCalibration cal = FusionCalibration.named(FusionCalibration.MATOPIBA);
        assertEquals(List.of("nasa_power", "open_meteo"), cal.sources());
        assertEquals(16, cal.provenance().stations().size());
        assertEquals(LocalDate.of(1991, 1, 1), cal.provenance().periodStart());
        assertEquals(LocalDate.of(2020, 12, 31), cal.provenance().periodEnd());
        assertTrue(cal.provenance().validation().get("loso.variable_correction.kge.mean") >= 0.80);
        // Both products' wind is far stronger than the reference's stations saw: its factor is well below 1.
        for (int month = 1; month <= 12; month++) {
            assertTrue(cal.correction("open_meteo", Variable.U2, month).scale() < 0.8);
            assertTrue(cal.correction("nasa_power", Variable.U2, month).scale() < 0.8);
        }
        assertTrue(cal.domain().contains(-7.53, -46.04));
        assertTrue(!cal.domain().contains(-23.5, -46.6));   // São Paulo is another region
    }

    @Test
    void fusionBeatsEitherSourceAndItsIntervalCoversTheReference() {
        FusedSeries fused = EtoFusion.builder(FusionCalibration.named(FusionCalibration.MATOPIBA)).build()
                .fuse(BALSAS, List.of(power, era5));
        double[] rawPower = Synthetic.eto(BALSAS, power.dates(), columns(power));
        double[] rawEra5 = Synthetic.eto(BALSAS, era5.dates(), columns(era5));
        double rmseFused = Math.sqrt(Synthetic.meanSquare(fused.eto(), reference, 0, reference.length));
        double rmsePower = Math.sqrt(Synthetic.meanSquare(rawPower, reference, 0, reference.length));
        double rmseEra5 = Math.sqrt(Synthetic.meanSquare(rawEra5, reference, 0, reference.length));
        assertTrue(rmseFused < 0.75 * Math.min(rmsePower, rmseEra5),
                rmseFused + " vs " + rmsePower + ", " + rmseEra5);
        double[] lo = fused.etoQuantiles(0.05);
        double[] hi = fused.etoQuantiles(0.95);
        int covered = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] >= lo[i] && reference[i] <= hi[i]) {
                covered++;
            }
        }
        double coverage = covered / (double) reference.length;
        assertTrue(coverage > 0.80 && coverage < 0.97, "coverage " + coverage);
        assertEquals(0, fused.count(FusionFlag.NO_SOURCE));
    }

    private static double[][] columns(SourceSeries s) {
        double[][] x = new double[Variable.values().length][];
        for (Variable v : Variable.values()) {
            x[v.ordinal()] = s.values(v);
        }
        return x;
    }

    private static List<String> lines(String source) throws IOException {
        try (InputStream in = MatopibaSliceTest.class.getResourceAsStream(
                "matopiba/Balsas_MA-2019-2020-" + source + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<LocalDate> dates(String source) throws IOException {
        List<String> l = lines(source);
        List<LocalDate> d = new ArrayList<>();
        for (String row : l.subList(1, l.size())) {
            d.add(LocalDate.parse(row.substring(0, row.indexOf(','))));
        }
        return d;
    }

    private static Map<String, double[]> csv(String source) throws IOException {
        List<String> l = lines(source);
        String[] header = l.get(0).split(",");
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int j = 1; j < header.length; j++) {
            out.put(header[j], new double[l.size() - 1]);
        }
        for (int i = 1; i < l.size(); i++) {
            String[] c = l.get(i).split(",");
            for (int j = 1; j < header.length; j++) {
                out.get(header[j])[i - 1] = Double.parseDouble(c[j]);
            }
        }
        return out;
    }
}
