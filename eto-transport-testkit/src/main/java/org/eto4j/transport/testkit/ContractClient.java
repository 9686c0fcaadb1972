package org.eto4j.transport.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.eto4j.transport.TaskUpdate;

/**
 * One subscriber of a transport under test, WebSocket or SSE alike: it records every frame (decoded with
 * {@link org.eto4j.transport.ProtocolV1#decode}), every heartbeat with its arrival time, protocol violations,
 * and how the stream ended. Created by {@link ContractClients#open}; connecting happens in the background.
 *
 * <p>The close code is the WebSocket close code; for SSE the code of the {@code event: close} record, or the
 * close code of an HTTP refusal (403 → 4403, 400 → 4400, 503 → 1001, 500 → 1011, any other status as is); a
 * connection that ended without either is 1006.
 */
public interface ContractClient extends AutoCloseable {

    /** The close code of a connection that ended without a close frame, close event or HTTP refusal. */
    int ABNORMAL_CLOSURE = 1006;

    /** How a stream ended. */
    enum Ending {
        /** With a WebSocket close frame, or an SSE {@code event: close} record. */
        CLOSED,
        /** Refused before the stream started: a WebSocket handshake or an SSE request answered with an HTTP error. */
        REFUSED,
        /** The connection ended without either (or the client dropped it). */
        DROPPED
    }

    /**
     * A heartbeat as received.
     *
     * @param seq           the sequence number it carried
     * @param receivedNanos {@link System#nanoTime()} at arrival
     * @param framesBefore  how many frames had arrived before it (so a heartbeat after the terminal frame shows)
     */
    record Heartbeat(long seq, long receivedNanos, int framesBefore) {
    }

    /** The protocol binding this client speaks. */
    TransportUnderTest.Kind kind();

    /** The frames received so far, in order (snapshot, progress, state, terminal, pong; heartbeats apart). */
    List<TaskUpdate> frames();

    /** The frame types received so far, in order. */
    List<String> types();

    /** {@link System#nanoTime()} at each frame's arrival, parallel to {@link #frames()}. */
    List<Long> frameNanos();

    /** The heartbeats received so far, in order. */
    List<Heartbeat> heartbeats();

    /**
     * What the client saw that protocol v1 forbids: an undecodable frame, a first frame that is not a snapshot,
     * a decreasing {@code seq}, an SSE {@code id:} or {@code event:} that does not match the frame, a close
     * reason or refusal body that does not match the code.
     *
     * @return the violations, empty for a well-behaved transport
     */
    List<String> violations();

    /** The largest {@code seq} received on this connection, or {@code -1}. */
    long lastSeq();

    /** Completes with the close code when the stream ends (see the class documentation). */
    CompletableFuture<Integer> closeCode();

    /** How the stream ended; {@code null} while it is open. */
    Ending ending();

    /** The HTTP status of the handshake or response (101 for an accepted WebSocket, 200 for SSE), or 0 before. */
    int httpStatus();

    /**
     * A response header of the SSE response or WebSocket handshake.
     *
     * @param name the header name
     * @return its first value, or {@code null}
     */
    String header(String name);

    /**
     * Waits for the end of the stream.
     *
     * @param timeout the longest wait
     * @return the close code
     * @throws AssertionError naming what was received when the stream did not end in time
     */
    int awaitClose(Duration timeout);

    /**
     * Waits for a frame that matches.
     *
     * @param match   the frame wanted
     * @param timeout the longest wait
     * @return the first matching frame
     * @throws AssertionError naming what was received when none came in time or the stream ended first
     */
    TaskUpdate awaitFrame(Predicate<TaskUpdate> match, Duration timeout);

    /**
     * Sends a text message (WebSocket only).
     *
     * @param text the message
     * @throws UnsupportedOperationException for SSE
     */
    void send(String text);

    /** Drops the connection abruptly, without a close handshake (as a lost network would). */
    void drop();

    /** Releases the connection (abruptly when it is still open); nothing more is recorded. */
    @Override
    void close();
}
