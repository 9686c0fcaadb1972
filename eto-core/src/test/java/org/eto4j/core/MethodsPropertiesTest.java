package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Over wide random valid inputs (the generator of {@link PropertiesTest}), every method either gives a finite
 * value or names a missing input: never NaN, infinity or another exception.
 */
class MethodsPropertiesTest {

    static final List<DailyMethod> METHODS = List.of(HargreavesSamani.standard(), HargreavesSamani.samani2000(),
            PriestleyTaylor.standard(), Makkink.standard(), Makkink.knmi(), Turc.standard(), Oudin.standard(),
            Oudin.airGR(),
            BlaneyCriddle.standard(), BlaneyCriddle.fao24(), JensenHaise.standard(), Abtew.standard(),
            Hamon.standard(), Linacre.standard(), Romanenko.standard(),
            new PriestleyTaylor(1.26, LatentHeat.TEMPERATURE_DEPENDENT));

    @Provide
    Arbitrary<PropertiesTest.Day> days() {
        return new PropertiesTest().days();
    }

    @Property(tries = 1500)
    void everyDailyMethodIsFiniteOrNamesWhatItLacks(@ForAll("days") PropertiesTest.Day d) {
        for (DailyMethod m : METHODS) {
            try {
                double et = m.daily(d.station(), d.weather()).eto();
                assertTrue(Double.isFinite(et), () -> m + " gave " + et + " for " + d);
            } catch (EtoException e) {
                assertEquals(ErrorCode.MISSING_INPUT, e.code(), () -> m + ": " + e + " for " + d);
                assertEquals(List.of(e.field().orElseThrow(), m.id()), e.args());
            }
        }
    }

    @Property(tries = 1500)
    void asceDailyIsFinite(@ForAll("days") PropertiesTest.Day d) {
        for (AsceProfile profile : AsceProfile.values()) {
            for (ReferenceCrop crop : ReferenceCrop.values()) {
                AsceEwri c = AsceEwri.builder().profile(profile).crop(crop).intermediates(true).build();
                EtoResult r;
                try {
                    r = c.daily(d.station(), d.weather());
                } catch (EtoException e) {
                    // The generator scales sunshine by FAO-56's day length; near the poles a profile with another
                    // declination formula has a shorter day, and the typed rejection is the right answer.
                    assertEquals(ErrorCode.SUNSHINE_ABOVE_DAYLENGTH, e.code(), e::getMessage);
                    continue;
                }
                assertTrue(Double.isFinite(r.eto()), () -> profile + " " + crop + ": " + r + " for " + d);
                Intermediates i = r.intermediates().orElseThrow();
                assertTrue(i.rso() >= 0 && i.ra() >= 0 && Double.isFinite(i.rnl()), () -> i + " for " + d);
            }
        }
    }

    @Property(tries = 1500)
    void asceHourlyIsFinite(@ForAll @DoubleRange(min = -90, max = 90) double latitude,
                            @ForAll @DoubleRange(min = -180, max = 180) double longitude,
                            @ForAll @IntRange(min = 1, max = 365) int doy,
                            @ForAll @IntRange(min = 0, max = 23) int hour,
                            @ForAll @IntRange(min = -12, max = 14) int offsetHours,
                            @ForAll @DoubleRange(min = -40, max = 50) double t,
                            @ForAll @DoubleRange(min = 0, max = 100) double rh,
                            @ForAll @DoubleRange(min = 0, max = 1) double rsFraction,
                            @ForAll @DoubleRange(min = 0, max = 30) double u2) {
        OffsetDateTime time = OffsetDateTime.of(2023, 1, 1, hour, 0, 0, 0, ZoneOffset.ofHours(offsetHours))
                .plusDays(doy - 1);
        HourlyWeather h = HourlyWeather.builder(time).t(t).rh(rh).rs(rsFraction * 4.9).u2(u2).build();
        Station s = Station.of(latitude, longitude, 500);
        for (AsceProfile profile : AsceProfile.values()) {
            for (ReferenceCrop crop : ReferenceCrop.values()) {
                double et = AsceEwri.builder().profile(profile).crop(crop).build().hourly(s, h).eto();
                assertTrue(Double.isFinite(et), () -> profile + " " + crop + " " + et);
            }
        }
    }

    @Property(tries = 1000)
    void theAutomaticChoiceIsAlwaysFinite(@ForAll("days") PropertiesTest.Day d) {
        for (MethodChooser.MissingDataPolicy policy : MethodChooser.MissingDataPolicy.values()) {
            MethodChooser.Chosen c = MethodChooser.builder().missingDataPolicy(policy).build()
                    .daily(d.station(), d.weather());
            assertTrue(Double.isFinite(c.result().eto()), () -> c + " for " + d);
        }
    }
}
