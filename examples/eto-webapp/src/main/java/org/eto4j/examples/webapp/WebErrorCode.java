package org.eto4j.examples.webapp;

import java.util.Locale;
import org.eto4j.errors.Code;

/**
 * Stable codes of the errors the web app's HTTP API reports itself (input errors found by eto-core keep
 * eto-core's {@code ETO-xxxx} codes). Each code has an HTTP status and an i18n message key.
 */
public enum WebErrorCode implements Code {
    /** The body is not valid JSON, or not the expected shape. Args: none. */
    MALFORMED_REQUEST("WEB-4000", 400, "webapp.error.malformed_request"),
    /** A required parameter is missing. Args: name. */
    REQUIRED("WEB-4001", 400, "ui.error.required"),
    /** A parameter that must be a number is not. Args: name. */
    NOT_A_NUMBER("WEB-4002", 400, "ui.error.not_a_number"),
    /** A parameter has a value the server does not support. Args: name, value. */
    UNSUPPORTED_VALUE("WEB-4003", 400, "webapp.error.unsupported_value"),
    /** A "by location" period is longer than the limit. Args: days, limit. */
    PERIOD_TOO_LONG("WEB-4004", 400, "webapp.error.period_too_long"),
    /** Missing, invalid or expired token, or unknown task: one answer for all, so ids cannot be probed. Args: none. */
    FORBIDDEN("WEB-4030", 403, "webapp.error.forbidden"),
    /** No such page or API route. Args: none. */
    NOT_FOUND("WEB-4040", 404, "webapp.error.not_found"),
    /** The route exists but not for this HTTP method. Args: method. */
    METHOD_NOT_ALLOWED("WEB-4050", 405, "webapp.error.method_not_allowed"),
    /**
     * The request's body arrived slower than {@code --min-request-bytes-per-second} (or its head slower than the
     * idle timeout allows); the connection is closed. Args: none.
     */
    REQUEST_TIMEOUT("WEB-4080", 408, "webapp.error.request_timeout"),
    /** The result was asked for before the task succeeded. Args: state. */
    NOT_FINISHED("WEB-4090", 409, "webapp.error.not_finished"),
    /** The body is larger than the limit. Args: limit in bytes. */
    BODY_TOO_LARGE("WEB-4130", 413, "ui.error.too_large"),
    /** The request's address (path and query) is longer than the server reads. Args: none. */
    URI_TOO_LONG("WEB-4140", 414, "webapp.error.uri_too_long"),
    /** The request line and headers are larger than {@code --max-header-bytes}. Args: none. */
    HEADERS_TOO_LARGE("WEB-4310", 431, "webapp.error.headers_too_large"),
    /** The input has more rows than the limit. Args: rows, limit. */
    TOO_MANY_ROWS("WEB-4131", 413, "webapp.error.too_many_rows"),
    /** The content type is not JSON or CSV. Args: content type. */
    UNSUPPORTED_MEDIA_TYPE("WEB-4150", 415, "ui.error.unsupported_type"),
    /** The client submitted more calculations than its rate allows. Args: none. */
    RATE_LIMITED("WEB-4290", 429, "ui.error.rate_limited"),
    /**
     * The server is shutting down or its queue is full; or (message key {@code webapp.error.store_unavailable})
     * the task store cannot be reached. Args: none.
     */
    UNAVAILABLE("WEB-5030", 503, "webapp.error.unavailable"),
    /**
     * The server holds as many unread results as it may keep: a new calculation would push out a result it
     * promised to keep, so it is refused until results are downloaded or expire; sent with {@code Retry-After}.
     * Args: none.
     */
    FULL("WEB-5031", 503, "webapp.error.full"),
    /** Anything unexpected; details are logged, never sent. Args: none. */
    INTERNAL("WEB-5000", 500, "ui.error.unexpected");

    private final String code;
    private final int status;
    private final String messageKey;

    WebErrorCode(String code, int status, String messageKey) {
        this.code = code;
        this.status = status;
        this.messageKey = messageKey;
    }

    /** The stable code, e.g. {@code WEB-4130}. */
    @Override
    public String code() {
        return code;
    }

    /** The HTTP status answered with this code. */
    public int status() {
        return status;
    }

    /** The i18n message key. */
    @Override
    public String messageKey() {
        return messageKey;
    }

    @Override
    public String toString() {
        return code + ' ' + name().toLowerCase(Locale.ROOT);
    }
}
