package org.eto4j.examples.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;

/**
 * Maps a CSV header to eto4j's canonical column names, case-insensitively and in any order.
 *
 * <p>NASA POWER parameter names are accepted as aliases. Columns that are neither canonical nor an alias
 * (precipitation, say) are ignored, so a downloaded file can be used as it is.
 */
final class Columns {
    /** The wind measurement height, in metres, that the {@code WS10M} alias implies. */
    static final double WS10M_HEIGHT_METRES = 10.0;

    enum Step { DAILY, MONTHLY, HOURLY }

    private static final Map<String, String> DAILY_ALIASES = Map.of(
            "t2m_max", "tmax", "t2m_min", "tmin", "t2m", "tmean", "rh2m", "rh_mean",
            "ws2m", "u2", "ws10m", "ws10m", "allsky_sfc_sw_dwn", "rs", "t2mdew", "tdew");
    private static final Map<String, String> HOURLY_ALIASES = Map.of(
            "t2m", "t", "rh2m", "rh", "ws2m", "u2", "ws10m", "ws10m",
            "allsky_sfc_sw_dwn", "rs", "t2mdew", "tdew");

    private static final List<String> DAILY = List.of("date", "tmax", "tmin", "tmean", "rh_max", "rh_min",
            "rh_mean", "tdew", "ea", "u2", "uz", "rs", "sunshine_hours", "ws10m");
    private static final List<String> MONTHLY = List.of("month", "tmax", "tmin", "tmean", "rh_max", "rh_min",
            "rh_mean", "tdew", "ea", "u2", "uz", "rs", "sunshine_hours", "ws10m");
    private static final List<String> HOURLY = List.of("datetime", "t", "rh", "tdew", "ea", "u2", "uz", "rs",
            "ws10m");

    private final Map<String, Integer> index = new HashMap<>();
    private final int width;

    private Columns(int width) {
        this.width = width;
    }

    /** Resolves {@code header} for {@code step}; fails on duplicated columns or a missing time column. */
    static Columns of(List<String> header, Step step) {
        List<String> known = switch (step) {
            case DAILY -> DAILY;
            case MONTHLY -> MONTHLY;
            case HOURLY -> HOURLY;
        };
        Map<String, String> aliases = step == Step.HOURLY ? HOURLY_ALIASES : DAILY_ALIASES;
        Columns columns = new Columns(header.size());
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            String canonical = known.contains(name) && !name.equals("ws10m") ? name : aliases.get(name);
            if (canonical == null) {
                continue;
            }
            if (columns.index.putIfAbsent(canonical, i) != null) {
                throw new EtoException(ErrorCode.DUPLICATE_COLUMN, canonical, -1, canonical);
            }
        }
        String time = known.get(0);
        if (columns.index.isEmpty() && looksLikeData(header)) {
            throw new EtoException(ErrorCode.MISSING_HEADER, null, -1);
        }
        if (!columns.index.containsKey(time)) {
            throw new EtoException(ErrorCode.MISSING_COLUMN, time, -1, time);
        }
        if (columns.has("ws10m") && (columns.has("uz") || columns.has("u2"))) {
            throw new EtoException(ErrorCode.DUPLICATE_COLUMN, "uz", -1, "uz");
        }
        return columns;
    }

    /** A first line whose first cell is a date or a number is data, not a header. */
    private static boolean looksLikeData(List<String> header) {
        String first = header.isEmpty() ? "" : header.get(0).trim();
        return !first.isEmpty() && (Character.isDigit(first.charAt(0)) || first.charAt(0) == '-');
    }

    boolean has(String canonical) {
        return index.containsKey(canonical);
    }

    /** The cell index of {@code canonical}, or −1 when the column is absent. */
    int indexOf(String canonical) {
        return index.getOrDefault(canonical, -1);
    }

    /** The number of cells each row must have. */
    int width() {
        return width;
    }
}
