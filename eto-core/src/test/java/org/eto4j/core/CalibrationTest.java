package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    static final Station STATION = Station.of(-7.53, 256);

    /** A year of plausible tropical weather, seeded. */
    static List<DailyWeather> year() {
        Random random = new Random(42);
        List<DailyWeather> days = new ArrayList<>();
        LocalDate d = LocalDate.of(2019, 1, 1);
        for (int i = 0; i < 365; i++) {
            double tmin = 19 + 3 * random.nextDouble();
            double tmax = tmin + 6 + 8 * random.nextDouble();
            double rh = 40 + 50 * random.nextDouble();
            days.add(DailyWeather.builder(d.plusDays(i)).tmax(tmax).tmin(tmin).rhMean(rh)
                    .rs(14 + 10 * random.nextDouble()).u2(0.5 + 2.5 * random.nextDouble()).build());
        }
        return days;
    }

    @Test
    void recoversAKnownCoefficientExactly() {
        List<DailyWeather> days = year();
        HargreavesSamani truth = HargreavesSamani.standard().withCoefficient(0.0031);
        double[] reference = truth.daily(STATION, days).stream().mapToDouble(EtoResult::eto).toArray();
        CalibrationResult fit = Calibration.fit(HargreavesSamani.standard(), STATION, days, reference);
        assertEquals(0.0031, fit.value(), 1e-12);
        assertEquals("coefficient", fit.coefficient());
        assertEquals(0.0, fit.rmse(), 1e-12);
        assertEquals(0.0, fit.bias(), 1e-12);
        assertEquals(1.0, fit.rSquared(), 1e-12);
        assertEquals(365, fit.pairs());
        assertTrue(fit.rmseBefore() > 0.1);
        assertEquals(0.0031, ((HargreavesSamani) fit.method()).coefficient(), 1e-12);
    }

    @Test
    void fitsPriestleyTaylorAlphaAgainstPenmanMonteithAndReportsTheFit() {
        List<DailyWeather> days = year();
        CalibrationResult fit = Calibration.againstPenmanMonteith(PriestleyTaylor.standard(), Fao56.defaults(),
                STATION, days);
        assertEquals("alpha", fit.coefficient());
        assertTrue(fit.value() > 0.8 && fit.value() < 2.0, "" + fit.value());
        assertTrue(fit.rmse() <= fit.rmseBefore());
        // The statistics, recomputed here from their definitions.
        double[] pm = Fao56.defaults().daily(STATION, days).stream().mapToDouble(EtoResult::eto).toArray();
        double[] pt = fit.method().daily(STATION, days).stream().mapToDouble(EtoResult::eto).toArray();
        double mean = java.util.Arrays.stream(pm).average().orElseThrow();
        double ssRes = 0;
        double ssTot = 0;
        double sum = 0;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < pm.length; i++) {
            ssRes += (pt[i] - pm[i]) * (pt[i] - pm[i]);
            ssTot += (pm[i] - mean) * (pm[i] - mean);
            sum += pt[i] - pm[i];
            double x = pt[i] / fit.value();
            sxy += x * pm[i];
            sxx += x * x;
        }
        assertEquals(sxy / sxx, fit.value(), 1e-12);
        assertEquals(Math.sqrt(ssRes / pm.length), fit.rmse(), 1e-9);
        assertEquals(sum / pm.length, fit.bias(), 1e-9);
        assertEquals(1 - ssRes / ssTot, fit.rSquared(), 1e-9);
    }

    @Test
    void skipsDaysWithoutAReferenceAndRejectsBadShapes() {
        List<DailyWeather> days = year().subList(0, 10);
        double[] reference = new double[10];
        java.util.Arrays.fill(reference, Double.NaN);
        reference[3] = 4.0;
        EtoException tooFew = assertThrows(EtoException.class,
                () -> Calibration.fit(HargreavesSamani.standard(), STATION, days, reference));
        assertEquals(ErrorCode.MISSING_INPUT, tooFew.code());
        reference[4] = 4.2;
        assertEquals(2, Calibration.fit(HargreavesSamani.standard(), STATION, days, reference).pairs());
        assertEquals(ErrorCode.LENGTH_MISMATCH, assertThrows(EtoException.class,
                () -> Calibration.fit(HargreavesSamani.standard(), STATION, days, new double[3])).code());
        assertEquals(ErrorCode.UNKNOWN_METHOD, assertThrows(EtoException.class,
                () -> Calibration.fit(Makkink.standard(), STATION, days, new double[10])).code());
    }
}
