package org.eto4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodChooserTest {
    static final Station LYON = Station.of(45 + 43.0 / 60, 200);
    static final LocalDate DAY = LocalDate.of(2023, 7, 15);

    static DailyWeather.Builder day() {
        return DailyWeather.builder(DAY);
    }

    @Test
    void fullDataGivesPenmanMonteith() {
        DailyWeather w = day().tmax(26.6).tmin(14.8).rhMax(80).rhMin(40).rs(22).u2(2).build();
        MethodChooser.Chosen c = MethodChooser.defaults().daily(LYON, w);
        assertEquals(new MethodChoice("fao56", ChoiceReason.COMPLETE, List.of()), c.choice());
        assertEquals(Fao56.defaults().daily(LYON, w).eto(), c.result().eto());
        assertEquals("method.auto.reason.complete", c.choice().messageKey());
    }

    @Test
    void temperaturesOnlyGivePenmanMonteithWithEstimatesAsFao56Example20() {
        // FAO-56 example 20 (Lyon, only Tmax and Tmin): recomputed ETo 4.560439.
        MethodChooser.Chosen c = MethodChooser.defaults().daily(LYON, day().tmax(26.6).tmin(14.8).build());
        assertEquals(ChoiceReason.ESTIMATED, c.choice().reason());
        assertEquals(List.of("ea", "rs", "u2"), c.choice().columns());
        assertEquals(List.of("ea, rs, u2"), c.choice().args());
        assertEquals(4.560439, c.result().eto(), 1e-5);
        assertTrue(c.result().has(EstimateFlag.RS_FROM_TEMPERATURE_RANGE));
    }

    @Test
    void simplerMethodsPolicyFallsBackToRadiationOrTemperatureMethods() {
        MethodChooser simpler = MethodChooser.builder()
                .missingDataPolicy(MethodChooser.MissingDataPolicy.SIMPLER_METHODS).build();
        MethodChooser.Chosen hs = simpler.daily(LYON, day().tmax(26.6).tmin(14.8).build());
        assertEquals("hargreaves-samani", hs.choice().method());
        assertEquals(ChoiceReason.TEMPERATURE, hs.choice().reason());
        // FAO-56 eq. 52 for example 20: 5.033055.
        assertEquals(5.033055, hs.result().eto(), 1e-5);
        MethodChooser.Chosen pt = simpler.daily(LYON, day().tmax(26.6).tmin(14.8).rs(22.3).build());
        assertEquals("priestley-taylor", pt.choice().method());
        assertEquals(ChoiceReason.RADIATION, pt.choice().reason());
        assertEquals(List.of("ea", "u2"), pt.choice().columns());
        assertEquals(PriestleyTaylor.standard().daily(LYON, day().tmax(26.6).tmin(14.8).rs(22.3).build()).eto(),
                pt.result().eto());
    }

    @Test
    void meanTemperatureOnlyRowsUseMakkinkOrOudin() {
        MethodChooser.Chosen makkink = MethodChooser.defaults().daily(LYON, day().tmean(20).rs(22).build());
        assertEquals("makkink", makkink.choice().method());
        assertEquals(ChoiceReason.RADIATION, makkink.choice().reason());
        assertEquals(List.of("tmax", "tmin", "ea", "u2"), makkink.choice().columns());
        MethodChooser.Chosen oudin = MethodChooser.defaults().daily(LYON, day().tmean(20).build());
        assertEquals("oudin", oudin.choice().method());
        assertEquals(ChoiceReason.TEMPERATURE, oudin.choice().reason());
        assertEquals(Oudin.standard().daily(LYON, day().tmean(20).build()).eto(), oudin.result().eto());
    }

    @Test
    void noTemperatureIsReasonNoneAndFailsLikeFao56() {
        assertEquals(ChoiceReason.NONE, MethodChooser.defaults().choose(day().rs(20).build()).reason());
        EtoException e = assertThrows(EtoException.class, () -> MethodChooser.defaults().daily(LYON,
                List.of(day().tmax(20).tmin(10).build(), day().rs(20).build())));
        assertEquals(ErrorCode.MISSING_INPUT, e.code());
        assertEquals("tmax", e.field().orElseThrow());
        assertEquals(1, e.row().getAsInt());
    }

    @Test
    void choiceIsPerRowAndLenientModeKeepsGoing() {
        MethodChooser lenient = MethodChooser.builder().validation(ValidationMode.LENIENT).build();
        List<MethodChooser.Chosen> rows = lenient.daily(LYON, List.of(
                day().tmax(26.6).tmin(14.8).rhMean(60).rs(22).u2(2).build(),
                day().tmean(20).rs(22).rhMean(150).build(),
                day().tmean(20).build()));
        assertEquals(ChoiceReason.COMPLETE, rows.get(0).choice().reason());
        assertFalse(rows.get(1).result().isValid());
        assertEquals(1, rows.get(1).result().error().orElseThrow().row().getAsInt());
        assertEquals("rh_mean", rows.get(1).result().error().orElseThrow().field().orElseThrow());
        assertEquals("oudin", rows.get(2).choice().method());
        assertTrue(rows.get(2).result().isValid());
    }

    @Test
    void reasonCodesAreStable() {
        assertEquals(List.of("complete", "estimated", "radiation", "temperature", "none"),
                java.util.Arrays.stream(ChoiceReason.values()).map(ChoiceReason::code).toList());
    }
}
