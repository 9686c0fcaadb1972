package org.eto4j.transport.testkit;

/**
 * How a {@link ContractClient} subscribes. WebSocket: {@code token} and {@code sinceSeq} go into the
 * {@code subscribe} message ({@code sinceSeq} as a raw JSON value, so a test can send {@code "7"} or
 * {@code -5}); no token means no {@code subscribe} message at all. SSE: the token goes into
 * {@code Authorization: Bearer} and {@code sinceSeq} into {@code Last-Event-ID}, or both into the query
 * ({@code ?token=&sinceSeq=}) with {@link #inQuery()}; no token means none is sent.
 *
 * @param token    the task token, or {@code null}
 * @param sinceSeq the resume point as it goes on the wire (a number, or something malformed), or {@code null}
 * @param query    SSE only: send token and resume point as query parameters instead of headers
 * @param origin   an {@code Origin} header, or {@code null} (a non-browser client)
 */
public record SubscribeRequest(String token, String sinceSeq, boolean query, String origin) {

    /**
     * A first subscription with a token.
     *
     * @param token the task token
     * @return the request
     */
    public static SubscribeRequest token(String token) {
        return new SubscribeRequest(token, null, false, null);
    }

    /**
     * A connection that never subscribes (WebSocket) or sends no token (SSE).
     *
     * @return the request
     */
    public static SubscribeRequest none() {
        return new SubscribeRequest(null, null, false, null);
    }

    /**
     * This request resuming after {@code seq}.
     *
     * @param seq the last sequence number seen
     * @return a copy
     */
    public SubscribeRequest since(long seq) {
        return new SubscribeRequest(token, Long.toString(seq), query, origin);
    }

    /**
     * This request with a resume point exactly as given, e.g. a malformed one.
     *
     * @param raw the raw value (WebSocket: a JSON value; SSE: a header or query value)
     * @return a copy
     */
    public SubscribeRequest sinceRaw(String raw) {
        return new SubscribeRequest(token, raw, query, origin);
    }

    /**
     * This request with token and resume point in the query string (SSE only; ignored by WebSocket).
     *
     * @return a copy
     */
    public SubscribeRequest inQuery() {
        return new SubscribeRequest(token, sinceSeq, true, origin);
    }

    /**
     * This request with an {@code Origin} header.
     *
     * @param origin the origin, e.g. {@code https://app.example.org}
     * @return a copy
     */
    public SubscribeRequest withOrigin(String origin) {
        return new SubscribeRequest(token, sinceSeq, query, origin);
    }
}
