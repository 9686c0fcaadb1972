package org.eto4j.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eto4j.errors.Code;

/**
 * The completeness check of the bundles: every locale has exactly the same keys and, key by key, the same
 * placeholders; every required key (from the code's enums) is present in each locale; no value is empty,
 * equal to its key, unparseable, or holding a lone ASCII apostrophe (MessageFormat's quote character, which
 * would silently swallow the rest of the text).
 *
 * <p>It works on plain maps so that a test can run it on a modified copy and prove that it fails.
 */
final class BundleCompleteness {

    private static final Pattern FORMAT = Pattern.compile("\\{\\s*\\d+\\s*,\\s*(\\w+)\\s*(,([^}]*))?");

    private BundleCompleteness() {
    }

    /** The bundled properties files, read raw (no fallback), in a fresh mutable copy. */
    static Map<Locale, Map<String, String>> bundled() {
        Map<Locale, Map<String, String>> bundles = new LinkedHashMap<>();
        bundles.put(Messages.ENGLISH, read("org/eto4j/i18n/messages_en.properties"));
        bundles.put(Messages.BRAZILIAN_PORTUGUESE, read("org/eto4j/i18n/messages_pt_BR.properties"));
        return bundles;
    }

    /** The keys that a group of enum constants needs, e.g. {@code keysOf(TaskState.values(), s -> …)}. */
    static <E> List<String> keysOf(E[] values, Function<E, String> key) {
        return Stream.of(values).map(key).toList();
    }

    /**
     * Every enum on the class path, in a package under {@code org.eto4j}, that implements {@link Code}: the error
     * codes of every module this one can see, found rather than listed, so that a new enum cannot be forgotten.
     * Test classes are left out.
     */
    static List<Class<? extends Code>> errorCodeEnums() {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = BundleCompleteness.class.getClassLoader().getResources("org/eto4j");
            for (URL root : Collections.list(roots)) {
                names.addAll(classNames(root));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Class<? extends Code>> enums = new ArrayList<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, BundleCompleteness.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // e.g. a class compiled against an optional module this test does not load
            }
            if (c.isEnum() && Code.class.isAssignableFrom(c)) {
                enums.add(c.asSubclass(Code.class));
            }
        }
        enums.sort(Comparator.comparing(Class::getName));
        return enums;
    }

    /** The message keys of every constant of every {@link #errorCodeEnums() error code enum}. */
    static List<String> errorCodeKeys() {
        List<String> keys = new ArrayList<>();
        for (Class<? extends Code> e : errorCodeEnums()) {
            for (Code c : e.getEnumConstants()) {
                keys.add(c.messageKey());
            }
        }
        return keys;
    }

    private static List<String> classNames(URL root) throws IOException {
        List<String> names = new ArrayList<>();
        if (root.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("org/eto4j/") && n.endsWith(".class") && !n.endsWith("-info.class"))
                        .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
            }
        } else if (root.getProtocol().equals("file")) {
            Path dir;
            try {
                dir = Path.of(root.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            Path classes = dir.getParent().getParent(); // the class-path entry: .../org/eto4j -> ...
            if (classes.getFileName().toString().equals("test-classes")) {
                return names;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
                        .filter(n -> n.endsWith(".class") && !n.endsWith("-info.class"))
                        .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
            }
        }
        return names;
    }

    /** Throws an AssertionError listing every problem, if there is any. */
    static void assertComplete(Map<Locale, Map<String, String>> bundles, Collection<String> requiredKeys) {
        List<String> problems = problems(bundles, requiredKeys);
        if (!problems.isEmpty()) {
            throw new AssertionError("The message bundles are incomplete (" + problems.size() + " problems):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** Every problem found, one line each, naming the locale and the key. */
    static List<String> problems(Map<Locale, Map<String, String>> bundles, Collection<String> requiredKeys) {
        List<String> problems = new ArrayList<>();
        if (bundles.size() < 2) {
            problems.add("expected at least two locales, got " + bundles.keySet());
        }
        Set<String> allKeys = new TreeSet<>();
        bundles.values().forEach(b -> allKeys.addAll(b.keySet()));
        for (Map.Entry<Locale, Map<String, String>> bundle : bundles.entrySet()) {
            String tag = bundle.getKey().toLanguageTag();
            Map<String, String> entries = bundle.getValue();
            for (String key : allKeys) {
                if (!entries.containsKey(key)) {
                    problems.add(tag + ": missing key '" + key + "' (present in another locale)");
                }
            }
            for (String key : new TreeSet<>(requiredKeys)) {
                if (!entries.containsKey(key)) {
                    problems.add(tag + ": missing required key '" + key + "'");
                }
            }
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                String key = e.getKey();
                String value = e.getValue();
                if (value == null || value.isBlank()) {
                    problems.add(tag + ": empty value for '" + key + "'");
                    continue;
                }
                if (value.equals(key)) {
                    problems.add(tag + ": value equals its key '" + key + "'");
                }
                if (!value.equals(value.strip())) {
                    problems.add(tag + ": leading or trailing white space in '" + key + "'");
                }
                if (hasLoneApostrophe(value)) {
                    problems.add(tag + ": lone ASCII apostrophe in '" + key + "' (write ’ or '')");
                }
                String unsupported = unsupportedFormat(value);
                if (unsupported != null) {
                    problems.add(tag + ": format '" + unsupported + "' in '" + key + "' is outside the syntax that"
                            + " eto-i18n.js supports ({n}, {n,number}, {n,number,integer}, {n,choice,…})");
                }
                try {
                    new MessageFormat(value, bundle.getKey());
                } catch (IllegalArgumentException ex) {
                    problems.add(tag + ": malformed pattern for '" + key + "': " + ex.getMessage());
                }
            }
        }
        // Placeholders: key by key, every locale uses the same argument indexes.
        for (String key : allKeys) {
            Set<Integer> reference = null;
            Locale referenceLocale = null;
            for (Map.Entry<Locale, Map<String, String>> bundle : bundles.entrySet()) {
                String value = bundle.getValue().get(key);
                if (value == null) {
                    continue;
                }
                Set<Integer> used = placeholders(value);
                if (reference == null) {
                    reference = used;
                    referenceLocale = bundle.getKey();
                } else if (!reference.equals(used)) {
                    problems.add(bundle.getKey().toLanguageTag() + ": placeholders of '" + key + "' are " + used
                            + " but " + referenceLocale.toLanguageTag() + " uses " + reference);
                }
            }
        }
        return problems;
    }

    /** The argument indexes a MessageFormat pattern uses, including inside choice sub-patterns. */
    static Set<Integer> placeholders(String pattern) {
        Set<Integer> used = new TreeSet<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                int end = pattern.indexOf('\'', i + 1);
                i = end < 0 ? pattern.length() : end + 1;
                continue;
            }
            if (c == '{') {
                int j = i + 1;
                while (j < pattern.length() && Character.isWhitespace(pattern.charAt(j))) {
                    j++;
                }
                int start = j;
                while (j < pattern.length() && Character.isDigit(pattern.charAt(j))) {
                    j++;
                }
                if (j > start) {
                    used.add(Integer.parseInt(pattern.substring(start, j)));
                }
            }
            i++;
        }
        return used;
    }

    /** The first argument format other than number, number-integer and choice, or null. */
    static String unsupportedFormat(String pattern) {
        Matcher m = FORMAT.matcher(pattern);
        while (m.find()) {
            String type = m.group(1);
            String style = m.group(3);
            boolean ok = type.equals("choice")
                    || type.equals("number") && (style == null || style.strip().equals("integer"));
            if (!ok) {
                return m.group();
            }
        }
        return null;
    }

    private static boolean hasLoneApostrophe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\'') {
                if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> read(String resource) {
        try (InputStream in = BundleCompleteness.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("bundle not on the class path: " + resource);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> m = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            return m;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }
}
