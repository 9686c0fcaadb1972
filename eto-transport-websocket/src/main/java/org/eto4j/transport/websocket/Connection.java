package org.eto4j.transport.websocket;

import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/** A Java-WebSocket connection as the sink of an {@link EventStream}: its write queue is the backlog. */
final class Connection implements EventStream.Sink {
    private final WebSocket ws;

    Connection(WebSocket ws) {
        this.ws = ws;
    }

    @Override
    public int backlog() {
        return ws instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    @Override
    public boolean send(EventStream.Frame frame) {
        try {
            ws.send(frame.text());
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    @Override
    public void close(CloseCode code) {
        ws.close(code.code(), code.messageKey());
    }

    WebSocket socket() {
        return ws;
    }
}
