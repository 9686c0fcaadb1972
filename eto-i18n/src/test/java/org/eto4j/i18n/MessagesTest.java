package org.eto4j.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessagesTest {

    private static final Locale PT_BR = Messages.BRAZILIAN_PORTUGUESE;
    private final Messages messages = Messages.bundled();

    @Test
    void bundledIsOneSharedInstanceWithTwoLocales() {
        assertSame(messages, Messages.bundled());
        assertEquals(List.of(Locale.ENGLISH, PT_BR), new ArrayList<>(messages.supportedLocales()));
        assertEquals(messages.keys(Locale.ENGLISH), messages.keys(PT_BR));
    }

    @Test
    void everyPortugueseLocaleResolvesToBrazilianAndEverythingElseToEnglish() {
        assertEquals(PT_BR, messages.resolve(Locale.forLanguageTag("pt-PT")));
        assertEquals(PT_BR, messages.resolve(Locale.forLanguageTag("pt")));
        assertEquals(PT_BR, messages.resolve(Locale.forLanguageTag("pt-AO")));
        assertEquals(Locale.ENGLISH, messages.resolve(Locale.US));
        assertEquals(Locale.ENGLISH, messages.resolve(Locale.FRANCE));
        assertEquals(Locale.ENGLISH, messages.resolve(Locale.ROOT));
        assertEquals("Na fila", messages.format(Locale.forLanguageTag("pt-PT"), "task.state.queued"));
        assertEquals("Queued", messages.format(Locale.GERMAN, "task.state.queued"));
    }

    @Test
    void aMissingKeyYieldsTheKeyAndIsReportedOncePerKey() {
        List<String> reported = Collections.synchronizedList(new ArrayList<>());
        Messages m = Messages.builder().missingKeyListener((key, locale) -> reported.add(key + "@" + locale)).build();

        assertEquals("no.such.key", m.format(PT_BR, "no.such.key", 1));
        assertEquals("no.such.key", m.format(Locale.ENGLISH, "no.such.key"));
        assertEquals("other.key", m.describe(Locale.ENGLISH, Problem.of("other.key")));

        assertEquals(List.of("no.such.key@pt_BR", "other.key@en"), reported);
        assertFalse(m.contains("no.such.key"));
        assertEquals(Optional.empty(), m.pattern(Locale.ENGLISH, "no.such.key"));
    }

    @Test
    void reportingOfMissingKeysIsBounded() {
        List<String> reported = Collections.synchronizedList(new ArrayList<>());
        Messages m = Messages.builder().maxReportedMissingKeys(3)
                .missingKeyListener((key, locale) -> reported.add(key)).build();
        for (int i = 0; i < 10; i++) {
            assertEquals("missing." + i, m.format(Locale.ENGLISH, "missing." + i));
        }
        assertEquals(List.of("missing.0", "missing.1", "missing.2"), reported);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Messages.builder().maxReportedMissingKeys(-1));
        assertEquals("maxReportedMissingKeys must be between 0 and 1000000, was -1", e.getMessage());
    }

    @Test
    void aThrowingListenerDoesNotBreakFormatting() {
        Messages m = Messages.builder().missingKeyListener((key, locale) -> {
            throw new IllegalStateException("listener bug");
        }).build();
        assertEquals("absent", m.format(Locale.ENGLISH, "absent"));
    }

    @Test
    void argumentsOfTheWrongTypeOrMissingArgumentsNeverThrow() {
        assertEquals("About soon min left", messages.format(Locale.ENGLISH, "duration.remaining.minutes", "soon"));
        assertEquals("Row {0}: {1}", messages.format(Locale.ENGLISH, "problem.row"));
        assertEquals("Row 3: x", messages.format(Locale.ENGLISH, "problem.row", "3", "x", "ignored"));
        assertEquals("Row null: x", messages.format(Locale.ENGLISH, "problem.row", null, "x"));
        assertEquals("Queued", messages.format(Locale.ENGLISH, "task.state.queued", (Object[]) null));
    }

    @Test
    void dateArgumentsAreWrittenInTheLocalesStyle() {
        LocalDate first = LocalDate.of(2024, 1, 1);
        LocalDate last = LocalDate.of(2024, 12, 31);
        assertEquals("From 2024-01-01 to 2024-12-31",
                messages.format(Locale.ENGLISH, "ui.results.summary.period", first, last));
        assertEquals("De 01/01/2024 a 31/12/2024", messages.format(PT_BR, "ui.results.summary.period", first, last));
    }

    @Test
    void countsChooseSingularOrPlural() {
        assertEquals("1 day", messages.format(Locale.ENGLISH, "ui.results.summary.day_count", 1));
        assertEquals("2 days", messages.format(Locale.ENGLISH, "ui.results.summary.day_count", 2));
        assertEquals("10,958 days", messages.format(Locale.ENGLISH, "ui.results.summary.day_count", 10958));
        assertEquals("No days", messages.format(Locale.ENGLISH, "ui.results.summary.day_count", 0));
        assertEquals("1 dia", messages.format(PT_BR, "ui.results.summary.day_count", 1));
        assertEquals("2 dias", messages.format(PT_BR, "ui.results.summary.day_count", 2));
        assertEquals("10.958 dias", messages.format(PT_BR, "ui.results.summary.day_count", 10958));
        assertEquals("Nenhum dia", messages.format(PT_BR, "ui.results.summary.day_count", 0));
        assertEquals("250 of 10,958 records", messages.format(Locale.ENGLISH, "task.progress.records", 250, 10958));
        assertEquals("0 of 1 record", messages.format(Locale.ENGLISH, "task.progress.records", 0, 1));
        assertEquals("250 de 10.958 registros", messages.format(PT_BR, "task.progress.records", 250, 10958));
        assertEquals("1 de 1 registro", messages.format(PT_BR, "task.progress.records", 1, 1));
    }

    @Test
    void agronomicTermsAreWrittenInPortuguese() {
        assertEquals("Evapotranspiração de referência (ETo)", messages.format(PT_BR, "field.eto"));
        assertEquals("Radiação solar", messages.format(PT_BR, "field.rs"));
        assertEquals("Déficit hídrico", messages.format(PT_BR, "field.water_deficit"));
        assertEquals("Umidade relativa máxima", messages.format(PT_BR, "field.rh_max"));
        assertEquals("Velocidade do vento a 2 m", messages.format(PT_BR, "field.u2"));
        assertEquals("Temperatura do ponto de orvalho", messages.format(PT_BR, "field.tdew"));
        assertEquals("Insolação", messages.format(PT_BR, "field.sunshine_hours"));
        assertEquals("Pressão real de vapor", messages.format(PT_BR, "field.ea"));
    }

    @Test
    void extraBundlesAddKeysAndOverrideByKey() {
        Messages m = Messages.builder()
                .addBundle("org/eto4j/i18n/testbundles/extra", MessagesTest.class.getClassLoader())
                .addMessages(PT_BR, Map.of("ui.action.calculate", "Calcular a ETo"))
                .build();

        assertEquals("Olá, Maria!", m.format(PT_BR, "app.greeting", "Maria"));
        assertEquals("Hello, Mary!", m.format(Locale.UK, "app.greeting", "Mary"));
        assertEquals("Compute ETo", m.format(Locale.ENGLISH, "ui.action.calculate"));
        assertEquals("Calcular a ETo", m.format(PT_BR, "ui.action.calculate"));
        assertEquals("Calcular", messages.format(PT_BR, "ui.action.calculate"), "the bundled instance is unchanged");
        assertTrue(m.contains("app.greeting"));
    }

    @Test
    void aKeyOnlyInEnglishFallsBackToEnglish() {
        Messages m = Messages.builder()
                .addBundle("org/eto4j/i18n/testbundles/english_only", MessagesTest.class.getClassLoader())
                .build();
        assertEquals("Only in English", m.format(PT_BR, "app.only_english"));
        assertTrue(m.keys(PT_BR).contains("app.only_english"));
    }

    @Test
    void theBuilderFailsFastNamingTheProblem() {
        ClassLoader cl = MessagesTest.class.getClassLoader();
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> Messages.builder().addBundle("org/eto4j/i18n/testbundles/absent", cl).build());
        assertTrue(absent.getMessage().startsWith("No bundle found for base name 'org/eto4j/i18n/testbundles/absent'"),
                absent.getMessage());

        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> Messages.builder().addMessages(Locale.ENGLISH, Map.of("app.bad", "Broken {0")).build());
        assertTrue(malformed.getMessage().startsWith("Malformed message pattern for key 'app.bad' (en)"),
                malformed.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Messages.builder().addMessages(PT_BR, Map.of("app.empty", "")).build());
        assertEquals("Empty message for key 'app.empty' in messages for pt-BR", empty.getMessage());

        IllegalArgumentException locale = assertThrows(IllegalArgumentException.class,
                () -> Messages.builder().addMessages(Locale.FRENCH, Map.of("app.x", "x")).build());
        assertEquals("locale must be one of [en, pt-BR], was fr", locale.getMessage());

        IllegalArgumentException encoding = assertThrows(IllegalArgumentException.class,
                () -> Messages.builder().addBundle("org/eto4j/i18n/testbundles/latin1", cl).build());
        assertTrue(encoding.getMessage().contains("as UTF-8"), encoding.getMessage());
    }

    @Test
    void theKeysAreSortedAndUnmodifiable() {
        Set<String> keys = messages.keys(PT_BR);
        assertEquals(new ArrayList<>(new java.util.TreeSet<>(keys)), new ArrayList<>(keys));
        assertThrows(UnsupportedOperationException.class, () -> keys.add("x"));
        assertTrue(keys.size() > 250, "keys: " + keys.size());
    }

    @Test
    void manyThreadsFormatTheSameKeysConcurrently() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        int n = id * 10_000 + i;
                        Locale l = (i & 1) == 0 ? Locale.ENGLISH : PT_BR;
                        String expected = (i & 1) == 0 ? n + " of 20,000 records" : n + " de 20.000 registros";
                        String got = messages.format(l, "task.progress.records", n, 20_000);
                        if (n < 1000 && !got.equals(expected)) {
                            throw new AssertionError(got + " != " + expected);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(threads * 2_000, total);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
