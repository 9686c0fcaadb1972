package org.eto4j.transport.sse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What the transport reads from an HTTP request, whichever server received it. */
interface SseRequest {
    /** The HTTP method, e.g. {@code GET}. */
    String method();

    /** The first value of a header, or {@code null}. */
    String header(String name);

    /** The raw (still percent-encoded) query string, or {@code null}. */
    String rawQuery();

    /** The last segment of the path below the mount point: the raw task id ({@code ""} when there is none). */
    String taskIdSegment();

    /** Whether the request came over HTTP/1.x, where {@code Connection} headers are allowed. */
    boolean http1();

    /** A query parameter's first value, decoded as UTF-8. */
    default Optional<String> queryParameter(String name) {
        String q = rawQuery();
        if (q == null || q.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** The last segment of a path ({@code ""} for none, e.g. a path ending in '/'). */
    static String lastSegment(String path) {
        if (path == null) {
            return "";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // malformed escapes: compared as written, so such a token simply does not verify
        }
    }
}
