package org.eto4j.transport.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The transport settings a contract test needs; {@link TransportContract#start} must apply every one of them
 * (they map one to one onto the options of eto4j's transports). Each test starts from {@link #defaults()} and
 * changes what it exercises, e.g. a 200 ms heartbeat for the heartbeat test.
 *
 * @param heartbeatInterval   silence after which a heartbeat is sent while the task has not ended
 * @param outboxCapacity      frames a stream may queue while its channel is backed up
 * @param slowConsumerTimeout how long a stream may stay backed up before it is cut off with 4429
 * @param subscribeTimeout    how long a WebSocket connection may take to send {@code subscribe} (4408)
 * @param allowedOrigins      browser origins a WebSocket handshake may carry; other origins are refused
 */
public record ContractSettings(Duration heartbeatInterval, int outboxCapacity, Duration slowConsumerTimeout,
                               Duration subscribeTimeout, Set<String> allowedOrigins) {

    /** The one origin the contract allows: a WebSocket handshake from it is accepted, from others refused. */
    public static final String ALLOWED_ORIGIN = "https://app.example.org";
    /** Default heartbeat: long enough that heartbeats never interleave with what a short test checks. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** Default outbox: the transports' own default (progress is conflated, so it holds mostly state frames). */
    public static final int DEFAULT_OUTBOX_CAPACITY = 64;
    /** Default slow-consumer timeout: longer than any pause of a reading client on a loaded machine. */
    public static final Duration DEFAULT_SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(10);
    /** Default subscribe timeout: a thousand clients connecting at once on two cores subscribe well within it. */
    public static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

    /** Validates and copies. */
    public ContractSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(slowConsumerTimeout, "slowConsumerTimeout");
        Objects.requireNonNull(subscribeTimeout, "subscribeTimeout");
        allowedOrigins = Set.copyOf(allowedOrigins);
        if (outboxCapacity < 1) {
            throw new IllegalArgumentException("outboxCapacity " + outboxCapacity + " < 1");
        }
    }

    /**
     * The settings every test starts from.
     *
     * @return {@link #DEFAULT_HEARTBEAT_INTERVAL}, {@link #DEFAULT_OUTBOX_CAPACITY},
     *         {@link #DEFAULT_SLOW_CONSUMER_TIMEOUT}, {@link #DEFAULT_SUBSCRIBE_TIMEOUT}, {@link #ALLOWED_ORIGIN}
     */
    public static ContractSettings defaults() {
        return new ContractSettings(DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_OUTBOX_CAPACITY,
                DEFAULT_SLOW_CONSUMER_TIMEOUT, DEFAULT_SUBSCRIBE_TIMEOUT, Set.of(ALLOWED_ORIGIN));
    }

    /**
     * A copy with another heartbeat interval.
     *
     * @param interval the interval
     * @return the copy
     */
    public ContractSettings withHeartbeatInterval(Duration interval) {
        return new ContractSettings(interval, outboxCapacity, slowConsumerTimeout, subscribeTimeout, allowedOrigins);
    }

    /**
     * A copy with another outbox capacity.
     *
     * @param capacity frames
     * @return the copy
     */
    public ContractSettings withOutboxCapacity(int capacity) {
        return new ContractSettings(heartbeatInterval, capacity, slowConsumerTimeout, subscribeTimeout, allowedOrigins);
    }

    /**
     * A copy with another slow-consumer timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public ContractSettings withSlowConsumerTimeout(Duration timeout) {
        return new ContractSettings(heartbeatInterval, outboxCapacity, timeout, subscribeTimeout, allowedOrigins);
    }

    /**
     * A copy with another subscribe timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public ContractSettings withSubscribeTimeout(Duration timeout) {
        return new ContractSettings(heartbeatInterval, outboxCapacity, slowConsumerTimeout, timeout, allowedOrigins);
    }
}
