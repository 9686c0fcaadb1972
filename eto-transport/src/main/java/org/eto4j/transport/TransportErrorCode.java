package org.eto4j.transport;

import org.eto4j.errors.Code;

/**
 * Stable codes for every error the transports and their clients report. A code never changes meaning once released.
 * The arguments of each message key are listed in order ({@code {0}}, {@code {1}}, …).
 */
public enum TransportErrorCode implements Code {
    /** A builder option is outside its accepted range. Args: option, value, accepted. */
    INVALID_OPTION("WST-1001", "error.transport.invalid_option"),
    /** The server could not bind or start. Args: host, port. */
    START_FAILED("WST-1002", "error.transport.start_failed"),
    /** The server was started twice, or used after it was stopped. Args: state. */
    ILLEGAL_STATE("WST-1003", "error.transport.illegal_state"),

    /** The server closed the connection for good before a terminal event arrived. Args: close code, reason. */
    CLOSED_BY_SERVER("WST-2001", "error.transport.closed_by_server"),
    /** The client gave up reconnecting. Args: attempts. */
    RECONNECTS_EXHAUSTED("WST-2002", "error.transport.reconnects_exhausted"),
    /** The client was closed by its owner before a terminal event arrived. Args: none. */
    CLIENT_CLOSED("WST-2003", "error.transport.client_closed"),
    /** The server sent a message that is not valid protocol v1. Args: detail. */
    PROTOCOL_ERROR("WST-2004", "error.transport.protocol_error");

    private final String code;
    private final String messageKey;

    TransportErrorCode(String code, String messageKey) {
        this.code = code;
        this.messageKey = messageKey;
    }

    /** The stable public code, e.g. {@code WST-1001}. */
    @Override
    public String code() {
        return code;
    }

    /** The i18n message key, e.g. {@code error.transport.invalid_option}. */
    @Override
    public String messageKey() {
        return messageKey;
    }
}
