package org.eto4j.i18n;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns eto4j's message keys and arguments into text for a person, in English or Brazilian Portuguese.
 *
 * <p>eto4j's libraries never build sentences: they report a stable code, a message key such as
 * {@code error.value_out_of_range} and its arguments. A {@code Messages} resolves the key for a locale and
 * formats the arguments with {@link java.text.MessageFormat} (numbers in the locale's style, plural forms via
 * {@code {0,choice,…}}).
 *
 * <pre>{@code
 * Messages messages = Messages.bundled();
 * Locale locale = messages.negotiate(request.header("Accept-Language"));   // en or pt-BR
 * String text = messages.describe(locale, Problem.of(e.messageKey(), e.args())
 *         .withField(e.field().orElse(null))
 *         .withRow(e.row().orElse(-1)));
 * // "Linha 12, coluna tmax: O valor 75,5 de tmax está fora do intervalo fisicamente possível, de -90 a 60."
 * }</pre>
 *
 * <h2>Locales and fallback</h2>
 * The supported locales are {@code en} and {@code pt-BR}. Any Portuguese locale ({@code pt}, {@code pt-PT},
 * {@code pt-AO}, …) resolves to {@code pt-BR}; every other locale resolves to {@code en}. A key missing from
 * the resolved locale's bundle falls back to {@code en}; a key missing everywhere yields the key itself and is
 * reported once to the {@link MissingKeyListener} (by default a warning in the {@code org.eto4j.i18n} logger).
 *
 * <h2>Guarantees</h2>
 * Instances are immutable and safe for concurrent use. Every pattern is parsed when the instance is built, so
 * a malformed bundle fails at start-up, not when a user meets the message. Formatting never throws for a
 * well-formed key: extra arguments are ignored, absent ones are printed as their placeholder, and an argument
 * of the wrong type (a text where a number is expected) is printed plainly. Null locales, keys and problems
 * are rejected with a {@link NullPointerException}; null arguments print as {@code null}.
 */
public interface Messages {

    /** English, the fallback for every locale that is not Portuguese. */
    Locale ENGLISH = Locale.ENGLISH;

    /** Brazilian Portuguese, used for every Portuguese locale. */
    Locale BRAZILIAN_PORTUGUESE = Locale.forLanguageTag("pt-BR");

    /**
     * The bundles shipped with eto4j: every eto-core error and flag, methods, conventions, task states and
     * stages, transport notices, units, durations and the example web app's interface.
     *
     * @return a shared instance
     */
    static Messages bundled() {
        return BundledHolder.INSTANCE;
    }

    /**
     * A builder that starts from the bundled messages; add your own bundles to it.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the message {@code key} for {@code locale}.
     *
     * @param locale the requested locale (resolved as described in the type's documentation)
     * @param key    the message key, e.g. {@code error.tmin_above_tmax}
     * @param args   the arguments, in the order the key documents them
     * @return the text; the key itself when no bundle has it
     */
    String format(Locale locale, String key, Object... args);

    /**
     * Formats the message {@code key} for {@code locale} with arguments held in a list, such as
     * {@code EtoException.args()}.
     *
     * @param locale the requested locale
     * @param key    the message key
     * @param args   the arguments, in order
     * @return the text; the key itself when no bundle has it
     */
    default String format(Locale locale, String key, List<?> args) {
        return format(locale, key, Objects.requireNonNull(args, "args").toArray());
    }

    /**
     * Renders a problem as one sentence that says where it is: {@code "Row 12, column tmax: …"}. The row
     * shown is {@link Problem#row()} + 1, i.e. data rows counted from 1 with the header line not counted.
     *
     * @param locale  the requested locale
     * @param problem the problem
     * @return the text
     */
    String describe(Locale locale, Problem problem);

    /**
     * Whether any bundle has {@code key}.
     *
     * @param key a message key
     * @return {@code true} if {@link #format} will not fall back to the key itself
     */
    boolean contains(String key);

    /**
     * The raw pattern of {@code key} for {@code locale}, after fallback.
     *
     * @param locale the requested locale
     * @param key    the message key
     * @return the pattern, or empty when no bundle has the key
     */
    Optional<String> pattern(Locale locale, String key);

    /**
     * Every key available in {@code locale} after fallback, sorted.
     *
     * @param locale the requested locale
     * @return an unmodifiable sorted set
     */
    Set<String> keys(Locale locale);

    /**
     * The locales this instance has bundles for: {@link #ENGLISH} and {@link #BRAZILIAN_PORTUGUESE}.
     *
     * @return an unmodifiable set
     */
    Set<Locale> supportedLocales();

    /**
     * The supported locale that serves {@code requested}: {@code pt-BR} for any Portuguese locale,
     * {@code en} otherwise.
     *
     * @param requested any locale
     * @return {@link #ENGLISH} or {@link #BRAZILIAN_PORTUGUESE}
     */
    Locale resolve(Locale requested);

    /**
     * Chooses the supported locale that best matches an HTTP {@code Accept-Language} header (RFC 9110
     * §12.5.4): ranges are tried by decreasing quality ({@code q}), ties in header order; ranges with
     * {@code q=0} are refused; {@code *} matches English. A missing, blank or malformed header gives English.
     *
     * @param acceptLanguage the header value, may be {@code null}
     * @return {@link #ENGLISH} or {@link #BRAZILIAN_PORTUGUESE}
     */
    Locale negotiate(String acceptLanguage);

    /**
     * Exports the resolved bundle of {@code locale} as a JSON object for browsers:
     * <pre>{@code
     * {"locale":"pt-BR","syntax":"java.text.MessageFormat",
     *  "formats":{"decimalSeparator":",","groupingSeparator":".","datePattern":"dd/MM/yyyy",
     *             "csvSeparator":";"},
     *  "messages":{"error.empty_input":"A entrada está vazia: …", …}}
     * }</pre>
     * Keys are sorted. The characters {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are escaped, so
     * the text can also be embedded in an HTML {@code <script>} element.
     *
     * @param locale the requested locale
     * @return the JSON text
     */
    String toJson(Locale locale);

    /**
     * Locale-aware formatting of numbers, dates, units and durations, with texts from this instance.
     *
     * @param locale the requested locale
     * @return the formats of the resolved locale
     */
    Formats formats(Locale locale);

    /**
     * Builds a {@link Messages} from the bundled messages plus your own bundles. Later bundles override
     * earlier ones key by key, so a host application may reword a message or add its own keys.
     */
    final class Builder {
        /**
         * How many distinct missing keys are reported before reporting stops: enough for every mistake a
         * program makes, while a caller that passes unchecked user input as keys cannot grow memory without
         * bound.
         */
        public static final int DEFAULT_MAX_REPORTED_MISSING_KEYS = 1_000;

        private final List<Source> sources = new ArrayList<>();
        private MissingKeyListener missingKeyListener = MissingKeyListener.logging();
        private int maxReportedMissingKeys = DEFAULT_MAX_REPORTED_MISSING_KEYS;

        Builder() {
            sources.add(Source.resources(ResolvedMessages.BUNDLED_BASE_NAME, Messages.class.getClassLoader()));
        }

        /**
         * Adds a bundle stored as UTF-8 properties files {@code baseName_en.properties} and
         * {@code baseName_pt_BR.properties} on the class path; at least one of them must exist.
         *
         * @param baseName    a resource path without locale and extension, e.g. {@code com/example/app/messages}
         * @param classLoader the class loader that finds the files
         * @return this builder
         */
        public Builder addBundle(String baseName, ClassLoader classLoader) {
            Objects.requireNonNull(baseName, "baseName");
            Objects.requireNonNull(classLoader, "classLoader");
            sources.add(Source.resources(baseName, classLoader));
            return this;
        }

        /**
         * Adds messages for one supported locale.
         *
         * @param locale   {@link #ENGLISH} or {@link #BRAZILIAN_PORTUGUESE}
         * @param messages key to {@link java.text.MessageFormat} pattern
         * @return this builder
         */
        public Builder addMessages(Locale locale, Map<String, String> messages) {
            Objects.requireNonNull(locale, "locale");
            Objects.requireNonNull(messages, "messages");
            sources.add(Source.entries(locale, new LinkedHashMap<>(messages)));
            return this;
        }

        /**
         * Sets who hears about keys that no bundle has; each distinct key is reported once.
         *
         * @param listener the listener; the default logs a warning
         * @return this builder
         */
        public Builder missingKeyListener(MissingKeyListener listener) {
            this.missingKeyListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets how many distinct missing keys are reported at most.
         *
         * @param max from 0 to 1,000,000; default {@value #DEFAULT_MAX_REPORTED_MISSING_KEYS}
         * @return this builder
         */
        public Builder maxReportedMissingKeys(int max) {
            if (max < 0 || max > 1_000_000) {
                throw new IllegalArgumentException(
                        "maxReportedMissingKeys must be between 0 and 1000000, was " + max);
            }
            this.maxReportedMissingKeys = max;
            return this;
        }

        /**
         * Loads and parses every bundle.
         *
         * @return an immutable, thread-safe instance
         * @throws IllegalArgumentException if a bundle is absent, is for an unsupported locale, or holds an
         *                                  empty or malformed pattern (the message names the key and bundle)
         */
        public Messages build() {
            return ResolvedMessages.load(List.copyOf(sources), missingKeyListener, maxReportedMissingKeys);
        }

        /** Where messages come from. */
        record Source(String baseName, ClassLoader classLoader, Locale locale, Map<String, String> entries) {
            static Source resources(String baseName, ClassLoader classLoader) {
                return new Source(baseName, classLoader, null, null);
            }

            static Source entries(Locale locale, Map<String, String> entries) {
                return new Source(null, null, locale, entries);
            }
        }
    }
}
