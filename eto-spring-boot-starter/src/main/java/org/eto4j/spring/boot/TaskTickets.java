package org.eto4j.spring.boot;

import java.util.Objects;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.TaskTokens;

/**
 * Issues the {@link TaskTicket} of a submitted task: one token from the application's {@link TaskTokens} and the
 * paths where the auto-configured transports serve it.
 *
 * <pre>{@code
 * @PostMapping("/calculations")
 * TaskTicket calculate(@RequestBody String csv) {
 *     return tickets.issue(engine.submit(CalculationTask.TYPE, parameters(csv), TaskOptions.defaults()));
 * }
 * }</pre>
 */
public final class TaskTickets {
    private final TaskTokens tokens;
    private final String eventsPath;
    private final String websocketPath;

    /**
     * A ticket issuer.
     *
     * @param tokens        the token service shared with the transports
     * @param eventsPath    the SSE mount point including the context path ({@code /app/eto/events}), or
     *                      {@code null} when SSE is not served
     * @param websocketPath the WebSocket path template including the context path ({@code /app/eto/ws/{taskId}}),
     *                      or {@code null} when WebSocket is not served
     */
    public TaskTickets(TaskTokens tokens, String eventsPath, String websocketPath) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.eventsPath = eventsPath;
        this.websocketPath = websocketPath;
    }

    /**
     * The ticket of a task: a fresh token and the task's paths.
     *
     * @param taskId the task
     * @return the ticket
     */
    public TaskTicket issue(TaskId taskId) {
        String id = taskId.toString();
        return new TaskTicket(id, tokens.issue(taskId),
                eventsPath == null ? null : eventsPath + "/" + id,
                websocketPath == null ? null : websocketPath.replace("{taskId}", id));
    }

    /** @return the token service */
    public TaskTokens tokens() {
        return tokens;
    }
}
