package org.eto4j.fusion;

import org.eto4j.errors.Code;

/**
 * Stable codes for every error eto-fusion reports. A code never changes meaning once released; hosts may switch on
 * it, log it and show it. Each code has an i18n message key ({@link #messageKey()}, {@code error.fusion.*}) that the
 * eto-i18n bundles translate; the arguments passed with it are listed in order ({@code {0}}, {@code {1}}, …).
 */
public enum FusionErrorCode implements Code {
    /** A builder option is outside its accepted range. Args: option, value, accepted. */
    INVALID_OPTION("FUS-1001", "error.fusion.invalid_option"),
    /** Fewer sources than the operation needs. Args: given, minimum. */
    TOO_FEW_SOURCES("FUS-1002", "error.fusion.too_few_sources"),
    /** Two series carry the same source name. Args: source. */
    DUPLICATE_SOURCE("FUS-1003", "error.fusion.duplicate_source"),
    /** A series' column has another length than its dates. Args: source, column, length, expected. */
    LENGTH_MISMATCH("FUS-1004", "error.fusion.length_mismatch"),
    /** A series' dates are not strictly increasing. Args: source, row, date, previous date. */
    DATES_NOT_INCREASING("FUS-1005", "error.fusion.dates_not_increasing"),
    /** Two series do not cover the same days, row by row. Args: source, row, date, expected date. */
    MISALIGNED_DATES("FUS-1006", "error.fusion.misaligned_dates"),
    /** A series lacks a variable the estimator needs, on every day. Args: source, variable. */
    MISSING_VARIABLE("FUS-1007", "error.fusion.missing_variable"),
    /** The station has no longitude, so the calibration's domain cannot be checked. Args: none. */
    MISSING_LONGITUDE("FUS-1008", "error.fusion.missing_longitude"),

    /** The calibration document is not valid JSON or lacks a required part. Args: detail. */
    MALFORMED_CALIBRATION("FUS-2001", "error.fusion.malformed_calibration"),
    /** The calibration document has a format version this release cannot read. Args: found, supported. */
    UNSUPPORTED_CALIBRATION_VERSION("FUS-2002", "error.fusion.unsupported_calibration_version"),
    /** No calibration is shipped under that name. Args: name, the names shipped. */
    UNKNOWN_CALIBRATION("FUS-2003", "error.fusion.unknown_calibration"),
    /**
     * The station lies outside the region the calibration was fitted on: it belongs to another region.
     * Args: calibration name, latitude, longitude, the domain as text.
     */
    OUTSIDE_CALIBRATION_DOMAIN("FUS-2004", "error.fusion.outside_calibration_domain"),
    /** A series names a source the calibration does not know. Args: source, the calibration's sources. */
    UNKNOWN_SOURCE("FUS-2005", "error.fusion.unknown_source"),
    /** Too few training days to fit a month. Args: month, source(s), days, minimum. */
    INSUFFICIENT_TRAINING_DATA("FUS-2006", "error.fusion.insufficient_training_data"),
    /** The reference series does not match the site's dates. Args: site, length, expected. */
    REFERENCE_MISMATCH("FUS-2007", "error.fusion.reference_mismatch");

    private final String code;
    private final String messageKey;

    FusionErrorCode(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /**
     * The stable public code.
     *
     * @return the code, e.g. {@code FUS-1006}
     */
    @Override
    public String code() {
        return code;
    }

    /**
     * The i18n message key.
     *
     * @return the key, e.g. {@code error.fusion.misaligned_dates}
     */
    @Override
    public String messageKey() {
        return messageKey;
    }
}
