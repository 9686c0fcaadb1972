package org.eto4j.progress;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states of a task and the only transitions allowed between them.
 *
 * <pre>
 *   QUEUED     → RUNNING | CANCELLED
 *   RUNNING    → SUCCEEDED | FAILED | CANCELLING | QUEUED (re-queued for a retry)
 *   CANCELLING → CANCELLED | SUCCEEDED (the task returned before it noticed the request)
 *   SUCCEEDED, FAILED, CANCELLED: terminal, no transition
 * </pre>
 *
 * <p>There is deliberately no "unknown" or "pending" state: an id the engine does not know is answered with
 * an empty {@link java.util.Optional}, never with {@code QUEUED}.
 */
public enum TaskState {
    /** Accepted and waiting for a worker (also while waiting for a retry's backoff to elapse). */
    QUEUED,
    /** A worker is running the task. */
    RUNNING,
    /** Cancellation was requested while running; the task has not stopped yet. */
    CANCELLING,
    /** Finished with a result. Terminal. */
    SUCCEEDED,
    /** Finished with an error (including a timeout, or retries exhausted). Terminal. */
    FAILED,
    /** Stopped by a cancellation request or by shutdown. Terminal. */
    CANCELLED;

    private static final Map<TaskState, Set<TaskState>> NEXT = new EnumMap<>(TaskState.class);

    static {
        NEXT.put(QUEUED, Collections.unmodifiableSet(EnumSet.of(RUNNING, CANCELLED)));
        NEXT.put(RUNNING, Collections.unmodifiableSet(EnumSet.of(SUCCEEDED, FAILED, CANCELLING, QUEUED)));
        NEXT.put(CANCELLING, Collections.unmodifiableSet(EnumSet.of(CANCELLED, SUCCEEDED)));
        NEXT.put(SUCCEEDED, Collections.unmodifiableSet(EnumSet.noneOf(TaskState.class)));
        NEXT.put(FAILED, Collections.unmodifiableSet(EnumSet.noneOf(TaskState.class)));
        NEXT.put(CANCELLED, Collections.unmodifiableSet(EnumSet.noneOf(TaskState.class)));
    }

    /** Whether no transition leaves this state. */
    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    /** The states this state may move to (empty for terminal states). */
    public Set<TaskState> next() {
        return NEXT.get(this);
    }

    /**
     * Whether the transition from this state to {@code target} is allowed.
     *
     * @param target the state to move to
     * @return {@code true} when the transition table allows it
     */
    public boolean canMoveTo(TaskState target) {
        return NEXT.get(this).contains(target);
    }

    /**
     * Checks a transition.
     *
     * @param target the state to move to
     * @return {@code target}
     * @throws ProgressException with {@link ProgressErrorCode#ILLEGAL_TRANSITION} when not allowed
     */
    public TaskState requireMoveTo(TaskState target) {
        if (!canMoveTo(target)) {
            throw new ProgressException(ProgressErrorCode.ILLEGAL_TRANSITION, wireName(), target.wireName());
        }
        return target;
    }

    /** The stable lower-case name used on the wire and in stores, e.g. {@code running}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The i18n message key, e.g. {@code task.state.running}. */
    public String messageKey() {
        return "task.state." + wireName();
    }

    /**
     * The state with the given wire name.
     *
     * @param wireName a name returned by {@link #wireName()}
     * @return the state
     * @throws IllegalArgumentException when no state has that name
     */
    public static TaskState fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
