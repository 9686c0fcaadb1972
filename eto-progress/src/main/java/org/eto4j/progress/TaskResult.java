package org.eto4j.progress;

import java.net.URI;
import java.util.Objects;

/**
 * What a successful task produced: a JSON-able value kept with the task, or a reference to a result stored
 * elsewhere (large results: files, object storage, a database table).
 *
 * <p>A {@link Value} holds {@code null}, a {@code Boolean}, {@code Number} or {@code String}, a
 * {@code List} or a {@code Map} with {@code String} keys of such values, or a record/bean that the store's
 * serialiser accepts. The in-memory store keeps the object as it is; durable stores serialise it to JSON.
 */
public sealed interface TaskResult {

    /** The empty result of a task that produces nothing. */
    static TaskResult none() {
        return Value.NONE;
    }

    /**
     * A result value kept with the task.
     *
     * @param value a JSON-able value, or {@code null}
     * @return the result
     */
    static TaskResult of(Object value) {
        return value == null ? Value.NONE : new Value(value);
    }

    /**
     * A reference to a result kept elsewhere.
     *
     * @param location  where the result can be fetched
     * @param mediaType its media type, e.g. {@code text/csv}
     * @param sizeBytes its size in bytes, or {@code -1} when unknown
     * @return the result
     */
    static TaskResult reference(URI location, String mediaType, long sizeBytes) {
        return new Reference(location, mediaType, sizeBytes);
    }

    /**
     * A result value.
     *
     * @param value a JSON-able value, or {@code null} for "no result"
     */
    record Value(Object value) implements TaskResult {
        static final Value NONE = new Value(null);
    }

    /**
     * A reference to a result stored outside the task store.
     *
     * @param location  where the result can be fetched
     * @param mediaType its media type
     * @param sizeBytes its size in bytes, or {@code -1} when unknown
     */
    record Reference(URI location, String mediaType, long sizeBytes) implements TaskResult {
        /** Validates the components. */
        public Reference {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(mediaType, "mediaType");
            if (sizeBytes < -1) {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "sizeBytes", sizeBytes, ">= -1");
            }
        }
    }
}
