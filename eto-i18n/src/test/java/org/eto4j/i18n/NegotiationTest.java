package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NegotiationTest {

    private final Messages messages = Messages.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7 | pt-BR",   // a Brazilian browser
        "en-US,en;q=0.9                       | en",
        "pt-PT                                | pt-BR",   // any Portuguese gets Brazilian Portuguese
        "PT-br                                | pt-BR",   // tags are case-insensitive
        "fr-FR,fr;q=0.9,pt;q=0.5,en;q=0.3     | pt-BR",   // first supported by quality
        "fr-FR,fr;q=0.9,en;q=0.5,pt;q=0.3     | en",
        "en;q=0.5,pt-BR;q=0.8                 | pt-BR",   // quality beats order
        "pt;q=0.5,en;q=0.5                    | pt-BR",   // ties keep header order
        "de,ja                                | en",      // nothing supported: English
        "*                                    | en",
        "en;q=0,*                             | pt-BR",   // '*' is any language not refused
        "pt;q=0,en;q=0                        | en",      // everything refused: still an answer
        "pt-BR;q=0,pt;q=1                     | en",      // a refusal wins over a wider range
        "pt-BR;q=2,en                         | en",      // an invalid quality drops that entry
        "pt_BR,en                             | en",      // '_' is not a language tag
        "'pt-BR ; q=0.8 ,  en ; q=0.1'        | pt-BR",   // white space around separators
        "zh-Hant-TW,pt-BR;q=0.2               | pt-BR",
    })
    void choosesTheBestSupportedLocale(String header, String expected) {
        assertEquals(Locale.forLanguageTag(expected), messages.negotiate(header));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", ",,,", ";q=1", "pt-BR;q=", "💥", "pt-BR;q=0.5;q"})
    void missingOrMalformedHeadersGiveEnglish(String header) {
        assertEquals(Locale.ENGLISH, messages.negotiate(header));
    }

    @org.junit.jupiter.api.Test
    void aHugeHeaderCostsBoundedWork() {
        String header = "xx,".repeat(100_000) + "pt-BR";
        assertEquals(Locale.ENGLISH, messages.negotiate(header), "entries past the limits are not read");
        assertEquals(Messages.BRAZILIAN_PORTUGUESE, messages.negotiate("pt-BR," + header));
    }
}
