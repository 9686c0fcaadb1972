package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EstimateFlag;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.TransportErrorCode;
import org.junit.jupiter.api.Test;

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
        keys.addAll(BundleCompleteness.keysOf(ErrorCode.values(), ErrorCode::messageKey));
        keys.addAll(BundleCompleteness.keysOf(EstimateFlag.values(), EstimateFlag::messageKey));
        keys.addAll(BundleCompleteness.keysOf(EstimateFlag.values(), f -> "flag.short." + f.token()));
        keys.addAll(BundleCompleteness.keysOf(Unit.values(), Unit::messageKey));
        // eto-sources' codes and value flags are checked by eto-sources' own BundledMessagesTest: eto-sources
        // writes its CSV through this module, so a dependency back on it would be a cycle.
        keys.addAll(BundleCompleteness.keysOf(TaskState.values(), TaskState::messageKey));
        keys.addAll(Stage.KNOWN.stream().map(Stage::messageKey).toList());
        keys.addAll(BundleCompleteness.keysOf(ProgressErrorCode.values(), ProgressErrorCode::messageKey));
        keys.addAll(BundleCompleteness.keysOf(CancelReason.values(), CancelReason::messageKey));
        keys.addAll(BundleCompleteness.keysOf(org.eto4j.core.ChoiceReason.values(),
                org.eto4j.core.ChoiceReason::messageKey));
        keys.addAll(BundleCompleteness.keysOf(CloseCode.values(), CloseCode::messageKey));
        keys.addAll(BundleCompleteness.keysOf(TransportErrorCode.values(), TransportErrorCode::messageKey));
        keys.addAll(BundleCompleteness.keysOf(org.eto4j.fusion.FusionErrorCode.values(),
                org.eto4j.fusion.FusionErrorCode::messageKey));
        keys.addAll(BundleCompleteness.keysOf(org.eto4j.fusion.FusionFlag.values(), org.eto4j.fusion.FusionFlag::messageKey));
        keys.addAll(BundleCompleteness.keysOf(METHODS, m -> "method." + m));
        keys.addAll(BundleCompleteness.keysOf(METHODS, m -> "method." + m + ".description"));
        keys.addAll(List.of("problem.row_field", "problem.row", "problem.field",
                "duration.remaining.unknown", "duration.remaining.finishing", "duration.remaining.under_minute",
                "duration.remaining.minutes", "duration.remaining.hours", "duration.elapsed.seconds",
                "duration.elapsed.minutes", "duration.elapsed.hours"));
        return keys;
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
