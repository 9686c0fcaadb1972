package org.eto4j.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.eto4j.core.VapourPressure;
import org.junit.jupiter.api.Test;

/** What a source series does to its inputs before any fusion. */
class SourceSeriesTest {
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2));

    @Test
    void convertsWindAtTenMetresWithFao56Equation47() {
        SourceSeries s = SourceSeries.builder("open_meteo", DAYS).windSpeed(new double[]{3.0, Double.NaN}, 10)
                .build();
        // FAO-56 eq. 47: u2 = uz · 4.87 / ln(67.8 z − 5.42); at 10 m the factor is 0.748 (FAO-56 example 14).
        assertEquals(3.0 * 4.87 / Math.log(67.8 * 10 - 5.42), s.value(Variable.U2, 0), 1e-12);
        assertEquals(0.748, s.value(Variable.U2, 0) / 3.0, 5e-4);
        assertTrue(Double.isNaN(s.value(Variable.U2, 1)));
    }

    @Test
    void convertsDewPointToTheMeanHumidityOfTheSameVapourPressure() {
        SourceSeries s = SourceSeries.builder("era5", DAYS).tmax(new double[]{32, 30}).tmin(new double[]{22, 20})
                .tdew(new double[]{20, 20}).build();
        double rh = s.value(Variable.RH_MEAN, 0);
        // eq. 19 with that RHmean gives back e°(Tdew) (eq. 14)
        assertEquals(VapourPressure.actualFromDewPoint(20), rh / 100 * VapourPressure.meanSaturation(32, 22), 1e-12);
    }

    @Test
    void readsNasaPowerFillValueAsAbsentAndCopiesItsInput() {
        double[] rs = {20.5, -999};
        SourceSeries s = SourceSeries.builder("nasa_power", DAYS).rs(rs).build();
        rs[0] = 0;
        assertEquals(20.5, s.value(Variable.RS, 0));
        assertTrue(Double.isNaN(s.value(Variable.RS, 1)));
        assertFalse(s.complete(0));
        assertFalse(s.has(Variable.TMAX));
    }
}
