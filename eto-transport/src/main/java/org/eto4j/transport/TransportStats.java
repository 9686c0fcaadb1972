package org.eto4j.transport;

/**
 * A point-in-time view of a transport's resources, for monitoring and for tests that check nothing leaks.
 *
 * @param openConnections   connections (WebSocket sessions, SSE responses) the transport currently tracks, from
 *                          accept until close
 * @param openSubscriptions task-engine subscriptions held for those connections
 * @param queuedFrames      frames waiting in the connections' outboxes (bounded by the outbox capacity each)
 * @param bufferedFrames    frames handed to the socket layer and not yet written to the kernel (bounded per
 *                          connection by a small internal limit)
 * @param slowConsumerCloses connections closed with {@link CloseCode#SLOW_CONSUMER} since start
 * @param framesSent        frames (events and heartbeats) handed to connections since start; never goes down
 */
public record TransportStats(int openConnections, int openSubscriptions, int queuedFrames, int bufferedFrames,
                             long slowConsumerCloses, long framesSent) {

    /**
     * Stats without a frame count, for sources that do not count frames (e.g. a sum of other transports' stats
     * built before {@code framesSent} existed).
     *
     * @param openConnections    open connections
     * @param openSubscriptions  open task-engine subscriptions
     * @param queuedFrames       frames waiting in outboxes
     * @param bufferedFrames     frames handed to the socket layer and not yet written
     * @param slowConsumerCloses slow-consumer closes since start
     */
    public TransportStats(int openConnections, int openSubscriptions, int queuedFrames, int bufferedFrames,
                          long slowConsumerCloses) {
        this(openConnections, openSubscriptions, queuedFrames, bufferedFrames, slowConsumerCloses, 0);
    }
}
