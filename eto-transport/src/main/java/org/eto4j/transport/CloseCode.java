package org.eto4j.transport;

import java.util.Optional;

/**
 * The close codes of protocol version 1. Each has a stable numeric {@link #code()} and an i18n
 * {@link #messageKey()} ({@code transport.close.<code>}, translated by eto-i18n). WebSocket servers send the code
 * and the message key as the close frame's reason; Server-Sent Events streams end with a {@code close} record that
 * carries both, or refuse a request with the HTTP status of the code (see the eto-transport README). Clients never
 * parse an English sentence.
 */
public enum CloseCode {
    /** The task ended and its terminal event (or the final snapshot) was sent. Do not reconnect. */
    NORMAL(1000),
    /** The server is shutting down (or its task engine is). Reconnect with {@code sinceSeq}. */
    GOING_AWAY(1001),
    /** A client frame exceeded the server's maximum frame size (RFC 6455 "message too big"). Do not reconnect. */
    MESSAGE_TOO_BIG(1009),
    /** The server failed unexpectedly while serving the connection. Reconnect with {@code sinceSeq}. */
    INTERNAL_ERROR(1011),
    /** The client sent a message that is not valid protocol v1 JSON, or not in the expected order. */
    MALFORMED_MESSAGE(4400),
    /**
     * The token is malformed, forged, expired or for another task, or the task is unknown: one answer for all,
     * so task ids cannot be probed.
     */
    FORBIDDEN(4403),
    /** No {@code subscribe} message arrived within the subscribe timeout. */
    SUBSCRIBE_TIMEOUT(4408),
    /** The connection stayed backed up (slow consumer). Reconnect with {@code sinceSeq}. */
    SLOW_CONSUMER(4429);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The numeric close code sent in the WebSocket close frame. */
    public int code() {
        return code;
    }

    /** The i18n message key, {@code transport.close.<code>}, e.g. {@code transport.close.4403}. */
    public String messageKey() {
        return "transport.close." + code;
    }

    /**
     * Whether a client should reconnect (resuming with the last sequence number it saw) after this code.
     *
     * @return {@code true} for {@link #GOING_AWAY}, {@link #INTERNAL_ERROR} and {@link #SLOW_CONSUMER}
     */
    public boolean retryable() {
        return this == GOING_AWAY || this == INTERNAL_ERROR || this == SLOW_CONSUMER;
    }

    /**
     * The close code with the given number.
     *
     * @param code a numeric close code
     * @return the constant, or empty when the protocol does not define that number (e.g. 1006, a connection
     *         lost without a close frame)
     */
    public static Optional<CloseCode> of(int code) {
        for (CloseCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
