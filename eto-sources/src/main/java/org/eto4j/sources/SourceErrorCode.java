package org.eto4j.sources;

import java.util.Locale;
import org.eto4j.errors.Code;

/**
 * Stable codes for every error eto-sources reports.
 *
 * <p>A code never changes meaning once released. Each code has an i18n message key ({@link #messageKey()});
 * the arguments passed with it are listed on each constant, in order ({@code {0}}, {@code {1}}, …).
 */
public enum SourceErrorCode implements Code {
    /** The service could not be reached (DNS, refused connection, reset). Args: source, url. */
    NETWORK_UNAVAILABLE("SRC-3001"),
    /** The service answered with an error status that retrying does not cure. Args: source, httpStatus, url. */
    SERVICE_ERROR("SRC-3002"),
    /** The service answered, but the body is not the documented format. Args: source, detail. */
    MALFORMED_RESPONSE("SRC-3003"),
    /** The service did not answer within the read timeout, on every attempt. Args: source, timeoutMillis. */
    TIMEOUT("SRC-3004"),
    /** The service kept answering 429 Too Many Requests. Args: source, retryAfterSeconds (or -1 if unknown). */
    RATE_LIMITED("SRC-3005"),
    /** The elevation of the point could not be obtained. Args: latitude, longitude. */
    ELEVATION_UNAVAILABLE("SRC-3006"),
    /** The request itself is invalid (point or period). Args: field, value. */
    INVALID_REQUEST("SRC-3007"),
    /** A builder option is outside its accepted range. Args: option, value, accepted. */
    INVALID_OPTION("SRC-3008"),
    /** The caller cancelled the download. Args: source. */
    CANCELLED("SRC-3009"),
    /** The source has no data for the requested period (outside its coverage). Args: source, start, end. */
    PERIOD_NOT_COVERED("SRC-3010");

    private final String code;

    SourceErrorCode(String code) {
        this.code = code;
    }

    /** The stable public code, e.g. {@code SRC-3001}. */
    @Override
    public String code() {
        return code;
    }

    /** The i18n message key, e.g. {@code error.sources.network_unavailable}. */
    @Override
    public String messageKey() {
        return "error.sources." + name().toLowerCase(Locale.ROOT);
    }
}
