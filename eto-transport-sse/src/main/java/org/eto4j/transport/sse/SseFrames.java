package org.eto4j.transport.sse;

import java.nio.charset.StandardCharsets;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;

/**
 * The bytes of the event stream format (WHATWG HTML, "Server-sent events"): the reconnect hint, one event per
 * protocol v1 frame, comment heartbeats, the closing event, and the JSON body of a refused request.
 */
final class SseFrames {
    private SseFrames() {
    }

    /** {@code retry: <ms>}: how long an {@code EventSource} waits before reconnecting. */
    static byte[] retry(long millis) {
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One frame: {@code id} (the frame's seq, which the browser sends back as {@code Last-Event-ID}), {@code event}
     * (the frame type) and {@code data} (the v1 JSON). Heartbeats become comment lines, which browsers ignore but
     * which keep proxies from timing the response out.
     */
    static byte[] frame(EventStream.Frame frame) {
        if (EventStream.Frame.HEARTBEAT.equals(frame.type())) {
            return (": heartbeat " + frame.seq() + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder(frame.text().length() + 48);
        b.append("id: ").append(frame.seq()).append("\nevent: ").append(frame.type()).append('\n');
        data(b, frame.text());
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code event: close} with {@code {"v":1,"type":"close","code":…,"messageKey":…}}; it carries no id. */
    static byte[] closeEvent(CloseCode code) {
        return ("event: close\ndata: {\"v\":1,\"type\":\"close\",\"code\":" + code.code() + ",\"messageKey\":\""
                + code.messageKey() + "\"}\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The body of a refusal: {@code {"code":<close code>,"messageKey":"transport.close.<code>"}}. */
    static byte[] refusalBody(CloseCode code) {
        return ("{\"code\":" + code.code() + ",\"messageKey\":\"" + code.messageKey() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void data(StringBuilder b, String text) {
        // The codec writes compact JSON with newlines escaped; a raw line break would still end the field, so
        // it is split into data lines, which the browser joins with '\n' again.
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                b.append("data: ").append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        b.append("data: ").append(text, start, text.length()).append('\n');
    }
}
