package org.eto4j.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.internal.StreamHub;

/**
 * The options every transport shares — tokens, origins, the codec, heartbeats and the per-subscriber outbox — with
 * the same names, defaults, ranges and error for each: a transport's builder extends this one and adds its own.
 * Validated in the transport's {@code build()}, which names the bad option and the accepted range
 * ({@link TransportErrorCode#INVALID_OPTION}).
 *
 * @param <B> the transport's builder
 * @param <T> the transport it builds
 */
public abstract class TransportBuilder<B extends TransportBuilder<B, T>, T> {
    /** Default outbox capacity in frames: progress is conflated to one frame, so it holds mostly state changes. */
    public static final int DEFAULT_OUTBOX_CAPACITY = 64;
    /** Default time a subscriber may stay backed up before it is cut off (4429). */
    public static final Duration DEFAULT_SLOW_CONSUMER_TIMEOUT = Duration.ofSeconds(5);
    /** Default size above which a completed result is sent as {@code resultUrl} (when a resolver is set). */
    public static final int DEFAULT_MAX_INLINE_RESULT_BYTES = ProtocolV1.DEFAULT_MAX_INLINE_RESULT_BYTES;

    private final TaskEngine engine;
    private final Duration maxHeartbeatInterval;
    private Set<String> allowedOrigins = Set.of();
    private byte[] tokenKey;
    private Duration tokenTtl = TaskTokens.DEFAULT_TTL;
    private TaskTokens tokens;
    private Duration heartbeatInterval;
    private int outboxCapacity = DEFAULT_OUTBOX_CAPACITY;
    private Duration slowConsumerTimeout = DEFAULT_SLOW_CONSUMER_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private ObjectMapper objectMapper;
    private Function<TaskId, URI> resultUrl;
    private int maxInlineResultBytes = DEFAULT_MAX_INLINE_RESULT_BYTES;
    private ProtocolV1 protocol;
    private String threadNamePrefix;

    /**
     * A builder with the transport's own defaults.
     *
     * @param engine                   the engine whose events are served
     * @param defaultHeartbeatInterval the transport's heartbeat default
     * @param maxHeartbeatInterval     the longest heartbeat interval the transport accepts
     * @param defaultThreadNamePrefix  the transport's thread-name prefix
     */
    protected TransportBuilder(TaskEngine engine, Duration defaultHeartbeatInterval, Duration maxHeartbeatInterval,
                               String defaultThreadNamePrefix) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.heartbeatInterval = defaultHeartbeatInterval;
        this.maxHeartbeatInterval = maxHeartbeatInterval;
        this.threadNamePrefix = defaultThreadNamePrefix;
    }

    /** This builder, typed as the transport's. */
    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Browser origins allowed to connect, e.g. {@code https://app.example.org}; a browser request carrying another
     * {@code Origin} is refused. Clients that send no {@code Origin} (non-browser clients) are accepted, since only
     * browsers attach the ambient credentials the check protects; the task token protects the task.
     *
     * @param origins exact origins (scheme, host and port as the browser sends them) (default: none)
     * @return this builder
     */
    public B allowedOrigins(Collection<String> origins) {
        this.allowedOrigins = Set.copyOf(origins);
        return self();
    }

    /**
     * The HMAC key of task tokens; the transport builds its {@link TaskTokens} from it, {@link #tokenTtl} and
     * {@link #clock}. Either this or {@link #tokens(TaskTokens)} is required.
     *
     * @param key at least {@link TaskTokens#MIN_KEY_BYTES} bytes (copied)
     * @return this builder
     */
    public B tokenKey(byte[] key) {
        this.tokenKey = Objects.requireNonNull(key, "key").clone();
        return self();
    }

    /**
     * Lifetime of the tokens the transport issues when built from {@link #tokenKey}.
     *
     * @param ttl {@code 1 s .. 30 days} (default {@link TaskTokens#DEFAULT_TTL})
     * @return this builder
     */
    public B tokenTtl(Duration ttl) {
        this.tokenTtl = Objects.requireNonNull(ttl, "ttl");
        return self();
    }

    /**
     * A token service shared with the host's REST API or another transport (instead of {@link #tokenKey}).
     *
     * @param tokens the service
     * @return this builder
     */
    public B tokens(TaskTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        return self();
    }

    /**
     * Silence on a connection after which a heartbeat is sent, while its task has not ended.
     *
     * @param interval {@code 10 ms} up to the transport's maximum (default: the transport's)
     * @return this builder
     */
    public B heartbeatInterval(Duration interval) {
        this.heartbeatInterval = Objects.requireNonNull(interval, "interval");
        return self();
    }

    /**
     * Frames a subscriber may queue while its connection is backed up (progress conflated to one); a frame that
     * finds the outbox full cuts the subscriber off (4429).
     *
     * @param capacity {@code 4..100,000} (default {@link #DEFAULT_OUTBOX_CAPACITY})
     * @return this builder
     */
    public B outboxCapacity(int capacity) {
        this.outboxCapacity = capacity;
        return self();
    }

    /**
     * The slow-consumer policy: how long a subscriber may stay backed up (frames waiting, the connection not
     * draining) before it is cut off (4429). The client then reconnects with its last sequence number and gets a
     * fresh snapshot, which is cheaper than replaying what it missed.
     *
     * @param timeout {@code 10 ms .. 10 min} (default {@link #DEFAULT_SLOW_CONSUMER_TIMEOUT})
     * @return this builder
     */
    public B slowConsumerTimeout(Duration timeout) {
        this.slowConsumerTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * The time source of frame timestamps and of the tokens built from {@link #tokenKey}.
     *
     * @param clock the clock (default {@link Clock#systemUTC()})
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * The mapper that writes task results (e.g. one with the Java time module registered). Not with
     * {@link #protocol(ProtocolV1)}.
     *
     * @param mapper the mapper (default: a plain {@link ObjectMapper})
     * @return this builder
     */
    public B objectMapper(ObjectMapper mapper) {
        this.objectMapper = Objects.requireNonNull(mapper, "mapper");
        return self();
    }

    /**
     * Large results: a result value whose frame exceeds {@code maxInlineBytes} is sent as {@code resultUrl} from
     * {@code resolver} (e.g. the host's REST endpoint for the result). Not with {@link #protocol(ProtocolV1)}.
     *
     * @param maxInlineBytes {@code 1 KiB .. 64 MiB} (default {@link #DEFAULT_MAX_INLINE_RESULT_BYTES})
     * @param resolver       the URL of a task's result
     * @return this builder
     */
    public B largeResults(int maxInlineBytes, Function<TaskId, URI> resolver) {
        this.maxInlineResultBytes = maxInlineBytes;
        this.resultUrl = Objects.requireNonNull(resolver, "resolver");
        return self();
    }

    /**
     * The codec to write frames with, shared with the host's REST API or another transport, so that every
     * channel gives the same frames (instead of {@link #objectMapper} and {@link #largeResults}).
     *
     * @param protocol the codec
     * @return this builder
     */
    public B protocol(ProtocolV1 protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return self();
    }

    /**
     * Prefix of the transport's own thread names.
     *
     * @param prefix 1 to 64 characters (default: the transport's)
     * @return this builder
     */
    public B threadNamePrefix(String prefix) {
        this.threadNamePrefix = Objects.requireNonNull(prefix, "prefix");
        return self();
    }

    /**
     * Validates the settings and creates the transport.
     *
     * @return the transport
     * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} naming a bad option
     */
    public abstract T build();

    // ---- for the transports' build() ----

    /** Checks the shared options; a transport calls it first in {@code build()}. */
    protected final void checkSharedOptions() {
        check("outboxCapacity", outboxCapacity, 4, 100_000);
        check("maxInlineResultBytes", maxInlineResultBytes, 1024, 64 << 20);
        check("threadNamePrefix", threadNamePrefix.length(), 1, 64);
        check("heartbeatInterval", heartbeatInterval, Duration.ofMillis(10), maxHeartbeatInterval);
        check("slowConsumerTimeout", slowConsumerTimeout, Duration.ofMillis(10), Duration.ofMinutes(10));
        if (protocol != null && (objectMapper != null || resultUrl != null)) {
            throw new TransportException(TransportErrorCode.INVALID_OPTION, "protocol",
                    "combined with objectMapper or largeResults", "protocol alone, or objectMapper/largeResults");
        }
        if (tokens == null) {
            if (tokenKey == null) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "tokenKey", "missing",
                        ">= " + TaskTokens.MIN_KEY_BYTES + " bytes (or tokens(TaskTokens))");
            }
            if (tokenKey.length < TaskTokens.MIN_KEY_BYTES) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "tokenKey", tokenKey.length + " bytes",
                        ">= " + TaskTokens.MIN_KEY_BYTES + " bytes");
            }
            check("tokenTtl", tokenTtl, Duration.ofSeconds(1), Duration.ofDays(30));
        }
    }

    /** The token service: the one given, or one built from the key, the ttl and the clock. */
    protected final TaskTokens resolveTokens() {
        return tokens != null ? tokens : TaskTokens.builder().key(tokenKey).ttl(tokenTtl).clock(clock).build();
    }

    /** The codec: the one given, or one built from the mapper and the large-result setting. */
    protected final ProtocolV1 resolveProtocol() {
        if (protocol != null) {
            return protocol;
        }
        ProtocolV1.Builder b = ProtocolV1.builder()
                .objectMapper(objectMapper != null ? objectMapper : new ObjectMapper());
        if (resultUrl != null) {
            b.largeResults(maxInlineResultBytes, resultUrl);
        }
        return b.build();
    }

    /**
     * The per-subscriber streams' hub from the shared options (its timer not started yet).
     *
     * @param subscribeTimeout      how long a WebSocket client may take to subscribe (unused by SSE, which
     *                              subscribes with the request)
     * @param maxClientMessageBytes the largest client message the parser accepts
     */
    protected final StreamHub newHub(Duration subscribeTimeout, int maxClientMessageBytes) {
        return new StreamHub(engine, resolveTokens(), resolveProtocol(), clock, outboxCapacity, subscribeTimeout,
                heartbeatInterval, slowConsumerTimeout, maxClientMessageBytes, threadNamePrefix);
    }

    /** Fails with {@link TransportErrorCode#INVALID_OPTION} unless {@code min <= value <= max}. */
    protected static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new TransportException(TransportErrorCode.INVALID_OPTION, option, value, min + ".." + max);
        }
    }

    /** Fails with {@link TransportErrorCode#INVALID_OPTION} unless {@code min <= value <= max}. */
    protected static void check(String option, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new TransportException(TransportErrorCode.INVALID_OPTION, option, value, min + ".." + max);
        }
    }

    /** The engine whose events are served. */
    protected final TaskEngine engine() {
        return engine;
    }

    /** The allowed browser origins. */
    protected final Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** The heartbeat interval. */
    protected final Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The outbox capacity. */
    protected final int outboxCapacity() {
        return outboxCapacity;
    }

    /** The slow-consumer timeout. */
    protected final Duration slowConsumerTimeout() {
        return slowConsumerTimeout;
    }

    /** The clock. */
    protected final Clock clock() {
        return clock;
    }

    /** The thread-name prefix. */
    protected final String threadNamePrefix() {
        return threadNamePrefix;
    }
}
