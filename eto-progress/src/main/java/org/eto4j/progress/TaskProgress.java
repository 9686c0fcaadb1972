package org.eto4j.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A published progress value: {@code done} of {@code total} units in a stage, with the stage's i18n
 * arguments and an estimate of the time left.
 *
 * @param done       units done in the current stage, {@code >= 0}
 * @param total      units in the current stage, or {@link #UNKNOWN}
 * @param stage      the stage key (see {@link Stage})
 * @param args       the stage message's arguments (JSON scalars: strings, numbers, booleans)
 * @param etaMillis  estimated milliseconds until the stage ends, from the rate observed in this stage, or
 *                   {@link #UNKNOWN} when the total is unknown or no rate was observed yet
 */
public record TaskProgress(long done, long total, String stage, List<Object> args, long etaMillis) {
    /** The value of {@code total} or {@code etaMillis} when it is not known. */
    public static final long UNKNOWN = -1;

    /** The progress of a task that has reported nothing yet. */
    public static final TaskProgress NONE = new TaskProgress(0, UNKNOWN, Stage.PENDING, List.of(), UNKNOWN);

    /** Validates the components and copies the arguments. */
    public TaskProgress {
        Objects.requireNonNull(stage, "stage");
        if (done < 0) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "done", done, ">= 0");
        }
        if (total < UNKNOWN) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "total", total, ">= 0 or -1 (unknown)");
        }
        if (etaMillis < UNKNOWN) {
            etaMillis = UNKNOWN;
        }
        args = scalarArgs(args);
    }

    /** Whether the total is known. */
    public boolean totalKnown() {
        return total != UNKNOWN;
    }

    /** {@code done / total} clamped to [0, 1], when the total is known and positive. */
    public OptionalDouble fraction() {
        if (total <= 0) {
            return total == 0 ? OptionalDouble.of(1.0) : OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1.0, (double) done / total));
    }

    /** The estimated time left in this stage, when known. */
    public Optional<Duration> eta() {
        return etaMillis == UNKNOWN ? Optional.empty() : Optional.of(Duration.ofMillis(etaMillis));
    }

    /** The i18n message key of the stage, e.g. {@code task.stage.compute}. */
    public String messageKey() {
        return Stage.messageKey(stage);
    }

    /** Copies arguments, accepting only JSON scalars so that every store and transport can carry them. */
    static List<Object> scalarArgs(List<Object> args) {
        if (args == null || args.isEmpty()) {
            return List.of();
        }
        List<Object> copy = new ArrayList<>(args.size());
        for (Object a : args) {
            if (a instanceof String || a instanceof Number || a instanceof Boolean) {
                copy.add(a);
            } else if (a instanceof Enum<?> e) {
                copy.add(e.name());
            } else {
                throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "args",
                        a == null ? "null" : a.getClass().getName(), "String, Number, Boolean or enum");
            }
        }
        return Collections.unmodifiableList(copy);
    }
}
