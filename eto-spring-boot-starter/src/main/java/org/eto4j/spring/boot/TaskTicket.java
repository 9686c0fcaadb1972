package org.eto4j.spring.boot;

/**
 * What the submitter of a task needs to follow it live: the id, a task token, and the paths of both transports,
 * relative to the server (they include the servlet context path). A JSON-able value; return it from the
 * endpoint that submitted the task.
 *
 * <p>Browsers: {@code new EventSource(eventsUrl + "?token=" + encodeURIComponent(token))}, or open
 * {@code websocketUrl} (as {@code ws:}/{@code wss:} on the page's host) and send
 * {@code {"type":"subscribe","token":…}}. Services send the token as {@code Authorization: Bearer}.
 *
 * @param taskId       the task id
 * @param token        the task token (valid for {@code eto4j.token-ttl}; it grants watching this task only)
 * @param eventsUrl    the Server-Sent Events path of the task, or {@code null} when {@code eto4j.sse.enabled=false}
 * @param websocketUrl the WebSocket path of the task, or {@code null} when {@code eto4j.websocket.enabled=false}
 */
public record TaskTicket(String taskId, String token, String eventsUrl, String websocketUrl) {
}
