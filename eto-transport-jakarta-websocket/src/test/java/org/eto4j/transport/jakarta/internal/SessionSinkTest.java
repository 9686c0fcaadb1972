package org.eto4j.transport.jakarta.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.internal.EventStream;
import org.junit.jupiter.api.Test;

/**
 * The sink against a session that behaves as Tomcat's does: a second asynchronous send while one is in flight is
 * refused with {@code IllegalStateException}; completions come later, or on the sending thread.
 */
class SessionSinkTest {

    /** A session whose asynchronous remote records sends and completes them when told (or at once). */
    static final class FakeSession {
        final List<String> sent = new ArrayList<>();
        final ArrayDeque<SendHandler> pending = new ArrayDeque<>();
        final List<CloseReason> closes = new ArrayList<>();
        final List<Long> idleTimeouts = new ArrayList<>();
        boolean completeInline;
        boolean open = true;
        final Session session;

        FakeSession() {
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (p, m, args) -> {
                        if (!m.getName().equals("sendText") || args.length != 2) {
                            throw new UnsupportedOperationException(m.getName());
                        }
                        if (!pending.isEmpty()) {
                            throw new IllegalStateException("TEXT_FULL_WRITING"); // Tomcat's refusal
                        }
                        sent.add((String) args[0]);
                        SendHandler h = (SendHandler) args[1];
                        if (completeInline) {
                            h.onResult(new SendResult());
                        } else {
                            pending.add(h);
                        }
                        return null;
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "getAsyncRemote" -> async;
                        case "isOpen" -> open;
                        case "getId" -> "fake";
                        case "setMaxIdleTimeout" -> {
                            idleTimeouts.add((Long) args[0]);
                            yield null;
                        }
                        case "close" -> {
                            closes.add((CloseReason) args[0]);
                            open = false;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        void completeNext(SendResult result) {
            pending.poll().onResult(result);
        }
    }

    private static EventStream.Frame frame(int i) {
        return new EventStream.Frame("{\"seq\":" + i + "}", "progress", i);
    }

    @Test
    void sendsOneFrameAtATimeInOrderAndCountsTheRestAsBacklog() {
        FakeSession fake = new FakeSession();
        SessionSink sink = new SessionSink(fake.session, Runnable::run, 2000);
        for (int i = 0; i < 10; i++) {
            assertTrue(sink.send(frame(i)));
        }
        assertEquals(1, fake.sent.size()); // the others wait for the first to complete
        assertEquals(10, sink.backlog());
        while (!fake.pending.isEmpty()) {
            fake.completeNext(new SendResult());
        }
        assertEquals(10, fake.sent.size());
        for (int i = 0; i < 10; i++) {
            assertEquals("{\"seq\":" + i + "}", fake.sent.get(i));
        }
        assertEquals(0, sink.backlog());
    }

    @Test
    void sendsCompletingOnTheSendingThreadKeepTheStackFlat() {
        FakeSession fake = new FakeSession();
        SessionSink sink = new SessionSink(fake.session, Runnable::run, 2000);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(sink.send(frame(i))); // one in flight, the rest queued
        }
        fake.completeInline = true; // from now on every send completes inside sendText
        fake.completeNext(new SendResult()); // drains 99,999 frames: a loop, not a recursion
        assertEquals(100_000, fake.sent.size());
        assertEquals("{\"seq\":99999}", fake.sent.get(99_999));
        assertEquals(0, sink.backlog());
    }

    @Test
    void closeFollowsTheFramesAlreadyHandedOverAndShortensTheIdleTimeout() {
        FakeSession fake = new FakeSession();
        SessionSink sink = new SessionSink(fake.session, Runnable::run, 2000);
        sink.send(frame(1));
        sink.send(frame(2));
        sink.close(CloseCode.NORMAL);
        assertFalse(sink.send(frame(3)), "nothing is accepted after close");
        assertEquals(List.of(2000L), fake.idleTimeouts);
        assertTrue(fake.closes.isEmpty(), "the close waits for the frames handed over");
        fake.completeNext(new SendResult());
        assertTrue(fake.closes.isEmpty());
        fake.completeNext(new SendResult());
        assertEquals(1, fake.closes.size());
        assertEquals(1000, fake.closes.get(0).getCloseCode().getCode());
        assertEquals("transport.close.1000", fake.closes.get(0).getReasonPhrase());
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}"), fake.sent);
        sink.close(CloseCode.GOING_AWAY); // at most once
        assertEquals(1, fake.closes.size());
    }

    @Test
    void closeOfAnIdleSinkIsImmediateWithTheProtocolCode() {
        FakeSession fake = new FakeSession();
        SessionSink sink = new SessionSink(fake.session, Runnable::run, 2000);
        sink.close(CloseCode.SLOW_CONSUMER);
        assertEquals(4429, fake.closes.get(0).getCloseCode().getCode());
        assertEquals("transport.close.4429", fake.closes.get(0).getReasonPhrase());
    }

    @Test
    void aFailedSendDropsWhatWaitsAndTheBacklogReturnsToZero() {
        FakeSession fake = new FakeSession();
        SessionSink sink = new SessionSink(fake.session, Runnable::run, 2000);
        for (int i = 0; i < 5; i++) {
            sink.send(frame(i));
        }
        fake.completeNext(new SendResult(new IOException("broken pipe")));
        assertEquals(0, sink.backlog());
        assertEquals(1, fake.sent.size());
        assertNull(fake.pending.peek());
        assertFalse(sink.send(frame(9)), "a broken channel takes no more frames");
    }
}
