package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The estimators' mathematics on synthetic data whose truth is known: five years of weather, two sources with known
 * biases and noise, calibrated on the first four years and checked on the fifth.
 */
class SyntheticFusionTest {
    private static final LocalDate FIRST = LocalDate.of(2000, 1, 1);
    private static final LocalDate TRAIN_END = LocalDate.of(2003, 12, 31);
    private static final int DAYS = 5 * 365 + 2;

    private static int testStart(Synthetic w) {
        return w.dates.indexOf(TRAIN_END.plusDays(1));
    }

    @Test
    void removesAKnownInputBiasFittedAgainstReferenceInputs() {
        Synthetic w = new Synthetic(FIRST, DAYS, 1);
        double[][] a = w.source(Synthetic.vec(1, 1, 1, 1.3, 1.15), Synthetic.vec(1.5, 0, 0, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        double[][] b = w.source(Synthetic.vec(1, 1, 1, 1, 1), Synthetic.vec(-1, 0.8, -8, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        SourceSeries truth = Synthetic.series("truth", w.dates, w.truth);
        CalibrationSite site = new CalibrationSite("synthetic", Synthetic.SITE,
                List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b)), w.truthEto,
                Optional.of(truth));
        FusionCalibration cal = FusionCalibrator.builder("synthetic").trainingPeriod(FIRST, TRAIN_END).build()
                .fit(List.of(site));

        FusedSeries fused = EtoFusion.builder(cal).build().fuse(Synthetic.SITE,
                List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b)));
        int from = testStart(w);
        int to = w.dates.size();
        // Raw source a: Tmax 1.5 °C too warm, wind 30 % and radiation 15 % too high; b: RH 8 points too low.
        assertEquals(1.5, Synthetic.meanDiff(a[Variable.TMAX.ordinal()], w.truth[Variable.TMAX.ordinal()], from, to),
                0.15);
        for (Variable v : Variable.values()) {
            double bias = Synthetic.meanDiff(fused.values(v), w.truth[v.ordinal()], from, to);
            double spread = Math.sqrt(Synthetic.meanSquare(w.truth[v.ordinal()],
                    new double[w.truth[v.ordinal()].length], from, to));
            assertEquals(0, bias, 0.02 * spread + 0.05, v + " bias after correction");
        }
        double rawBias = Synthetic.meanDiff(Synthetic.eto(Synthetic.SITE, w.dates, a), w.truthEto, from, to);
        double fusedBias = Synthetic.meanDiff(fused.eto(), w.truthEto, from, to);
        assertTrue(rawBias > 0.4, "source a overestimates ETo: " + rawBias);
        assertEquals(0, fusedBias, 0.05, "fused ETo bias on the held-out year");
        assertEquals(0, fused.count(FusionFlag.SOURCE_MISSING));
        assertEquals(to, fused.count(FusionFlag.CORRECTED));
    }

    @Test
    void removesAKnownBiasFittedAgainstReferenceEtoOnly() {
        Synthetic w = new Synthetic(FIRST, DAYS, 2);
        double[][] a = w.source(Synthetic.vec(1, 1, 1, 1.4, 1.2), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.3, 0.3, 2, 0.1, 0.5));
        double[][] b = w.source(Synthetic.vec(1, 1, 1, 1.2, 1.1), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.6, 0.6, 4, 0.3, 1.5));
        List<SourceSeries> sources = List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b));
        FusionCalibration cal = FusionCalibrator.builder("synthetic").trainingPeriod(FIRST, TRAIN_END).build()
                .fit(List.of(CalibrationSite.of("synthetic", Synthetic.SITE, sources, w.truthEto)));
        int from = testStart(w);
        int to = w.dates.size();
        double raw = Synthetic.meanDiff(Synthetic.eto(Synthetic.SITE, w.dates, a), w.truthEto, from, to);
        double truthMean = Synthetic.meanDiff(w.truthEto, new double[to], from, to);
        assertTrue(raw / truthMean > 0.10, "raw bias " + raw);
        // The radiation factor of a is found near 1/1.2 from ETo alone.
        assertEquals(1 / 1.2, cal.correction("a", Variable.RS, 7).scale(), 0.08);
        for (Estimator e : Estimator.values()) {
            FusedSeries fused = EtoFusion.builder(cal).estimator(e).build().fuse(Synthetic.SITE, sources);
            double bias = Synthetic.meanDiff(fused.eto(), w.truthEto, from, to);
            assertEquals(0, bias / truthMean, 0.02, e + " relative bias on the held-out year");
        }
    }

    @Test
    void reportsTheRightVarianceOfAFusedInput() {
        // Independent errors of 1 and 2 °C. (Corrected by least squares against the truth, each source's error
        // shrinks a little and the two become slightly correlated; the model measures both.)
        Synthetic w = new Synthetic(FIRST, DAYS, 3);
        double[][] a = w.source(Synthetic.vec(1, 1, 1, 1, 1), Synthetic.vec(0.5, 0, 0, 0, 0),
                Synthetic.vec(1, 0.5, 3, 0.2, 1));
        double[][] b = w.source(Synthetic.vec(1, 1, 1, 1, 1), Synthetic.vec(-0.5, 0, 0, 0, 0),
                Synthetic.vec(2, 0.5, 3, 0.2, 1));
        List<SourceSeries> sources = List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b));
        FusionCalibration cal = FusionCalibrator.builder("synthetic").trainingPeriod(FIRST, TRAIN_END).build()
                .fit(List.of(new CalibrationSite("synthetic", Synthetic.SITE, sources, w.truthEto,
                        Optional.of(Synthetic.series("truth", w.dates, w.truth)))));
        FusedSeries fused = EtoFusion.builder(cal).build().fuse(Synthetic.SITE, sources);
        int from = testStart(w);
        int to = w.dates.size();
        double reported = 0;
        for (int i = from; i < to; i++) {
            reported += fused.variance(Variable.TMAX, i);
        }
        reported /= to - from;
        double empirical = Synthetic.meanSquare(fused.values(Variable.TMAX), w.truth[Variable.TMAX.ordinal()], from,
                to);
        // What the model reports is what the held-out year shows.
        assertEquals(reported, empirical, 0.12 * reported, "reported vs. held-out squared error");
        // And fusing beats the better source alone, day by day (the sources' corrected error variances of the month).
        for (int i = from; i < to; i++) {
            int month = w.dates.get(i).getMonthValue();
            double better = Math.min(cal.correction("a", Variable.TMAX, month).errorVariance(),
                    cal.correction("b", Variable.TMAX, month).errorVariance());
            assertTrue(fused.variance(Variable.TMAX, i) <= better + 1e-12, fused.variance(Variable.TMAX, i) + " vs "
                    + better);
        }
    }

    @Test
    void glsWeightsAndVarianceOfTwoSources() {
        double[] g = Engine.gls(new double[][]{{1, 0}, {0, 4}});
        assertEquals(0.8, g[0], 1e-12);
        assertEquals(0.2, g[1], 1e-12);
        assertEquals(0.8, g[2], 1e-12);
        // Correlated errors, ρ = 0.3: var = σ1²σ2²(1−ρ²) / (σ1² + σ2² − 2ρσ1σ2) (Bates and Granger 1969).
        double c = 0.3 * 1 * 2;
        double[] h = Engine.gls(new double[][]{{1, c}, {c, 4}});
        assertEquals(4 * (1 - 0.09) / (5 - 2 * c), h[2], 1e-12);
        assertEquals((4 - c) / (5 - 2 * c), h[0], 1e-12);
    }

    @Test
    void aMissingSourceWidensTheInterval() {
        Synthetic w = new Synthetic(FIRST, DAYS, 4);
        double[][] a = w.source(Synthetic.vec(1, 1, 1, 1.3, 1.1), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.8, 0.8, 5, 0.3, 2));
        double[][] b = w.source(Synthetic.vec(1, 1, 1, 1.1, 1.15), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.8, 0.8, 5, 0.3, 2));
        List<SourceSeries> sources = List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b));
        FusionCalibration cal = FusionCalibrator.builder("synthetic").build()
                .fit(List.of(CalibrationSite.of("synthetic", Synthetic.SITE, sources, w.truthEto)));
        // Source b has a gap of ten days in mid-July of the last year, and no radiation on one more day.
        double[][] gappy = new double[b.length][];
        for (int v = 0; v < b.length; v++) {
            gappy[v] = b[v].clone();
        }
        int gap = w.dates.indexOf(LocalDate.of(2004, 7, 10));
        for (int i = gap; i < gap + 10; i++) {
            for (double[] column : gappy) {
                column[i] = Double.NaN;
            }
        }
        gappy[Variable.RS.ordinal()][gap + 12] = Double.NaN;
        FusedSeries full = EtoFusion.builder(cal).build().fuse(Synthetic.SITE, sources);
        FusedSeries withGap = EtoFusion.builder(cal).build().fuse(Synthetic.SITE,
                List.of(sources.get(0), Synthetic.series("b", w.dates, gappy)));
        for (int i = gap; i < gap + 10; i++) {
            assertTrue(withGap.flags(i).contains(FusionFlag.SOURCE_MISSING));
            assertTrue(withGap.flags(i).contains(FusionFlag.VARIABLE_FILLED));
            double wide = withGap.etoQuantile(i, 0.95) - withGap.etoQuantile(i, 0.05);
            double narrow = full.etoQuantile(i, 0.95) - full.etoQuantile(i, 0.05);
            assertTrue(wide > narrow * 1.1, "interval " + wide + " vs " + narrow);
            assertTrue(Double.isFinite(withGap.eto(i)));
        }
        assertTrue(withGap.flags(gap + 12).contains(FusionFlag.SOURCE_MISSING));
        // Radiation on that day comes from source a alone; its variance is a's, larger than the fused one.
        assertTrue(withGap.variance(Variable.RS, gap + 12) > full.variance(Variable.RS, gap + 12));
        assertTrue(withGap.flags(gap + 20).isEmpty() || withGap.flags(gap + 20).equals(
                java.util.EnumSet.of(FusionFlag.CORRECTED)));
        assertEquals(11, withGap.count(FusionFlag.SOURCE_MISSING));
    }

    @Test
    void aDayWithoutAnySourceIsNaNAndFlagged() {
        Synthetic w = new Synthetic(FIRST, DAYS, 5);
        double[][] a = w.source(Synthetic.vec(1, 1, 1, 1, 1), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        double[][] b = w.source(Synthetic.vec(1, 1, 1, 1, 1), Synthetic.vec(0, 0, 0, 0, 0),
                Synthetic.vec(0.5, 0.5, 3, 0.2, 1));
        List<SourceSeries> sources = List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b));
        FusionCalibration cal = FusionCalibrator.builder("synthetic").build()
                .fit(List.of(CalibrationSite.of("synthetic", Synthetic.SITE, sources, w.truthEto)));
        a[Variable.RS.ordinal()][100] = Double.NaN;
        b[Variable.U2.ordinal()][100] = -999;   // NASA POWER's fill value is absent too
        FusedSeries fused = EtoFusion.builder(cal).build().fuse(Synthetic.SITE,
                List.of(Synthetic.series("a", w.dates, a), Synthetic.series("b", w.dates, b)));
        assertTrue(Double.isNaN(fused.eto(100)));
        assertTrue(Double.isNaN(fused.etoQuantile(100, 0.95)));
        assertTrue(fused.flags(100).contains(FusionFlag.NO_SOURCE));
        // the inputs each source still had are fused from it alone
        assertTrue(Double.isFinite(fused.value(Variable.RS, 100)));
        assertTrue(fused.flags(100).contains(FusionFlag.VARIABLE_FILLED));
    }
}
