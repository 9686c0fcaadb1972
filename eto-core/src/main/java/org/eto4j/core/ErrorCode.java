package org.eto4j.core;

import org.eto4j.errors.Code;

/**
 * Stable codes for every input error eto-core reports.
 *
 * <p>A code never changes meaning once released: host applications may switch on it, log it and show it.
 * Each code has a message key ({@link #messageKey()}) that the {@code eto-i18n} bundles translate; the
 * arguments passed with it are listed in each constant's documentation, in order ({@code {0}}, {@code {1}}, …).
 * eto-core itself never builds a human sentence.
 */
public enum ErrorCode implements Code {
    /** A value lies outside its physically possible range. Args: field, value, minimum, maximum. */
    VALUE_OUT_OF_RANGE("ETO-1001"),
    /** A value is NaN or infinite where a number is required. Args: field. */
    VALUE_NOT_FINITE("ETO-1002"),
    /** The daily minimum temperature is above the maximum. Args: tmin, tmax. */
    TMIN_ABOVE_TMAX("ETO-1003"),
    /** The minimum relative humidity is above the maximum. Args: rhMin, rhMax. */
    RH_MIN_ABOVE_RH_MAX("ETO-1004"),
    /** Solar radiation exceeds extraterrestrial radiation (with tolerance). Args: rs, ra. */
    RS_ABOVE_EXTRATERRESTRIAL("ETO-1005"),
    /** Sunshine hours exceed the day length. Args: sunshineHours, daylightHours. */
    SUNSHINE_ABOVE_DAYLENGTH("ETO-1006"),
    /** The dew point is above the air temperature by more than the tolerance. Args: tdew, t. */
    TDEW_ABOVE_TEMPERATURE("ETO-1007"),
    /** A required input is absent and no documented estimate can replace it. Args: field, method. */
    MISSING_INPUT("ETO-1008"),
    /** Batch columns have different lengths. Args: field, length, expectedLength. */
    LENGTH_MISMATCH("ETO-1009"),
    /** A configuration option is outside its accepted range. Args: option, value, accepted. */
    INVALID_OPTION("ETO-1010"),

    /** Tabular input has no header line. Args: none. */
    MISSING_HEADER("ETO-2001"),
    /** Tabular input is empty. Args: none. */
    EMPTY_INPUT("ETO-2002"),
    /** A cell that must hold a number holds something else. Args: field, text. */
    MALFORMED_NUMBER("ETO-2003"),
    /** A cell that must hold a date or date-time holds something else. Args: field, text, expectedPattern. */
    MALFORMED_DATE("ETO-2004"),
    /**
     * The same date (or date-time, or month) appears twice. Args: field, text, firstRowNumber — the row of the
     * first occurrence counted from 1, as rows are shown to people (the exception's own row stays zero-based).
     */
    DUPLICATE_TIMESTAMP("ETO-2005"),
    /** A required column is missing from the header. Args: field. */
    MISSING_COLUMN("ETO-2006"),
    /** A column name appears twice in the header (aliases included). Args: field. */
    DUPLICATE_COLUMN("ETO-2007"),
    /** A row has more or fewer cells than the header. Args: cells, expectedCells. */
    WRONG_CELL_COUNT("ETO-2008"),
    /** Time stamps are not in increasing order. Args: field, text. */
    TIMESTAMP_OUT_OF_ORDER("ETO-2009"),
    /** An unknown method name was requested. Args: method. */
    UNKNOWN_METHOD("ETO-2010");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The stable, public code, e.g. {@code ETO-1001}. */
    @Override
    public String code() {
        return code;
    }

    /** The i18n message key, e.g. {@code error.value_out_of_range}. */
    @Override
    public String messageKey() {
        return "error." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
