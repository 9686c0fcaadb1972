package org.eto4j.transport;

/**
 * Receives a {@code TaskEventClient}'s updates, one at a time and in order (sequence numbers never decrease,
 * across reconnects too). Called on the HTTP client's executor: return quickly.
 */
@FunctionalInterface
public interface TaskUpdateListener {
    /**
     * Handles one update. On a resume, the missed state and terminal updates come first, then the snapshot.
     *
     * @param update the update
     */
    void onUpdate(TaskUpdate update);

    /**
     * The connection was lost or closed by the server.
     *
     * @param closeCode    the WebSocket close code ({@code 1006} when the connection broke without one)
     * @param reconnecting whether the client will reconnect and resume
     */
    default void onDisconnect(int closeCode, boolean reconnecting) {
    }
}
