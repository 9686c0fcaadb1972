package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonExportTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theExportHoldsEveryResolvedMessageAndTheLocalesFormats() throws Exception {
        Messages messages = Messages.bundled();
        for (Locale l : messages.supportedLocales()) {
            Map<String, Object> root = json.readValue(messages.toJson(l), new TypeReference<>() { });

            assertEquals(l.toLanguageTag(), root.get("locale"));
            assertEquals("java.text.MessageFormat", root.get("syntax"));
            @SuppressWarnings("unchecked")
            Map<String, String> exported = (Map<String, String>) root.get("messages");
            assertEquals(new ArrayList<>(messages.keys(l)), new ArrayList<>(exported.keySet()), "sorted, complete");
            for (String key : messages.keys(l)) {
                assertEquals(messages.pattern(l, key).orElseThrow(), exported.get(key), key);
            }
        }
        Map<String, Object> pt = json.readValue(messages.toJson(Locale.forLanguageTag("pt-PT")),
                new TypeReference<>() { });
        assertEquals(Map.of("decimalSeparator", ",", "groupingSeparator", ".", "datePattern", "dd/MM/uuuu",
                "dateTimePattern", "dd/MM/uuuu HH:mm", "monthPattern", "MM/uuuu", "etoDecimals", 2,
                "csvSeparator", ";"), pt.get("formats"));
        assertEquals("pt-BR", pt.get("locale"));
    }

    @Test
    void textIsEscapedForJsonAndForHtmlScriptElements() throws Exception {
        String nasty = "</script><b>\"quoted\" & \\ back\nline\ttab\u0001 \u2028 ç ⁻²";
        Messages m = Messages.builder().addMessages(Locale.ENGLISH, Map.of("app.nasty", nasty)).build();

        String text = m.toJson(Locale.ENGLISH);

        assertFalse(text.contains("</script>") || text.contains("<b>") || text.contains("&"), text);
        assertFalse(text.contains("\u2028") || text.contains("\u0001") || text.contains("\n"));
        assertTrue(text.contains("\\u003c/script\\u003e"));
        Map<String, Object> root = json.readValue(text, new TypeReference<>() { });
        @SuppressWarnings("unchecked")
        Map<String, String> exported = (Map<String, String>) root.get("messages");
        assertEquals(nasty, exported.get("app.nasty"));
    }
}
