package org.eto4j.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one implementation of {@link Messages}: every pattern parsed once, per supported locale. */
final class ResolvedMessages implements Messages {

    static final String BUNDLED_BASE_NAME = "org/eto4j/i18n/messages";

    private static final Logger LOG = LoggerFactory.getLogger(Messages.class);
    private static final List<Locale> SUPPORTED = List.of(ENGLISH, BRAZILIAN_PORTUGUESE);

    /** A parsed pattern. MessageFormat is not thread-safe, so each use formats with a clone. */
    private record Entry(String pattern, MessageFormat prototype) {
        String format(Object[] args) {
            MessageFormat mf = (MessageFormat) prototype.clone();
            try {
                return mf.format(args);
            } catch (IllegalArgumentException wrongArgumentType) {
                // e.g. a text where {0,number} expects a number: print every argument plainly rather than fail.
                mf.setFormats(new Format[mf.getFormats().length]);
                return mf.format(args);
            }
        }
    }

    private final Map<Locale, Map<String, Entry>> entries;
    private final Map<Locale, Set<String>> keys;
    private final Map<Locale, Formats> formats;
    private final MissingKeyListener missingKeyListener;
    private final int maxReportedMissingKeys;
    private final Set<String> reportedMissingKeys = ConcurrentHashMap.newKeySet();

    private ResolvedMessages(Map<Locale, Map<String, Entry>> entries, MissingKeyListener missingKeyListener,
                             int maxReportedMissingKeys) {
        this.entries = entries;
        this.missingKeyListener = missingKeyListener;
        this.maxReportedMissingKeys = maxReportedMissingKeys;
        Map<Locale, Set<String>> k = new LinkedHashMap<>();
        Map<Locale, Formats> f = new LinkedHashMap<>();
        for (Locale l : SUPPORTED) {
            k.put(l, Collections.unmodifiableSet(entries.get(l).keySet()));
            f.put(l, Formats.create(this, l));
        }
        this.keys = Collections.unmodifiableMap(k);
        this.formats = Collections.unmodifiableMap(f);
    }

    static Messages load(List<Messages.Builder.Source> sources, MissingKeyListener listener, int maxReported) {
        Map<Locale, Map<String, String>> own = new LinkedHashMap<>();
        SUPPORTED.forEach(l -> own.put(l, new TreeMap<>()));
        for (Messages.Builder.Source source : sources) {
            if (source.baseName() != null) {
                boolean found = false;
                for (Locale l : SUPPORTED) {
                    String resource = source.baseName() + "_" + l.toString() + ".properties";
                    Map<String, String> read = read(resource, source.classLoader());
                    if (read != null) {
                        found = true;
                        putAll(own.get(l), read, resource);
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException("No bundle found for base name '" + source.baseName()
                            + "': expected " + source.baseName() + "_en.properties or " + source.baseName()
                            + "_pt_BR.properties on the class path");
                }
            } else {
                if (!SUPPORTED.contains(source.locale())) {
                    throw new IllegalArgumentException("locale must be one of " + tags(SUPPORTED) + ", was "
                            + source.locale().toLanguageTag());
                }
                putAll(own.get(source.locale()), source.entries(), "messages for " + source.locale().toLanguageTag());
            }
        }
        Map<Locale, Map<String, Entry>> parsed = new LinkedHashMap<>();
        for (Locale l : SUPPORTED) {
            // Fallback to English: start from the English patterns and overlay the locale's own.
            Map<String, String> resolved = new TreeMap<>(own.get(ENGLISH));
            resolved.putAll(own.get(l));
            Map<String, Entry> e = new TreeMap<>();
            resolved.forEach((key, pattern) -> e.put(key, parse(key, pattern, l)));
            parsed.put(l, Collections.unmodifiableMap(e));
        }
        return new ResolvedMessages(Collections.unmodifiableMap(parsed), listener, maxReported);
    }

    private static Map<String, String> read(String resource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            // Strict UTF-8: a file saved in another encoding fails here instead of showing mangled accents.
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            Properties p = new Properties();
            p.load(reader);
            Map<String, String> m = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read bundle " + resource + " as UTF-8 properties: " + e, e);
        }
    }

    private static void putAll(Map<String, String> target, Map<String, String> source, String origin) {
        source.forEach((key, pattern) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("Blank key in " + origin);
            }
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("Empty message for key '" + key + "' in " + origin);
            }
            target.put(key, pattern);
        });
    }

    private static Entry parse(String key, String pattern, Locale locale) {
        try {
            return new Entry(pattern, new MessageFormat(pattern, locale));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Malformed message pattern for key '" + key + "' ("
                    + locale.toLanguageTag() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String format(Locale locale, String key, Object... args) {
        Objects.requireNonNull(key, "key");
        Locale l = resolve(locale);
        Entry e = entries.get(l).get(key);
        if (e == null) {
            reportMissing(key, l);
            return key;
        }
        return e.format(convert(args, l));
    }

    @Override
    public String describe(Locale locale, Problem problem) {
        Objects.requireNonNull(problem, "problem");
        Locale l = resolve(locale);
        String message = format(l, problem.messageKey(), problem.args());
        String field = problem.field();
        int row = problem.row();
        if (row >= 0) {
            String shownRow = Integer.toString(row + 1); // data rows counted from 1; no thousands separator
            return field == null
                    ? format(l, "problem.row", shownRow, message)
                    : format(l, "problem.row_field", shownRow, field, message);
        }
        return field == null ? message : format(l, "problem.field", field, message);
    }

    @Override
    public boolean contains(String key) {
        return entries.get(ENGLISH).containsKey(Objects.requireNonNull(key, "key"))
                || entries.get(BRAZILIAN_PORTUGUESE).containsKey(key);
    }

    @Override
    public Optional<String> pattern(Locale locale, String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(entries.get(resolve(locale)).get(key)).map(Entry::pattern);
    }

    @Override
    public Set<String> keys(Locale locale) {
        return keys.get(resolve(locale));
    }

    @Override
    public Set<Locale> supportedLocales() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(SUPPORTED));
    }

    @Override
    public Locale resolve(Locale requested) {
        return "pt".equals(Objects.requireNonNull(requested, "locale").getLanguage()) ? BRAZILIAN_PORTUGUESE : ENGLISH;
    }

    @Override
    public Locale negotiate(String acceptLanguage) {
        List<AcceptLanguage.Range> ranges = AcceptLanguage.parse(acceptLanguage);
        Set<Locale> refused = new HashSet<>();
        for (AcceptLanguage.Range r : ranges) {
            Locale candidate = candidate(r);
            if (r.quality() == 0 && candidate != null) {
                refused.add(candidate);
            }
        }
        for (AcceptLanguage.Range r : ranges) {
            if (r.quality() == 0) {
                continue;
            }
            if (r.tag().equals("*")) {
                // "*" matches any language not named elsewhere: the first supported one not refused.
                return SUPPORTED.stream().filter(l -> !refused.contains(l)).findFirst().orElse(ENGLISH);
            }
            Locale candidate = candidate(r);
            if (candidate != null && !refused.contains(candidate)) {
                return candidate;
            }
        }
        return ENGLISH;
    }

    private static Locale candidate(AcceptLanguage.Range r) {
        return switch (r.language()) {
            case "pt" -> BRAZILIAN_PORTUGUESE;
            case "en" -> ENGLISH;
            default -> null;
        };
    }

    @Override
    public String toJson(Locale locale) {
        Locale l = resolve(locale);
        Formats f = formats.get(l);
        Map<String, Entry> e = entries.get(l);
        StringBuilder out = new StringBuilder(64 * e.size());
        out.append("{\"locale\":");
        JsonText.quote(out, l.toLanguageTag());
        out.append(",\"syntax\":\"java.text.MessageFormat\",\"formats\":{\"decimalSeparator\":");
        JsonText.quote(out, String.valueOf(f.decimalSeparator()));
        out.append(",\"groupingSeparator\":");
        JsonText.quote(out, String.valueOf(f.groupingSeparator()));
        out.append(",\"datePattern\":");
        JsonText.quote(out, f.datePattern());
        out.append(",\"dateTimePattern\":");
        JsonText.quote(out, f.dateTimePattern());
        out.append(",\"monthPattern\":");
        JsonText.quote(out, f.monthPattern());
        out.append(",\"etoDecimals\":").append(f.etoDecimals());
        out.append(",\"csvSeparator\":");
        JsonText.quote(out, String.valueOf(f.csv().separator()));
        out.append("},\"messages\":{");
        boolean first = true;
        for (Map.Entry<String, Entry> m : e.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonText.quote(out, m.getKey());
            out.append(':');
            JsonText.quote(out, m.getValue().pattern());
        }
        return out.append("}}").toString();
    }

    @Override
    public Formats formats(Locale locale) {
        return formats.get(resolve(locale));
    }

    /** Dates become the locale's date text; everything else goes to MessageFormat as it is. */
    private Object[] convert(Object[] args, Locale l) {
        if (args == null) {
            return new Object[0];
        }
        Object[] out = args.clone();
        Formats f = null;
        for (int i = 0; i < out.length; i++) {
            Object a = out[i];
            if (a instanceof LocalDate || a instanceof LocalDateTime || a instanceof YearMonth) {
                f = f == null ? formats.get(l) : f;
                out[i] = a instanceof LocalDate d ? f.date(d)
                        : a instanceof LocalDateTime t ? f.dateTime(t) : f.month((YearMonth) a);
            }
        }
        return out;
    }

    private void reportMissing(String key, Locale l) {
        if (reportedMissingKeys.size() < maxReportedMissingKeys && reportedMissingKeys.add(key)) {
            try {
                missingKeyListener.missingKey(key, l);
            } catch (RuntimeException e) {
                // A listener must not turn a missing message into a failed request.
                LOG.warn("Missing-key listener failed for key '{}'", key, e);
            }
        }
    }

    private static String tags(List<Locale> locales) {
        return locales.stream().map(Locale::toLanguageTag).toList().toString();
    }

    @Override
    public String toString() {
        return "Messages" + tags(SUPPORTED) + "[" + entries.get(ENGLISH).size() + " keys]";
    }

}
