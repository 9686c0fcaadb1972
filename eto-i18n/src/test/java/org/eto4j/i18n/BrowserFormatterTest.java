package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser formatter (eto-i18n.js) gives the same text as {@link Messages#format} for every bundled key,
 * in both locales. Runs the script in Node.js; skipped where no {@code node} is installed.
 */
class BrowserFormatterTest {

    private static final List<List<Object>> ARGUMENT_SETS = List.of(
            List.of(1, 2, 3, 4),
            List.of(0, 0, 0, 0),
            List.of(2, 1234, 5, 10958),
            List.of(75.5, -3.25, 12345.678, 1));

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theScriptFormatsEveryKeyLikeJava(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "node is not installed");
        Messages messages = Messages.bundled();
        Files.writeString(dir.resolve("eto-i18n.js"), resource("org/eto4j/i18n/eto-i18n.js"));
        List<List<Object>> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Locale l : messages.supportedLocales()) {
            Files.writeString(dir.resolve(l.toLanguageTag() + ".json"), messages.toJson(l));
            for (String key : messages.keys(l)) {
                for (List<Object> args : ARGUMENT_SETS) {
                    cases.add(List.of(l.toLanguageTag(), key, args));
                    expected.add(messages.format(l, key, args));
                }
            }
            cases.add(List.of(l.toLanguageTag(), "no.such.key", List.of()));
            expected.add("no.such.key");
        }
        Files.writeString(dir.resolve("cases.json"), json.writeValueAsString(cases));
        Files.writeString(dir.resolve("run.js"), String.join("\n",
                "const fs = require('fs');",
                "const E = require('./eto-i18n.js');",
                "const b = {};",
                "for (const t of ['en', 'pt-BR']) b[t] = E.create(JSON.parse(fs.readFileSync(t + '.json', 'utf8')));",
                "const cases = JSON.parse(fs.readFileSync('cases.json', 'utf8'));",
                "const out = cases.map(([l, k, a]) => b[l].t(k, ...a));",
                "fs.writeFileSync('out.json', JSON.stringify(out));"));

        Process p = new ProcessBuilder("node", "run.js").directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node finished");
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);

        List<String> actual = json.readValue(dir.resolve("out.json").toFile(), new TypeReference<>() { });
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                mismatches.add(cases.get(i) + ": java=" + expected.get(i) + " js=" + actual.get(i));
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(cases.size() > 2_000, "cases: " + cases.size());
    }

    @Test
    void theScriptFormatsNumbersAndDatesLikeFormats(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "node is not installed");
        Messages messages = Messages.bundled();
        double[] values = {4.5678, 2.675, 1234.5, -0.001, -3.25, 999.996, 0.04, 1e-9, 5.72, 123456789.125};
        Files.writeString(dir.resolve("eto-i18n.js"), resource("org/eto4j/i18n/eto-i18n.js"));
        List<String> expected = new ArrayList<>();
        StringBuilder script = new StringBuilder("const E = require('./eto-i18n.js'); const out = [];\n");
        for (Locale l : messages.supportedLocales()) {
            Formats f = messages.formats(l);
            script.append("{ const i = E.create(").append(messages.toJson(l)).append(");\n");
            for (double v : values) {
                for (int d = 0; d <= 4; d++) {
                    expected.add(f.number(v, d));
                    script.append("out.push(i.number(").append(v).append(", ").append(d).append("));\n");
                }
            }
            expected.add(f.date(java.time.LocalDate.of(2024, 3, 5)));
            script.append("out.push(i.date('2024-03-05')); }\n");
        }
        script.append("require('fs').writeFileSync('out.json', JSON.stringify(out));\n");
        Files.writeString(dir.resolve("run.js"), script);

        Process p = new ProcessBuilder("node", "run.js").directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node finished");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        List<String> actual = json.readValue(dir.resolve("out.json").toFile(), new TypeReference<>() { });
        assertEquals(expected, actual);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BrowserFormatterTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
