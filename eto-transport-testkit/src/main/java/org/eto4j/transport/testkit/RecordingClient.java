package org.eto4j.transport.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskUpdate;

/** What both clients share: decoding, recording, the checks every frame passes, the end of the stream. */
abstract class RecordingClient implements ContractClient {
    static final ProtocolV1 PROTOCOL = ProtocolV1.defaults();

    private final TransportUnderTest.Kind kind;
    private final List<TaskUpdate> frames = new CopyOnWriteArrayList<>();
    private final List<Long> frameNanos = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** Completes with the first frame or the end of the stream, whichever comes first. */
    final CompletableFuture<Void> firstFrameOrEnd = new CompletableFuture<>();
    final Map<String, String> headers = new ConcurrentHashMap<>();
    private volatile Ending ending;
    private volatile long lastSeq = -1;
    volatile int httpStatus;

    RecordingClient(TransportUnderTest.Kind kind) {
        this.kind = kind;
    }

    /** Decodes and records one frame's text; {@code expectedType}/{@code expectedSeq} are SSE's event and id. */
    synchronized void onFrameText(String text, String expectedType, String expectedId) {
        if (ending != null) {
            violation("frame after the end of the stream: " + text);
            return;
        }
        long now = System.nanoTime();
        TaskUpdate u;
        try {
            u = PROTOCOL.decode(text).orElse(null);
        } catch (RuntimeException e) {
            violation("undecodable frame " + text + ": " + e);
            return;
        }
        if (u == null) {
            return; // a type this version does not know: clients ignore it
        }
        if (expectedType != null && !expectedType.equals(u.type())) {
            violation("event: " + expectedType + " carries a " + u.type() + " frame");
        }
        if (expectedId != null && !expectedId.equals(Long.toString(u.seq()))) {
            violation("id: " + expectedId + " on a frame with seq " + u.seq());
        }
        if (u.seq() < lastSeq) {
            violation("seq went down from " + lastSeq + " to " + u.seq() + " (" + u.type() + ")");
        }
        lastSeq = Math.max(lastSeq, u.seq());
        if (u instanceof TaskUpdate.Heartbeat h) {
            onHeartbeat(h.seq(), now);
            return;
        }
        if (frames.isEmpty() && !(u instanceof TaskUpdate.Snapshot)) {
            violation("first frame is " + u.type() + ", not a snapshot");
        }
        frameNanos.add(now);
        frames.add(u);
        firstFrameOrEnd.complete(null);
    }

    synchronized void onHeartbeat(long seq, long nanos) {
        if (frames.isEmpty()) {
            violation("heartbeat before the snapshot");
        }
        if (seq < lastSeq) {
            violation("heartbeat seq " + seq + " below " + lastSeq);
        }
        heartbeats.add(new Heartbeat(seq, nanos, frames.size()));
    }

    void violation(String what) {
        violations.add(what);
    }

    /** Ends the stream once; later calls are ignored. */
    synchronized void end(Ending how, int code, String reasonOrKey) {
        if (ending != null) {
            return;
        }
        ending = how;
        if (how == Ending.CLOSED && reasonOrKey != null
                && !reasonOrKey.equals(CloseCode.of(code).map(CloseCode::messageKey).orElse(reasonOrKey))) {
            violation("close " + code + " with reason/messageKey '" + reasonOrKey + "'");
        }
        closeCode.complete(code);
        firstFrameOrEnd.complete(null);
    }

    @Override
    public TransportUnderTest.Kind kind() {
        return kind;
    }

    @Override
    public List<TaskUpdate> frames() {
        return List.copyOf(frames);
    }

    @Override
    public List<String> types() {
        List<String> out = new ArrayList<>();
        for (TaskUpdate u : frames) {
            out.add(u.type());
        }
        return out;
    }

    @Override
    public List<Long> frameNanos() {
        return List.copyOf(frameNanos);
    }

    @Override
    public List<Heartbeat> heartbeats() {
        return List.copyOf(heartbeats);
    }

    @Override
    public List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public CompletableFuture<Integer> closeCode() {
        return closeCode;
    }

    @Override
    public Ending ending() {
        return ending;
    }

    @Override
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public int awaitClose(Duration timeout) {
        try {
            return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(kind + " stream did not end within " + timeout + "; " + this, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public TaskUpdate awaitFrame(Predicate<TaskUpdate> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (TaskUpdate u : frames) {
                if (match.test(u)) {
                    return u;
                }
            }
            if (ending != null) {
                throw new AssertionError("stream ended (" + closeCode.getNow(null) + ") without the frame; " + this);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no such frame within " + timeout + "; " + this);
            }
            Await.pause();
        }
    }

    @Override
    public String toString() {
        return kind + " client: status " + httpStatus + ", frames " + types() + ", heartbeats " + heartbeats.size()
                + ", ending " + ending + " " + closeCode.getNow(null) + ", violations " + violations;
    }
}
