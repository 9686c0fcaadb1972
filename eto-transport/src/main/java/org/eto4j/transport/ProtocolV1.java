package org.eto4j.transport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;

/**
 * The codec of protocol version 1: {@link TaskEvent}s to frame text and frame text to {@link TaskUpdate}s. Every
 * eto4j transport writes its frames with it, so a host that carries task events over a channel of its own
 * (a message broker, a framework's WebSocket or SSE support) speaks exactly what the browser client and
 * {@code TaskEventClient} read. The frame format is described in the README of {@code eto-transport}.
 *
 * <pre>{@code
 * ProtocolV1 protocol = ProtocolV1.defaults();
 * engine.subscribe(id, -1, event -> channel.send(protocol.encode(event)));
 * ...
 * Optional<TaskUpdate> update = protocol.decode(text);   // on the receiving side
 * }</pre>
 *
 * <p>Thread-safe and immutable. Encoding caches the text of recently encoded events by identity, so an event
 * fanned out to many subscribers is written once.
 */
public final class ProtocolV1 {
    /** The protocol version this codec writes and reads: the {@code "v"} field of every frame. */
    public static final int VERSION = 1;

    /** Results larger than this are sent as a {@code resultUrl} when a result URL resolver is configured. */
    public static final int DEFAULT_MAX_INLINE_RESULT_BYTES = 64 * 1024;

    private static final ProtocolV1 DEFAULTS = builder().build();

    private final ObjectMapper mapper;
    private final Function<TaskId, URI> resultUrl;
    private final int maxInlineResultBytes;
    private final FrameEncoder encoder;
    private final FrameDecoder decoder;

    private ProtocolV1(Builder b) {
        this.mapper = b.mapper;
        this.resultUrl = b.resultUrl;
        this.maxInlineResultBytes = b.maxInlineResultBytes;
        this.encoder = new FrameEncoder(b.mapper, b.resultUrl, b.maxInlineResultBytes);
        this.decoder = new FrameDecoder(b.mapper);
    }

    /** A codec with a plain {@link ObjectMapper} that sends every result inline. */
    public static ProtocolV1 defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults of {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The frame text of an engine event ({@code snapshot}, {@code progress}, {@code state}, {@code completed},
     * {@code failed}, {@code cancelled} or {@code heartbeat}).
     *
     * @throws NullPointerException if {@code event} is null
     */
    public String encode(TaskEvent event) {
        return encoder.event(Objects.requireNonNull(event, "event"));
    }

    /** The frame a transport sends on a quiet connection: {@code heartbeat} with the last sequence number sent. */
    public String heartbeat(TaskId taskId, long seq, Instant timestamp) {
        return encoder.heartbeat(Objects.requireNonNull(taskId, "taskId"), seq, Objects.requireNonNull(timestamp));
    }

    /** The answer to a client's {@code ping}: {@code pong} with the last sequence number sent. */
    public String pong(TaskId taskId, long seq, Instant timestamp) {
        return encoder.pong(Objects.requireNonNull(taskId, "taskId"), seq, Objects.requireNonNull(timestamp));
    }

    /**
     * Parses one server frame.
     *
     * @return the update, or empty for a frame type this version does not know (clients ignore those)
     * @throws TransportException with {@link TransportErrorCode#PROTOCOL_ERROR} for text that is not a v1 frame
     */
    public Optional<TaskUpdate> decode(String frame) {
        return decoder.decode(Objects.requireNonNull(frame, "frame"));
    }

    /** The mapper that writes results and arguments. */
    public ObjectMapper objectMapper() {
        return mapper;
    }

    /** A builder holding this codec's settings. */
    public Builder toBuilder() {
        Builder b = new Builder().objectMapper(mapper);
        b.resultUrl = resultUrl;
        b.maxInlineResultBytes = maxInlineResultBytes;
        return b;
    }

    /** Settings of a {@link ProtocolV1} codec. Not thread-safe; {@link #build()} makes an immutable codec. */
    public static final class Builder {
        private ObjectMapper mapper = new ObjectMapper();
        private Function<TaskId, URI> resultUrl;
        private int maxInlineResultBytes = DEFAULT_MAX_INLINE_RESULT_BYTES;

        private Builder() {
        }

        /** The mapper that writes task results and message arguments (default: a plain {@link ObjectMapper}). */
        public Builder objectMapper(ObjectMapper objectMapper) {
            this.mapper = Objects.requireNonNull(objectMapper, "objectMapper");
            return this;
        }

        /**
         * Sends results whose frame would exceed {@code maxInlineBytes} as {@code resultUrl} (from
         * {@code resolver}) instead of inline. Off by default: every result is inline. The limit counts the
         * characters of the whole frame text; a result found to be over it is not written out in full.
         *
         * @throws TransportException with {@link TransportErrorCode#INVALID_OPTION} if {@code maxInlineBytes} is
         *                            outside 1 KiB..64 MiB
         */
        public Builder largeResults(int maxInlineBytes, Function<TaskId, URI> resolver) {
            if (maxInlineBytes < 1024 || maxInlineBytes > 64 * 1024 * 1024) {
                throw new TransportException(TransportErrorCode.INVALID_OPTION, "maxInlineResultBytes",
                        maxInlineBytes, "1024.." + (64 << 20));
            }
            this.maxInlineResultBytes = maxInlineBytes;
            this.resultUrl = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The codec. */
        public ProtocolV1 build() {
            return new ProtocolV1(this);
        }
    }
}
