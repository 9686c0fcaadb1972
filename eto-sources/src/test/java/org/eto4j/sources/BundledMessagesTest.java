package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eto4j.i18n.Messages;
import org.junit.jupiter.api.Test;

/**
 * Every code and value flag of eto-sources has a message in each bundled locale. eto-i18n checks its bundles
 * as a whole (same keys and placeholders in every locale); this module's keys are checked here, beside the
 * enums, because eto-sources depends on eto-i18n and not the other way round.
 */
class BundledMessagesTest {

    @Test
    void everySourceCodeAndValueFlagHasAMessageInEveryLocale() {
        Messages messages = Messages.bundled();
        List<String> missing = new ArrayList<>();
        for (Locale locale : messages.supportedLocales()) {
            for (SourceErrorCode c : SourceErrorCode.values()) {
                if (!messages.keys(locale).contains(c.messageKey())) {
                    missing.add(locale + ": " + c.messageKey());
                }
            }
            for (ValueFlag f : ValueFlag.values()) {
                if (!messages.keys(locale).contains(f.messageKey())) {
                    missing.add(locale + ": " + f.messageKey());
                }
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(2, messages.supportedLocales().size());
    }
}
