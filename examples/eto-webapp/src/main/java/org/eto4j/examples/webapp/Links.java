package org.eto4j.examples.webapp;

import java.net.URI;
import org.eto4j.progress.TaskId;

/**
 * The addresses of a task given to clients: paths only ({@code /api/v1/tasks/…}), which a browser resolves
 * against the page and which stay right behind any reverse proxy, or absolute from the configured public base
 * URL ({@code https://eto.example.org/api/v1/tasks/…}, the WebSocket then {@code wss://}). Never built from a
 * request's {@code Host} or forwarded headers, which a client controls.
 */
final class Links {
    /** Where the status and cancel of a task are. */
    static final String TASKS = "/api/v1/tasks/";
    /** Where the event stream (Server-Sent Events) of a task is; the servlet is mapped at this plus {@code *}. */
    static final String EVENTS = "/api/v1/events/";
    /** Where the WebSocket of a task is. */
    static final String WEBSOCKET = "/ws/";

    private final String base;
    private final String webSocketBase;

    /** @param publicBaseUrl the public base URL without trailing slash, or empty for paths only */
    Links(String publicBaseUrl) {
        this.base = publicBaseUrl;
        if (publicBaseUrl.isEmpty()) {
            this.webSocketBase = "";
        } else if (publicBaseUrl.regionMatches(true, 0, "https:", 0, 6)) {
            this.webSocketBase = "wss:" + publicBaseUrl.substring(6);
        } else {
            this.webSocketBase = "ws:" + publicBaseUrl.substring(5);
        }
    }

    String status(TaskId id) {
        return base + TASKS + id.value();
    }

    String result(TaskId id) {
        return base + TASKS + id.value() + "/result";
    }

    String events(TaskId id) {
        return base + EVENTS + id.value();
    }

    String webSocket(TaskId id) {
        return webSocketBase + WEBSOCKET + id.value();
    }

    /** The result's address as a URI: what large results are replaced with in snapshots and frames. */
    URI resultUri(TaskId id) {
        return URI.create(result(id));
    }
}
