package org.eto4j.transport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;

/**
 * A Jackson module for eto-progress's public records, so that a host's own {@link
 * com.fasterxml.jackson.databind.ObjectMapper} writes them without the Java time module or custom code:
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new ProgressModule());
 * mapper.writeValueAsString(engine.find(id).orElseThrow());   // TaskSnapshot
 * mapper.writeValueAsString(event);                               // any TaskEvent: its protocol v1 frame
 * }</pre>
 *
 * <ul>
 *   <li>{@link TaskEvent} (every kind): the protocol v1 frame object, as {@link ProtocolV1#encode} writes it,
 *       with the result value written by the host's mapper (always inline).</li>
 *   <li>{@link TaskSnapshot}: {@code id, type, state, attempt, seq, createdAt, startedAt, endedAt, progress,
 *       cancelRequested} and, once ended, {@code outcome} (the terminal event's frame object); instants as
 *       ISO-8601 UTC strings, absent ones as {@code null}.</li>
 *   <li>{@link TaskProgress}, {@link TaskError}: the objects of the frames' {@code progress} and {@code error}
 *       fields.</li>
 *   <li>{@link TaskResult}: the value, or {@code {resultUrl, mediaType, sizeBytes}} for a reference.</li>
 *   <li>{@link TaskId}, {@link TaskState}, {@link CancelReason}: their wire names as strings, in both
 *       directions (these three also deserialise).</li>
 * </ul>
 */
public final class ProgressModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** The module; register it with {@code mapper.registerModule(new ProgressModule())}. */
    public ProgressModule() {
        super("eto4j-progress", Version.unknownVersion());
        addSerializer(TaskId.class, new Ser<>((v, g, p) -> g.writeString(v.value())));
        addSerializer(TaskState.class, new Ser<>((v, g, p) -> g.writeString(v.wireName())));
        addSerializer(CancelReason.class, new Ser<>((v, g, p) -> g.writeString(v.wireName())));
        addSerializer(TaskProgress.class, new Ser<>((v, g, p) -> FrameEncoder.progress(g, v)));
        addSerializer(TaskError.class, new Ser<>((v, g, p) -> FrameEncoder.error(g, v)));
        addSerializer(TaskResult.class, new Ser<>(ProgressModule::result));
        addSerializer(TaskEvent.class, new Ser<>((v, g, p) -> FrameEncoder.frame(g, v, ProgressModule::value)));
        addSerializer(TaskSnapshot.class, new Ser<>(ProgressModule::snapshot));
        addDeserializer(TaskId.class, new De<>(TaskId.class, TaskId::of));
        addDeserializer(TaskState.class, new De<>(TaskState.class, TaskState::fromWireName));
        addDeserializer(CancelReason.class, new De<>(CancelReason.class, ProgressModule::cancelReason));
    }

    private static void value(JsonGenerator g, TaskEvent.Completed c, Object value) throws IOException {
        g.writeObject(value);
    }

    private static void result(TaskResult r, JsonGenerator g, SerializerProvider p) throws IOException {
        if (r instanceof TaskResult.Reference ref) {
            g.writeStartObject();
            g.writeStringField("resultUrl", ref.location().toString());
            g.writeStringField("mediaType", ref.mediaType());
            g.writeNumberField("sizeBytes", ref.sizeBytes());
            g.writeEndObject();
        } else {
            g.writeObject(((TaskResult.Value) r).value());
        }
    }

    private static void snapshot(TaskSnapshot s, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id().value());
        g.writeStringField("type", s.type());
        g.writeStringField("state", s.state().wireName());
        g.writeNumberField("attempt", s.attempt());
        g.writeNumberField("seq", s.seq());
        g.writeStringField("createdAt", FrameEncoder.ts(s.createdAt()));
        instant(g, "startedAt", s.startedAt());
        instant(g, "endedAt", s.endedAt());
        g.writeFieldName("progress");
        FrameEncoder.progress(g, s.progress());
        g.writeBooleanField("cancelRequested", s.cancelRequested());
        if (s.outcome().isPresent()) {
            g.writeFieldName("outcome");
            FrameEncoder.frame(g, s.outcome().get(), ProgressModule::value);
        }
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, String field, Optional<Instant> t) throws IOException {
        if (t.isPresent()) {
            g.writeStringField(field, FrameEncoder.ts(t.get()));
        } else {
            g.writeNullField(field);
        }
    }

    private static CancelReason cancelReason(String wireName) {
        for (CancelReason r : CancelReason.values()) {
            if (r.wireName().equals(wireName)) {
                return r;
            }
        }
        throw new IllegalArgumentException(wireName);
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(T value, JsonGenerator g, SerializerProvider p) throws IOException;
    }

    private static final class Ser<T> extends JsonSerializer<T> {
        private final Writer<T> writer;

        Ser(Writer<T> writer) {
            this.writer = writer;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
            writer.write(value, g, p);
        }
    }

    private static final class De<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final java.util.function.Function<String, T> parse;

        De(Class<T> type, java.util.function.Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return type.cast(ctx.handleUnexpectedToken(type, p));
            }
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                return type.cast(ctx.handleWeirdStringValue(type, text, "not a wire name"));
            }
        }
    }
}
