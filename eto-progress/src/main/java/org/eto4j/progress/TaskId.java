package org.eto4j.progress;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identifier of a task: 1 to 64 characters from {@code [A-Za-z0-9_-]}, safe in URLs, file names and
 * database keys. Generated ids are random UUIDs, so they cannot be guessed from each other.
 *
 * @param value the identifier text
 */
public record TaskId(String value) implements Comparable<TaskId> {
    /** The longest accepted identifier, in characters; fits a UUID with room for a prefix. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    /**
     * Validates the identifier.
     *
     * @throws ProgressException with {@link ProgressErrorCode#INVALID_TASK_ID} when the text is not valid
     */
    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new ProgressException(ProgressErrorCode.INVALID_TASK_ID,
                    value.length() > 80 ? value.substring(0, 80) : value);
        }
    }

    /**
     * Parses an identifier.
     *
     * @param value the identifier text
     * @return the identifier
     * @throws ProgressException with {@link ProgressErrorCode#INVALID_TASK_ID} when the text is not valid
     */
    public static TaskId of(String value) {
        return new TaskId(value);
    }

    /** A new random identifier (a UUID in its canonical text form). */
    public static TaskId random() {
        return new TaskId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
