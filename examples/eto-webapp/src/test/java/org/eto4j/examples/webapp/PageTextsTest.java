package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eto4j.core.EstimateFlag;
import org.eto4j.i18n.Messages;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Every text the page shows comes from the exported bundle: each key named in {@code index.html} and
 * {@code app.js} (and each state, stage and flag the page looks up by prefix) exists in both languages, and
 * the app's own bundle has the same keys in both.
 */
class PageTextsTest {
    static final String STATIC = "org/eto4j/examples/webapp/static/";
    final Messages messages = Messages.builder()
            .addBundle("org/eto4j/examples/webapp/messages", PageTextsTest.class.getClassLoader())
            .missingKeyListener((key, locale) -> { })
            .build();

    @Test
    void everyKeyThePageUsesExistsInBothLanguages() {
        Set<String> keys = new TreeSet<>();
        keys.addAll(matches(resource(STATIC + "index.html"), "data-i18n(?:-placeholder)?=\"([^\"]+)\""));
        keys.addAll(matches(resource(STATIC + "app.js"), "\\bt\\('([a-z0-9_.\\-]+)'"));
        keys.addAll(matches(resource(STATIC + "app.js"), "key: '([a-z0-9_.\\-]+)'"));
        keys.removeIf(k -> k.endsWith("."));   // prefixes completed at run time, enumerated below
        keys.add("method.fao56");
        for (TaskState s : TaskState.values()) {
            keys.add(s.messageKey());
        }
        for (String stage : Stage.KNOWN) {
            if (!stage.equals(Stage.PENDING) && !stage.equals(Stage.DOWNLOAD)) {
                keys.add(Stage.messageKey(stage));
            }
        }
        for (EstimateFlag f : EstimateFlag.values()) {
            keys.add("flag.short." + f.token());
        }
        for (String field : List.of("latitude", "longitude", "elevation", "wind_height")) {
            keys.add("field." + field);
        }
        for (WebErrorCode code : WebErrorCode.values()) {
            keys.add(code.messageKey());
        }
        assertTrue(keys.size() > 80, "keys found: " + keys.size());
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            for (var locale : List.of(Messages.ENGLISH, Messages.BRAZILIAN_PORTUGUESE)) {
                if (messages.pattern(locale, key).isEmpty()) {
                    missing.add(locale + ":" + key);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theAppsOwnBundleHasTheSameKeysInBothLanguagesAndDiffersFromEnglishInPortuguese() {
        Properties en = properties("org/eto4j/examples/webapp/messages_en.properties");
        Properties pt = properties("org/eto4j/examples/webapp/messages_pt_BR.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(pt.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            if (!en.getProperty(key).matches("\\{0\\} mm")) {
                assertTrue(!en.getProperty(key).equals(pt.getProperty(key)), "translated: " + key);
            }
        }
    }

    @Test
    void thePageHasNoTextOfItsOwn() {
        String html = resource(STATIC + "index.html");
        // Between tags there is only white space, except inside <code> (column names) and the title.
        String body = html.substring(html.indexOf("<body>"));
        Matcher m = Pattern.compile(">([^<]+)<").matcher(body);
        List<String> texts = new ArrayList<>();
        while (m.find()) {
            String text = m.group(1).trim();
            if (!text.isEmpty() && !text.startsWith("date | month, tmax")
                    && !text.startsWith("T2M_MAX") && !text.equals(":")
                    && !text.equals("·")) {
                texts.add(text);
            }
        }
        assertEquals(List.of(), texts);
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = PageTextsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(String name) {
        Properties p = new Properties();
        try (InputStream in = PageTextsTest.class.getClassLoader().getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
