package org.eto4j.examples.cli;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;

/**
 * Parses the cells of one CSV row into numbers and time stamps, failing with eto-core's typed errors.
 *
 * <p>Missing values: an empty cell, {@code NA}, {@code NaN}, {@code null}, and NASA POWER's fill value
 * {@code -999} all read as absent ({@code NaN}), which eto-core then replaces by a flagged estimate or
 * reports as {@link ErrorCode#MISSING_INPUT}.
 */
final class Cells {
    /** NASA POWER's documented fill value for missing data. */
    static final double NASA_POWER_FILL_VALUE = -999.0;

    private Cells() {
    }

    /** The number in column {@code name} of {@code row}, or NaN when the column is absent or the cell empty. */
    static double number(List<String> cells, Columns columns, String name, int row) {
        int i = columns.indexOf(name);
        if (i < 0) {
            return Double.NaN;
        }
        String text = cells.get(i);
        if (text.isEmpty()) {
            return Double.NaN;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "na", "nan", "null" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        double value;
        try {
            value = Double.parseDouble(decimalPoint(text));
        } catch (NumberFormatException e) {
            throw new EtoException(ErrorCode.MALFORMED_NUMBER, name, row, name, text);
        }
        if (!Double.isFinite(value)) {
            throw new EtoException(ErrorCode.MALFORMED_NUMBER, name, row, name, text);
        }
        return value == NASA_POWER_FILL_VALUE ? Double.NaN : value;
    }

    /** A decimal comma (pt-BR spreadsheets, {@code ;}-separated files) reads as a point when unambiguous. */
    private static String decimalPoint(String text) {
        return text.indexOf(',') >= 0 && text.indexOf('.') < 0 ? text.replace(',', '.') : text;
    }

    static LocalDate date(List<String> cells, Columns columns, int row) {
        String text = cells.get(columns.indexOf("date"));
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new EtoException(ErrorCode.MALFORMED_DATE, "date", row, "date", text, "yyyy-MM-dd");
        }
    }

    static YearMonth month(List<String> cells, Columns columns, int row) {
        String text = cells.get(columns.indexOf("month"));
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new EtoException(ErrorCode.MALFORMED_DATE, "month", row, "month", text, "yyyy-MM");
        }
    }

    static OffsetDateTime dateTime(List<String> cells, Columns columns, int row) {
        String text = cells.get(columns.indexOf("datetime"));
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new EtoException(ErrorCode.MALFORMED_DATE, "datetime", row, "datetime", text,
                    "yyyy-MM-ddTHH:mm±hh:mm");
        }
    }

    /** Fails unless the row has exactly as many cells as the header. */
    static void checkWidth(List<String> cells, Columns columns, int row) {
        if (cells.size() != columns.width()) {
            throw new EtoException(ErrorCode.WRONG_CELL_COUNT, null, row, cells.size(), columns.width());
        }
    }
}
