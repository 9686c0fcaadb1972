package org.eto4j.examples.webapp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;

/**
 * Maps the column names of an input (CSV header or JSON row keys) to eto4j's canonical names,
 * case-insensitively and in any order, as the command-line example does.
 *
 * <p>Canonical: {@code date} (daily step) or {@code month} (monthly step), then {@code tmax, tmin, tmean,
 * rh_max, rh_min, rh_mean, tdew, ea, u2, uz, rs, sunshine_hours}. NASA POWER aliases: {@code T2M_MAX, T2M_MIN, T2M, RH2M, WS2M, WS10M} (wind at 10 m),
 * {@code ALLSKY_SFC_SW_DWN, T2MDEW}. Other columns (precipitation, say) are ignored.
 */
final class Columns {
    /** The wind measurement height, in metres, that the {@code WS10M} alias implies. */
    static final double WS10M_HEIGHT_METRES = 10.0;

    /** Every canonical daily column, in the order of the CLI's documentation. */
    static final List<String> DAILY = List.of("date", "tmax", "tmin", "tmean", "rh_max", "rh_min", "rh_mean",
            "tdew", "ea", "u2", "uz", "rs", "sunshine_hours");

    private static final Map<String, String> ALIASES = Map.of(
            "t2m_max", "tmax", "t2m_min", "tmin", "t2m", "tmean", "rh2m", "rh_mean",
            "ws2m", "u2", "ws10m", "ws10m", "allsky_sfc_sw_dwn", "rs", "t2mdew", "tdew");

    private final Map<String, Integer> index = new HashMap<>();
    private final int width;

    private Columns(int width, String timeColumn) {
        this.width = width;
        this.timeColumn = timeColumn;
    }

    /** Every canonical monthly column: as daily, with {@code month} (yyyy-MM) for the time. */
    static final List<String> MONTHLY = List.of("month", "tmax", "tmin", "tmean", "rh_max", "rh_min", "rh_mean",
            "tdew", "ea", "u2", "uz", "rs", "sunshine_hours");

    private final String timeColumn;

    /**
     * Resolves a header.
     *
     * @param monthly whether the time column is {@code month} (else {@code date})
     * @throws EtoException {@code DUPLICATE_COLUMN} or {@code MISSING_COLUMN} (the time column, tmax, tmin)
     */
    static Columns of(List<String> header, boolean monthly) {
        List<String> known = monthly ? MONTHLY : DAILY;
        Columns columns = new Columns(header.size(), known.get(0));
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            String canonical = known.contains(name) ? name : ALIASES.get(name);
            if (canonical == null) {
                continue;
            }
            if (columns.index.putIfAbsent(canonical, i) != null) {
                throw new EtoException(ErrorCode.DUPLICATE_COLUMN, canonical, -1, canonical);
            }
        }
        if (columns.has("ws10m") && (columns.has("uz") || columns.has("u2"))) {
            throw new EtoException(ErrorCode.DUPLICATE_COLUMN, "uz", -1, "uz");
        }
        for (String required : List.of(columns.timeColumn, "tmax", "tmin")) {
            if (!columns.has(required)) {
                throw new EtoException(ErrorCode.MISSING_COLUMN, required, -1, required);
            }
        }
        return columns;
    }

    /** {@code date} or {@code month}. */
    String timeColumn() {
        return timeColumn;
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
