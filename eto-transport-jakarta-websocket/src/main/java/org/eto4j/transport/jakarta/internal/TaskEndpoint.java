package org.eto4j.transport.jakarta.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;
import org.eto4j.transport.internal.StreamHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint of one WebSocket connection (the container asks the transport's configurator for a new one per
 * handshake): opens an {@link EventStream} on the transport's hub, feeds it the client's messages and releases it
 * when the session ends. Everything protocol v1 says about a connection happens in the stream. Public because
 * containers deploy only public endpoint classes (Jetty checks it).
 */
public final class TaskEndpoint extends Endpoint {
    /** The path parameter that names the task: the endpoint path must contain the segment {@code {taskId}}. */
    public static final String TASK_ID = "taskId";
    /**
     * How long a stopping transport lets sessions finish their close handshake, and how long a closed session may
     * make no progress before the container drops it: the standalone server's value.
     */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** Tomcat's per-session bound on blocking sends, in milliseconds (a {@code Long} user property). */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private static final Logger LOG = LoggerFactory.getLogger(TaskEndpoint.class);

    private final StreamHub hub;
    private final Executor closer;
    private final int maxMessageBytes;
    private final BooleanSupplier running;
    private volatile EventStream stream;

    /**
     * An endpoint for one connection.
     *
     * @param hub             the transport's hub
     * @param closer          runs the (possibly blocking) close of sessions
     * @param maxMessageBytes the largest client message
     * @param running         whether the transport still serves (a connection accepted while stopping gets 1001)
     */
    public TaskEndpoint(StreamHub hub, Executor closer, int maxMessageBytes, BooleanSupplier running) {
        this.hub = hub;
        this.closer = closer;
        this.maxMessageBytes = maxMessageBytes;
        this.running = running;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // The container closes with 1009 a text message over this size while reading it, before the stream
        // sees it; a binary message is a protocol error whatever its size, and is refused at its first part.
        session.setMaxTextMessageBufferSize(maxMessageBytes);
        session.setMaxBinaryMessageBufferSize(maxMessageBytes);
        // Tomcat bounds a blocking send (the close frame) by this per-session property; other containers ignore it.
        session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, CLOSE_TIMEOUT.toMillis());
        SessionSink sink = new SessionSink(session, closer, CLOSE_TIMEOUT.toMillis());
        EventStream s = hub.open(sink, session.getPathParameters().get(TASK_ID));
        sink.attach(s);
        stream = s;
        session.addMessageHandler(String.class, s::onClientText);
        session.addMessageHandler(ByteBuffer.class, new MessageHandler.Partial<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer part, boolean last) {
                s.onClientBinary();
            }
        });
        if (!running.getAsBoolean()) {
            s.closeNow(CloseCode.GOING_AWAY); // accepted while stopping
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        EventStream s = stream;
        if (s != null) {
            s.release();
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("session {} failed", session.getId(), error);
        EventStream s = stream;
        if (s != null) {
            // Some containers report a failed read or write here and close the session afterwards, others only
            // here: either way the stream must not outlive the channel.
            if (session.isOpen()) {
                s.closeNow(CloseCode.INTERNAL_ERROR);
            }
            s.release();
        }
    }
}
