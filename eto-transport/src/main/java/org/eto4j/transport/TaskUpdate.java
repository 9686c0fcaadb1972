package org.eto4j.transport;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskState;

/**
 * A server frame of protocol v1 as {@code TaskEventClient} delivers it. Every update names its task, carries
 * the task's sequence number and the server's timestamp; {@link #type()} is the frame's {@code type}.
 */
public sealed interface TaskUpdate {

    /** The task. */
    TaskId taskId();

    /** The task's sequence number (never decreases on a client). */
    long seq();

    /** The frame's timestamp ({@code ts}). */
    Instant timestamp();

    /** The frame type on the wire, e.g. {@code progress}. */
    String type();

    /** The three updates that end a task; a client sees exactly one, as an update or in a snapshot. */
    sealed interface Terminal extends TaskUpdate permits Completed, Failed, Cancelled {
        /** The terminal state. */
        TaskState state();
    }

    /**
     * The task's state when the client (re)subscribed; always the first update of a connection.
     *
     * @param taskId    the task
     * @param seq       the number of the last event reflected here
     * @param timestamp when the snapshot was taken
     * @param state     the task's state
     * @param progress  the last published progress
     * @param outcome   the terminal update, when the task has ended
     * @param replay    on a resume, the state and terminal updates after the client's last seq, oldest first
     *                  (already delivered to the listener before this snapshot)
     */
    record Snapshot(TaskId taskId, long seq, Instant timestamp, TaskState state, TaskProgress progress,
                    Optional<Terminal> outcome, List<TaskUpdate> replay) implements TaskUpdate {
        /** Validates the components and copies the replay list. */
        public Snapshot {
            Objects.requireNonNull(outcome, "outcome");
            replay = List.copyOf(replay);
        }

        @Override
        public String type() {
            return "snapshot";
        }
    }

    /**
     * Progress of the running task.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it was published
     * @param progress  the value
     */
    record Progress(TaskId taskId, long seq, Instant timestamp, TaskProgress progress) implements TaskUpdate {
        @Override
        public String type() {
            return "progress";
        }
    }

    /**
     * A state transition between non-terminal states.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it happened
     * @param from      the previous state
     * @param to        the new state
     */
    record StateChanged(TaskId taskId, long seq, Instant timestamp, TaskState from, TaskState to)
            implements TaskUpdate {
        @Override
        public String type() {
            return "state";
        }
    }

    /**
     * The task succeeded.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it ended
     * @param result    the result value as parsed JSON ({@code Map}, {@code List}, {@code String},
     *                  {@code Number}, {@code Boolean} or {@code null}); {@code null} when sent as a URL
     * @param resultUrl where to fetch a large or external result
     */
    record Completed(TaskId taskId, long seq, Instant timestamp, Object result, Optional<URI> resultUrl)
            implements Terminal {
        @Override
        public String type() {
            return "completed";
        }

        @Override
        public TaskState state() {
            return TaskState.SUCCEEDED;
        }
    }

    /**
     * The task failed.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it ended
     * @param error     the stable error
     */
    record Failed(TaskId taskId, long seq, Instant timestamp, TaskError error) implements Terminal {
        @Override
        public String type() {
            return "failed";
        }

        @Override
        public TaskState state() {
            return TaskState.FAILED;
        }
    }

    /**
     * The task was cancelled.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it ended
     * @param reason    why
     */
    record Cancelled(TaskId taskId, long seq, Instant timestamp, CancelReason reason) implements Terminal {
        @Override
        public String type() {
            return "cancelled";
        }

        @Override
        public TaskState state() {
            return TaskState.CANCELLED;
        }
    }

    /**
     * The server's sign of life while the task has not ended and nothing else was sent.
     *
     * @param taskId    the task
     * @param seq       the last sequence number sent
     * @param timestamp when it was sent
     */
    record Heartbeat(TaskId taskId, long seq, Instant timestamp) implements TaskUpdate {
        @Override
        public String type() {
            return "heartbeat";
        }
    }

    /**
     * The answer to {@code TaskEventClient.ping()}.
     *
     * @param taskId    the task
     * @param seq       the last sequence number sent
     * @param timestamp when it was sent
     */
    record Pong(TaskId taskId, long seq, Instant timestamp) implements TaskUpdate {
        @Override
        public String type() {
            return "pong";
        }
    }
}
