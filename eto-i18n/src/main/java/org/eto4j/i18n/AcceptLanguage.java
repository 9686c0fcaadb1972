package org.eto4j.i18n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses an HTTP Accept-Language header (RFC 9110 §12.5.4) leniently: malformed entries are skipped. */
final class AcceptLanguage {

    /** Longer headers are cut here: real browsers send well under 200 characters. */
    static final int MAX_HEADER_CHARS = 4_096;

    /** At most this many entries are considered, so a hostile header costs bounded work. */
    static final int MAX_ENTRIES = 64;

    private static final Pattern TAG = Pattern.compile("\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    /** One language range and its quality. */
    record Range(String tag, double quality) {
        /** The primary language subtag in lower case, or {@code *}. */
        String language() {
            int dash = tag.indexOf('-');
            return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
        }
    }

    private AcceptLanguage() {
    }

    /** The well-formed ranges in order of preference: quality descending, ties in header order. */
    static List<Range> parse(String header) {
        List<Range> ranges = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return ranges;
        }
        String h = header.length() > MAX_HEADER_CHARS ? header.substring(0, MAX_HEADER_CHARS) : header;
        String[] entries = h.split(",", MAX_ENTRIES + 1);
        for (int i = 0; i < Math.min(entries.length, MAX_ENTRIES); i++) {
            Range r = entry(entries[i]);
            if (r != null) {
                ranges.add(r);
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed()); // List.sort is stable
        return ranges;
    }

    private static Range entry(String entry) {
        String[] parts = entry.split(";");
        String tag = parts[0].trim();
        if (!TAG.matcher(tag).matches()) {
            return null;
        }
        double q = 1.0;
        for (int p = 1; p < parts.length; p++) {
            String param = parts[p].trim();
            int eq = param.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = param.substring(0, eq).trim();
            String value = param.substring(eq + 1).trim();
            if (name.equalsIgnoreCase("q")) {
                if (!QVALUE.matcher(value).matches()) {
                    return null;
                }
                q = Double.parseDouble(value);
            }
        }
        return new Range(tag, q);
    }
}
