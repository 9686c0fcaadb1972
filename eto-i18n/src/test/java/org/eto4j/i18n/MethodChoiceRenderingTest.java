package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.MethodChoice;
import org.eto4j.core.MethodChooser;
import org.junit.jupiter.api.Test;

/** The reasons of eto-core's automatic method choice render in both languages with their column list. */
class MethodChoiceRenderingTest {
    private final Messages messages = Messages.bundled();

    @Test
    void estimatedInputsAreListedInBothLanguages() {
        MethodChoice choice = MethodChooser.defaults().choose(DailyWeather.builder(LocalDate.of(2023, 7, 15))
                .tmax(26.6).tmin(14.8).build());
        String en = messages.format(Messages.ENGLISH, choice.messageKey(), choice.args());
        String pt = messages.format(Messages.BRAZILIAN_PORTUGUESE, choice.messageKey(), choice.args());
        assertEquals("Penman-Monteith with FAO-56 estimates for: ea, rs, u2.", en);
        assertTrue(pt.contains("ea, rs, u2"), pt);
        String name = messages.format(Messages.BRAZILIAN_PORTUGUESE, "method." + choice.method(),
                java.util.List.of());
        assertFalse(name.isBlank());
    }

    @Test
    void fallbackReasonsNameTheMissingColumns() {
        MethodChoice choice = MethodChooser.defaults().choose(DailyWeather.builder(LocalDate.of(2023, 7, 15))
                .tmean(20).build());
        String en = messages.format(Messages.ENGLISH, choice.messageKey(), choice.args());
        assertEquals("A temperature-based method, because Penman-Monteith lacks: tmax, tmin, ea, rs, u2.", en);
        String pt = messages.format(Messages.BRAZILIAN_PORTUGUESE, "method." + choice.method(), java.util.List.of());
        assertEquals("Oudin", pt);
    }
}
