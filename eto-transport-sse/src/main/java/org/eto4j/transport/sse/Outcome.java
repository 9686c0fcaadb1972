package org.eto4j.transport.sse;

import java.util.Map;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;

/** The transport's answer to a request, which the server adapter turns into its response. */
sealed interface Outcome {
    /** Response headers (besides the content type of a refusal). */
    Map<String, String> headers();

    /**
     * Refused before the stream starts: {@code status} with the JSON body of {@code code}
     * ({@link SseFrames#refusalBody}).
     */
    record Refused(int status, CloseCode code, Map<String, String> headers) implements Outcome {
    }

    /** A CORS preflight from an allowed origin: 204 with these headers. */
    record Preflight(Map<String, String> headers) implements Outcome {
    }

    /** Subscribed: send 200 with these headers, then hand the response to {@code sink}. */
    record Streaming(EventStream stream, SseSink sink, Map<String, String> headers) implements Outcome {
    }
}
