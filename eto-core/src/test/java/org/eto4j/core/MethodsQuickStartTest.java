package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's samples for the other methods, compiled and checked; the README must quote them line for line. */
class MethodsQuickStartTest {

    @Test
    void asceSample() {
        DailyWeather day = AsceEwriTest.day();
        List<HourlyWeather> hourlyRecords = List.of(AsceEwriTest.hour());
        AsceEwri tall = AsceEwri.builder()
                .crop(ReferenceCrop.TALL)          // ETrs; SHORT (ETos) is the default
                .profile(AsceProfile.REF_ET)       // Ref-ET's constants; ASCE (the standard's) is the default
                .build();
        Station fallon = new Station(39.4575, -118.77388, 1208.5, 3.0);
        double etr = tall.daily(fallon, day).eto();                 // 10.5713 mm/day (RefET test suite)
        List<EtoResult> hours = tall.hourly(fallon, hourlyRecords); // mm/h; Ref-ET's low-sun and night rules
        assertEquals(10.571314344056955, etr, 1e-5);
        assertEquals(0.7218665137550639, hours.get(0).eto(), 1e-6);   // Cn 66.6 (RefET package: 0.72019, Cn 66)
    }

    @Test
    void refEtStampsSample() {
        AsceEwri refEt = AsceEwri.builder().profile(AsceProfile.REF_ET)
                .timeStampConvention(TimeStampConvention.PERIOD_END)     // 15:00 is 14:00–15:00
                .build();
        OffsetDateTime stamp = StandardTime.of(LocalDateTime.of(2015, 4, 13, 19, 0), 120.0); // 120° W, no DST
        assertEquals(OffsetDateTime.parse("2015-04-13T19:00-08:00"), stamp);
        assertEquals(TimeStampConvention.PERIOD_END, refEt.toString().contains("PERIOD_END")
                ? TimeStampConvention.PERIOD_END : null);
        EtoException e = org.junit.jupiter.api.Assertions.assertThrows(EtoException.class,
                () -> StandardTime.offsetOfMeridian(200.0));
        assertEquals(ErrorCode.INVALID_OPTION, e.code());
    }

    @Test
    void simplerMethodsSample() {
        Station lyon = Station.of(45.72, 200);
        DailyWeather july15 = DailyWeather.builder(LocalDate.of(2023, 7, 15)).tmax(26.6).tmin(14.8).build();
        double hs = HargreavesSamani.standard().daily(lyon, july15).eto();       // 5.03 (FAO-56 eq. 52)
        double pt = PriestleyTaylor.standard().withAlpha(1.35)                   // coefficients are parameters
                .daily(lyon, DailyWeather.builder(LocalDate.of(2023, 7, 15)).tmax(26.6).tmin(14.8).rs(22.3).build())
                .eto();
        DailyMethod byName = DailyMethod.byId("makkink");                        // the CLI's method ids
        assertEquals(5.03, hs, 0.01);
        assertTrue(pt > 0);
        assertEquals("makkink", byName.id());
    }

    @Test
    void choiceAndCalibrationSample() {
        Station lyon = Station.of(45.72, 200);
        DailyWeather day = DailyWeather.builder(LocalDate.of(2023, 7, 15)).tmax(26.6).tmin(14.8).build();
        Station station = CalibrationTest.STATION;
        List<DailyWeather> days = new ArrayList<>(CalibrationTest.year());
        MethodChooser.Chosen c = MethodChooser.defaults().daily(lyon, day);
        String method = c.choice().method();        // "fao56"
        ChoiceReason why = c.choice().reason();     // ESTIMATED: columns [ea, rs, u2]
        CalibrationResult fit = Calibration.againstPenmanMonteith(HargreavesSamani.standard(), Fao56.defaults(),
                station, days);
        double c2 = fit.value();                    // the fitted 0.0023
        double rmse = fit.rmse();                   // also bias(), rSquared(), rmseBefore()
        assertEquals("fao56", method);
        assertEquals(ChoiceReason.ESTIMATED, why);
        assertTrue(c2 > 0.001 && c2 < 0.005, "" + c2);
        assertTrue(rmse <= fit.rmseBefore());
    }

    @Test
    void readmeQuotesTheseSamples() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String test = Files.readString(Path.of("src/test/java/org/eto4j/core/MethodsQuickStartTest.java"),
                StandardCharsets.UTF_8);
        int from = readme.indexOf("## ASCE-EWRI standardized reference ET");
        assertTrue(from > 0, "README section");
        String rest = readme.substring(from);
        int blocks = 0;
        int i = 0;
        while ((i = rest.indexOf("```java\n", i)) >= 0) {
            int end = rest.indexOf("```", i + 8);
            for (String line : rest.substring(i + 8, end).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty()) {
                    assertTrue(test.contains(l), () -> "README line not in MethodsQuickStartTest: " + l);
                }
            }
            blocks++;
            i = end + 3;
        }
        assertEquals(4, blocks);
    }
}
