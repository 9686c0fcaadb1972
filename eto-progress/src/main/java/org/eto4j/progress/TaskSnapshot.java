package org.eto4j.progress;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of one task as of event number {@code seq}: what a store keeps and what a new subscriber
 * receives first.
 *
 * @param id              the task id
 * @param type            the task type given at submission (e.g. {@code eto.batch})
 * @param state           the current state
 * @param attempt         the attempt number, from 1; grows when a retry starts
 * @param seq             the sequence number of the last retained event ({@code 0} before any event)
 * @param createdAt       when the task was accepted
 * @param startedAt       when the first attempt started, if it did
 * @param endedAt         when the task reached a terminal state, if it did
 * @param progress        the last published progress
 * @param cancelRequested whether cancellation was requested (it may come from another node)
 * @param outcome         the terminal event, once the task ended
 */
public record TaskSnapshot(TaskId id, String type, TaskState state, int attempt, long seq, Instant createdAt,
                           Optional<Instant> startedAt, Optional<Instant> endedAt, TaskProgress progress,
                           boolean cancelRequested, Optional<TaskEvent.Terminal> outcome) {
    /** Validates the components. */
    public TaskSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(outcome, "outcome");
        if (attempt < 1) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "attempt", attempt, ">= 1");
        }
        if (seq < 0) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "seq", seq, ">= 0");
        }
        if (state.isTerminal() != outcome.isPresent()) {
            throw new ProgressException(ProgressErrorCode.INVALID_OPTION, "outcome", outcome.isPresent(),
                    "present exactly when the state is terminal");
        }
    }

    /**
     * The snapshot of a newly accepted task.
     *
     * @param id        the task id
     * @param type      the task type
     * @param createdAt when it was accepted
     * @return a {@code QUEUED} snapshot at attempt 1 and seq 0
     */
    public static TaskSnapshot queued(TaskId id, String type, Instant createdAt) {
        return new TaskSnapshot(id, type, TaskState.QUEUED, 1, 0, createdAt, Optional.empty(), Optional.empty(),
                TaskProgress.NONE, false, Optional.empty());
    }

    /** Whether the task has ended. */
    public boolean isTerminal() {
        return state.isTerminal();
    }

    /**
     * A copy with the cancel-request flag set.
     *
     * @return the copy
     */
    public TaskSnapshot withCancelRequested() {
        return cancelRequested ? this : new TaskSnapshot(id, type, state, attempt, seq, createdAt, startedAt, endedAt,
                progress, true, outcome);
    }
}
