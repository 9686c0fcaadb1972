package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eto4j.core.EstimateFlag;
import org.eto4j.errors.Code;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.CloseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCompletenessTest {

    /** Task states of eto-progress (issue: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED, plus CANCELLING). */

    /** Method ids of the CLI's --method and the web app's selector. */
    static final String[] METHODS = {"fao56", "asce-short", "asce-tall", "hargreaves-samani", "priestley-taylor",
        "makkink", "turc", "oudin", "blaney-criddle", "jensen-haise", "abtew", "hamon", "linacre", "romanenko",
        "thornthwaite", "auto"};

    /**
     * Every key the code needs. When eto-progress and the transport publish their enums, replace the string
     * arrays here with one line each, e.g. {@code keys.addAll(keysOf(TaskState.values(), s -> "task.state." +
     * s.name().toLowerCase(Locale.ROOT)))}.
     */
    static List<String> requiredKeys() {
        List<String> keys = new ArrayList<>();
        // Every error code enum on the class path (eto-core, eto-progress, eto-progress-postgres, eto-transport,
        // eto-fusion), found by its interface: see everyErrorCodeEnumOfTheReactorIsChecked.
        keys.addAll(BundleCompleteness.errorCodeKeys());
        keys.addAll(BundleCompleteness.keysOf(EstimateFlag.values(), EstimateFlag::messageKey));
        keys.addAll(BundleCompleteness.keysOf(EstimateFlag.values(), f -> "flag.short." + f.token()));
        keys.addAll(BundleCompleteness.keysOf(Unit.values(), Unit::messageKey));
        // eto-sources' codes and value flags are checked by eto-sources' own BundledMessagesTest: eto-sources
        // writes its CSV through this module, so a dependency back on it would be a cycle.
        keys.addAll(BundleCompleteness.keysOf(TaskState.values(), TaskState::messageKey));
        keys.addAll(Stage.KNOWN.stream().map(Stage::messageKey).toList());
        keys.addAll(BundleCompleteness.keysOf(CancelReason.values(), CancelReason::messageKey));
        keys.addAll(BundleCompleteness.keysOf(org.eto4j.core.ChoiceReason.values(),
                org.eto4j.core.ChoiceReason::messageKey));
        keys.addAll(BundleCompleteness.keysOf(CloseCode.values(), CloseCode::messageKey));
        keys.addAll(BundleCompleteness.keysOf(org.eto4j.fusion.FusionFlag.values(),
                org.eto4j.fusion.FusionFlag::messageKey));
        keys.addAll(BundleCompleteness.keysOf(METHODS, m -> "method." + m));
        keys.addAll(BundleCompleteness.keysOf(METHODS, m -> "method." + m + ".description"));
        keys.addAll(List.of("problem.row_field", "problem.row", "problem.field",
                "duration.remaining.unknown", "duration.remaining.finishing", "duration.remaining.under_minute",
                "duration.remaining.minutes", "duration.remaining.hours", "duration.elapsed.seconds",
                "duration.elapsed.minutes", "duration.elapsed.hours"));
        return keys;
    }

    /**
     * Error code enums that this module cannot see, because their module depends on eto-i18n (a test dependency back
     * would be a cycle), with the test of that module that checks their keys against these bundles.
     */
    static final Map<String, String> CHECKED_BY_THEIR_MODULE = Map.of(
            "org.eto4j.sources.SourceErrorCode", "eto-sources/src/test/java/org/eto4j/sources/BundledMessagesTest.java",
            "org.eto4j.examples.webapp.WebErrorCode",
            "examples/eto-webapp/src/test/java/org/eto4j/examples/webapp/PageTextsTest.java");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern ENUM = Pattern.compile("\\benum\\s+(\\w+)\\s*(implements\\s+([^{]*))?\\{");
    private static final Pattern CODE = Pattern.compile("\\b(org\\.eto4j\\.errors\\.)?Code\\b");

    @Test
    void theErrorCodeEnumsAreFoundByTheirInterface() {
        List<String> found = BundleCompleteness.errorCodeEnums().stream().map(Class::getName).toList();

        assertEquals(List.of("org.eto4j.core.ErrorCode", "org.eto4j.fusion.FusionErrorCode",
                "org.eto4j.progress.ProgressErrorCode", "org.eto4j.progress.postgres.PostgresStoreErrorCode",
                "org.eto4j.transport.TransportErrorCode"), found);
        assertTrue(requiredKeys().contains("error.task_store.database"), "PostgresStoreErrorCode's keys are required");
    }

    /**
     * Reads the main sources of every module of the build: each enum that implements {@link Code}, or whose name ends
     * in {@code ErrorCode}, must implement {@link Code} and have its keys checked, here (found on the class path) or by
     * the test of its own module. A new module's error enum fails this test until it is in the bundles' check.
     */
    @Test
    void everyErrorCodeEnumOfTheReactorIsChecked() throws IOException {
        Path root = reactorRoot();
        Set<String> checkedHere = new TreeSet<>();
        BundleCompleteness.errorCodeEnums().forEach(c -> checkedHere.add(c.getName()));
        Set<String> seen = new TreeSet<>();

        List<String> problems = uncheckedErrorEnums(root, checkedHere, CHECKED_BY_THEIR_MODULE, seen);

        assertTrue(seen.containsAll(checkedHere), "sources not found for " + checkedHere + " in " + root);
        assertEquals(List.of(), problems);
    }

    @Test
    void aForgottenErrorEnumFailsTheReactorCheck(@TempDir Path root) throws IOException {
        Path sources = Files.createDirectories(root.resolve("eto-new/src/main/java/org/eto4j/fresh"));
        Files.writeString(sources.resolve("FreshErrorCode.java"), "package org.eto4j.fresh;\n\n"
                + "/** An enum that implements Code in prose only { */\n"
                + "public enum FreshErrorCode implements org.eto4j.errors.Code {\n    A;\n}\n");
        Files.writeString(sources.resolve("PlainErrorCode.java"), "package org.eto4j.fresh;\n\n"
                + "enum PlainErrorCode {\n    B\n}\n");
        Files.writeString(sources.resolve("Colour.java"), "package org.eto4j.fresh;\n\nenum Colour {\n    RED\n}\n");

        List<String> problems = uncheckedErrorEnums(root, Set.of(), Map.of(), new TreeSet<>());

        assertEquals(List.of("org.eto4j.fresh.FreshErrorCode is not on this module's test class path: add its module"
                + " as a test dependency of eto-i18n, or check it in its own module and list it in"
                + " CHECKED_BY_THEIR_MODULE", "org.eto4j.fresh.PlainErrorCode does not implement org.eto4j.errors.Code",
                "org.eto4j.fresh.PlainErrorCode is not on this module's test class path: add its module as a test"
                + " dependency of eto-i18n, or check it in its own module and list it in CHECKED_BY_THEIR_MODULE"),
                problems);
    }

    /**
     * The error enums in the main sources under {@code root} whose keys nothing checks: each enum that implements
     * {@link Code}, or whose name ends in {@code ErrorCode}, must implement {@link Code} and be in
     * {@code checkedHere} or {@code elsewhere} (whose test must enumerate it). Adds every such enum to {@code seen}.
     */
    private static List<String> uncheckedErrorEnums(Path root, Set<String> checkedHere, Map<String, String> elsewhere,
                                                    Set<String> seen) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : mainSources(root)) {
            // Comments out, so that prose ("an enum that implements …") is not taken for a declaration.
            String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher pkg = PACKAGE.matcher(text);
            Matcher m = ENUM.matcher(text);
            while (m.find()) {
                String implemented = m.group(3) == null ? "" : m.group(3);
                boolean isCode = CODE.matcher(implemented).find();
                if (!isCode && !m.group(1).endsWith("ErrorCode")) {
                    continue;
                }
                String name = (pkg.find(0) ? pkg.group(1) + "." : "") + m.group(1);
                seen.add(name);
                if (!isCode) {
                    problems.add(name + " does not implement org.eto4j.errors.Code");
                }
                String test = elsewhere.get(name);
                if (test != null) {
                    Path file = root.resolve(test);
                    String simple = m.group(1);
                    if (!Files.isRegularFile(file) || !Files.readString(file).contains(simple + ".values()")) {
                        problems.add(name + ": " + test + " does not check " + simple + ".values()");
                    }
                } else if (!checkedHere.contains(name)) {
                    problems.add(name + " is not on this module's test class path: add its module as a test"
                            + " dependency of eto-i18n, or check it in its own module and list it in"
                            + " CHECKED_BY_THEIR_MODULE");
                }
            }
        }
        problems.sort(null);
        return problems;
    }

    /** Every {@code .java} file under a {@code src/main/java} of the build, build output and VCS data skipped. */
    private static List<Path> mainSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.equals("target") || name.equals("node_modules")
                        || name.startsWith("."));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = file.toString().replace('\\', '/');
                if (path.endsWith(".java") && path.contains("/src/main/java/")) {
                    sources.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sources;
    }

    /** The directory of the parent pom: the build's root, where every module's sources are. */
    private static Path reactorRoot() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>eto4j-parent</artifactId>")
                    && Files.readString(pom).contains("<module>eto-i18n</module>")) {
                return p;
            }
        }
        throw new AssertionError("the build's root (the pom with <module>eto-i18n</module>) is not above "
                + Path.of("").toAbsolutePath());
    }

    @Test
    void bundledBundlesAreComplete() {
        Map<Locale, Map<String, String>> bundles = BundleCompleteness.bundled();
        BundleCompleteness.assertComplete(bundles, requiredKeys());
        assertEquals(bundles.get(Messages.ENGLISH).keySet(), bundles.get(Messages.BRAZILIAN_PORTUGUESE).keySet());
    }

    @Test
    void removingAKeyFromOneBundleFailsLoudly() {
        Map<Locale, Map<String, String>> copy = copy(BundleCompleteness.bundled());
        copy.get(Messages.BRAZILIAN_PORTUGUESE).remove("error.tmin_above_tmax");

        AssertionError e = assertThrows(AssertionError.class,
                () -> BundleCompleteness.assertComplete(copy, requiredKeys()));

        assertTrue(e.getMessage().contains("pt-BR: missing key 'error.tmin_above_tmax'"), e.getMessage());
        assertTrue(e.getMessage().contains("pt-BR: missing required key 'error.tmin_above_tmax'"), e.getMessage());
    }

    @Test
    void removingANonRequiredKeyFromOneBundleStillFails() {
        Map<Locale, Map<String, String>> copy = copy(BundleCompleteness.bundled());
        copy.get(Messages.ENGLISH).remove("ui.action.calculate");

        List<String> problems = BundleCompleteness.problems(copy, requiredKeys());

        assertEquals(List.of("en: missing key 'ui.action.calculate' (present in another locale)"), problems);
    }

    @Test
    void aRequiredKeyMissingFromEveryBundleIsReported() {
        Map<Locale, Map<String, String>> copy = copy(BundleCompleteness.bundled());
        copy.values().forEach(b -> b.remove("task.state.cancelling"));

        List<String> problems = BundleCompleteness.problems(copy, requiredKeys());

        assertEquals(List.of("en: missing required key 'task.state.cancelling'",
                "pt-BR: missing required key 'task.state.cancelling'"), problems);
    }

    @Test
    void aNewEnumConstantWithoutMessagesIsReported() {
        List<String> required = new ArrayList<>(requiredKeys());
        required.addAll(BundleCompleteness.keysOf(new String[] {"paused"}, s -> "task.state." + s));

        List<String> problems = BundleCompleteness.problems(BundleCompleteness.bundled(), required);

        assertEquals(List.of("en: missing required key 'task.state.paused'",
                "pt-BR: missing required key 'task.state.paused'"), problems);
    }

    @Test
    void differentPlaceholdersAreReported() {
        Map<Locale, Map<String, String>> copy = copy(BundleCompleteness.bundled());
        copy.get(Messages.BRAZILIAN_PORTUGUESE)
                .put("error.tmin_above_tmax", "A temperatura mínima ({0} °C) é alta.");

        List<String> problems = BundleCompleteness.problems(copy, requiredKeys());

        assertEquals(List.of("pt-BR: placeholders of 'error.tmin_above_tmax' are [0] but en uses [0, 1]"), problems);
    }

    @Test
    void emptyValuesValuesEqualToTheirKeyAndLoneApostrophesAreReported() {
        Map<Locale, Map<String, String>> copy = copy(BundleCompleteness.bundled());
        copy.get(Messages.ENGLISH).put("ui.action.cancel", " ");
        copy.get(Messages.ENGLISH).put("ui.action.retry", "ui.action.retry");
        copy.get(Messages.ENGLISH).put("ui.error.network", "Can't reach the server.");
        copy.get(Messages.ENGLISH).put("ui.error.unexpected", "Oops {");

        List<String> problems = BundleCompleteness.problems(copy, requiredKeys());

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("en: empty value for 'ui.action.cancel'"), problems.toString());
        assertTrue(problems.contains("en: value equals its key 'ui.action.retry'"), problems.toString());
        assertTrue(problems.contains("en: lone ASCII apostrophe in 'ui.error.network' (write ’ or '')"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("en: malformed pattern for 'ui.error.unexpected'")),
                problems.toString());
    }

    @Test
    void formatsTheBrowserCannotReproduceAreReported() {
        Map<Locale, Map<String, String>> copy = copy(BundleCompleteness.bundled());
        copy.get(Messages.ENGLISH).put("ui.results.summary.period", "From {0,date,short} to {1}");
        copy.get(Messages.BRAZILIAN_PORTUGUESE).put("ui.results.summary.period", "De {0} a {1,number,#.##}");

        List<String> problems = BundleCompleteness.problems(copy, requiredKeys());

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("en: format '{0,date,short' in 'ui.results.summary.period'"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("pt-BR: format '{1,number,#.##' in 'ui.results.summary.period'"),
                problems.get(1));
        assertEquals(null, BundleCompleteness.unsupportedFormat("{0,number} {1,number, integer} {2,choice,0#a|1#b}"));
    }

    @Test
    void placeholdersAreFoundInsideChoicesAndNotInsideQuotes() {
        assertEquals(Set.of(0, 1), BundleCompleteness.placeholders("{0,choice,0#none|1<{1,number,integer} x}"));
        assertEquals(Set.of(2), BundleCompleteness.placeholders("'{0}' is literal, {2} is not; it''s"));
        assertEquals(Set.of(), BundleCompleteness.placeholders("no arguments"));
    }

    @Test
    void theBuiltMessagesServeEveryBundledKeyInEveryLocale() {
        Messages messages = Messages.bundled();
        Map<Locale, Map<String, String>> bundles = BundleCompleteness.bundled();
        for (Locale locale : messages.supportedLocales()) {
            assertEquals(bundles.get(locale).keySet(), messages.keys(locale), locale.toString());
            for (String key : messages.keys(locale)) {
                String text = messages.format(locale, key, 1, 2, 3, 4);
                assertTrue(!text.isBlank() && !text.equals(key), locale + " " + key);
            }
        }
    }

    private static Map<Locale, Map<String, String>> copy(Map<Locale, Map<String, String>> bundles) {
        Map<Locale, Map<String, String>> copy = new LinkedHashMap<>();
        bundles.forEach((l, b) -> copy.put(l, new TreeMap<>(b)));
        return copy;
    }
}
