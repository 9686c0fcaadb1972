package org.eto4j.transport.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eto4j.progress.TaskEngine;
import org.eto4j.transport.CloseCode;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TransportStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the streams of one transport share: the engine, the tokens, the codec, the settings, the registry of open
 * {@link EventStream}s and one timer thread ({@code <prefix>-timer-1}) for subscribe timeouts, heartbeats,
 * slow-consumer checks and retrying backed-up outboxes every 10 ms.
 */
public final class StreamHub {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    /** How often streams whose sink was full are offered their queued frames again. */
    private static final long PUMP_RETRY_MILLIS = 10;

    private final TaskEngine engine;
    private final TaskTokens tokens;
    private final ProtocolV1 protocol;
    private final ObjectMapper clientMapper;
    private final Clock clock;
    private final int outboxCapacity;
    private final long subscribeTimeoutNanos;
    private final long heartbeatNanos;
    private final long slowConsumerTimeoutNanos;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Set<EventStream> pendingPump = ConcurrentHashMap.newKeySet();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicLong slowConsumerCloses = new AtomicLong();
    private final LongAdder framesSent = new LongAdder();

    /**
     * A hub; its timer starts with {@link #start()}.
     *
     * @param maxClientMessageBytes the largest client message the parser accepts (bounds string lengths)
     */
    public StreamHub(TaskEngine engine, TaskTokens tokens, ProtocolV1 protocol, Clock clock, int outboxCapacity,
                     Duration subscribeTimeout, Duration heartbeatInterval, Duration slowConsumerTimeout,
                     int maxClientMessageBytes, String threadNamePrefix) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outboxCapacity = outboxCapacity;
        this.subscribeTimeoutNanos = subscribeTimeout.toNanos();
        this.heartbeatNanos = heartbeatInterval.toNanos();
        this.slowConsumerTimeoutNanos = slowConsumerTimeout.toNanos();
        ObjectMapper m = new ObjectMapper();
        // Client messages are tiny; bound what the parser accepts beyond the message limit.
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(maxClientMessageBytes).build());
        this.clientMapper = m;
        AtomicInteger n = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadNamePrefix + "-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the timer. Idempotent. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        long sweepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(TimeUnit.MILLISECONDS.toNanos(100),
                Math.min(heartbeatNanos, Math.min(subscribeTimeoutNanos, slowConsumerTimeoutNanos)) / 4));
        timer.scheduleWithFixedDelay(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
        timer.scheduleWithFixedDelay(this::pumpPending, PUMP_RETRY_MILLIS, PUMP_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Registers a stream for a new channel. It waits for a subscription ({@link EventStream#onClientText} or
     * {@link EventStream#subscribe}) and is closed with 4408 if none comes within the subscribe timeout.
     *
     * @param sink      the channel
     * @param rawTaskId the task id as the client named it
     */
    public EventStream open(EventStream.Sink sink, String rawTaskId) {
        EventStream s = new EventStream(this, Objects.requireNonNull(sink, "sink"),
                rawTaskId == null ? "" : rawTaskId, System.nanoTime());
        streams.add(s);
        return s;
    }

    /** Closes every stream with {@code code} and waits up to {@code timeout} for their channels to close. */
    public void closeAll(CloseCode code, Duration timeout) {
        for (EventStream s : streams) {
            s.closeNow(code);
        }
        awaitNoStreams(timeout);
    }

    /** Releases every stream still registered and stops the timer. */
    public void stop(Duration timeout) {
        for (EventStream s : streams) {
            s.release();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The open streams. */
    public Set<EventStream> streams() {
        return Set.copyOf(streams);
    }

    /** Current resource counts. */
    public TransportStats stats() {
        int queued = 0;
        int buffered = 0;
        for (EventStream s : streams) {
            queued += s.queuedFrames();
            buffered += s.bufferedFrames();
        }
        return new TransportStats(streams.size(), subscriptions.get(), queued, buffered, slowConsumerCloses.get(),
                framesSent.sum());
    }

    public TaskEngine engine() {
        return engine;
    }

    public TaskTokens tokens() {
        return tokens;
    }

    public ProtocolV1 protocol() {
        return protocol;
    }

    public Clock clock() {
        return clock;
    }

    /** The heartbeat interval in nanoseconds. */
    public long heartbeatNanos() {
        return heartbeatNanos;
    }

    ObjectMapper clientMapper() {
        return clientMapper;
    }

    int outboxCapacity() {
        return outboxCapacity;
    }

    long subscribeTimeoutNanos() {
        return subscribeTimeoutNanos;
    }

    long slowConsumerTimeoutNanos() {
        return slowConsumerTimeoutNanos;
    }

    void subscriptionOpening() {
        subscriptions.incrementAndGet();
    }

    void subscriptionClosed() {
        subscriptions.decrementAndGet();
    }

    void slowConsumerClosed() {
        slowConsumerCloses.incrementAndGet();
    }

    void frameSent() {
        framesSent.increment();
    }

    void needsPump(EventStream s) {
        pendingPump.add(s);
    }

    void pumped(EventStream s) {
        pendingPump.remove(s);
    }

    void removed(EventStream s) {
        pendingPump.remove(s);
        streams.remove(s);
        if (streams.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until every stream is released, or the timeout elapsed. */
    public synchronized void awaitNoStreams(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!streams.isEmpty()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                // bounded wait: a removal between the check and the wait is caught on the next round
                wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 20)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pumpPending() {
        try {
            for (EventStream s : pendingPump) {
                s.pump();
            }
        } catch (RuntimeException e) {
            LOG.error("pumping stream outboxes failed", e);
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (EventStream s : streams) {
                s.tick(now);
            }
        } catch (RuntimeException e) {
            LOG.error("stream timer failed", e);
        }
    }
}
