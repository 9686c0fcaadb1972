package org.eto4j.progress;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The closed family of events a task publishes. Every event names its task, carries the task's sequence
 * number and a timestamp from the engine's clock.
 *
 * <p><b>Sequence numbers.</b> Each task counts its <em>retained</em> events ({@link Progress},
 * {@link StateChanged} and the {@link Terminal} ones) 1, 2, 3, … without gaps. {@link Snapshot} and
 * {@link Heartbeat} carry the number of the last retained event they reflect and do not consume a number.
 * So a subscriber sees numbers that never decrease, and retained events with strictly increasing numbers.
 *
 * <p><b>Order per subscription.</b> A {@link Snapshot} first, then live events newer than the snapshot. Every
 * transition between non-terminal states is a {@link StateChanged}; the transition into a terminal state is
 * the terminal event itself ({@link Completed}, {@link Failed} or {@link Cancelled}, carrying
 * {@link Terminal#from()} and {@link Terminal#state()}), published exactly once per task, after a final
 * {@link Progress} if the last reported value was not yet published. If the task had already ended when
 * the subscription started, the outcome is in the snapshot and no terminal event follows.
 */
public sealed interface TaskEvent {

    /** The task the event belongs to. */
    TaskId taskId();

    /** The sequence number (see the interface documentation). */
    long seq();

    /** When the event was published, from the engine's clock. */
    Instant timestamp();

    /**
     * The stable wire name of the event type: {@code snapshot}, {@code progress}, {@code state}, {@code completed},
     * {@code failed}, {@code cancelled} or {@code heartbeat}.
     */
    String type();

    /** Whether the event consumes a sequence number and is kept in the store's event tail. */
    default boolean retained() {
        return !(this instanceof Snapshot) && !(this instanceof Heartbeat);
    }

    /** The three events that end a task; exactly one is published per task. */
    sealed interface Terminal extends TaskEvent permits Completed, Failed, Cancelled {
        /** The terminal state this event reports. */
        TaskState state();

        /**
         * The state the task left ({@link TaskState#QUEUED}, {@link TaskState#RUNNING} or
         * {@link TaskState#CANCELLING}).
         */
        TaskState from();
    }

    /**
     * The current state of a task, delivered first on every subscription.
     *
     * @param taskId    the task
     * @param seq       the number of the last retained event reflected here
     * @param timestamp when the snapshot was taken
     * @param task      the task's state, progress and (if ended) outcome
     * @param replay    the retained state-change and terminal events numbered after the subscriber's
     *                  {@code sinceSeq} and up to {@code seq}, oldest first, as far as the store still holds
     *                  them; empty when the subscriber gave no {@code sinceSeq}
     */
    record Snapshot(TaskId taskId, long seq, Instant timestamp, TaskSnapshot task, List<TaskEvent> replay)
            implements TaskEvent {
        /** Validates the components and copies the replay list. */
        public Snapshot {
            Objects.requireNonNull(task, "task");
            replay = List.copyOf(replay);
        }

        @Override
        public String type() {
            return "snapshot";
        }
    }

    /**
     * Progress of a running task. Conflated: the engine publishes the newest value at most once per publish
     * interval, and before every state change.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it was published
     * @param progress  the progress value
     */
    record Progress(TaskId taskId, long seq, Instant timestamp, TaskProgress progress) implements TaskEvent {
        @Override
        public String type() {
            return "progress";
        }
    }

    /**
     * A transition of the state machine.
     *
     * @param taskId    the task
     * @param seq       the sequence number
     * @param timestamp when it happened
     * @param from      the previous state
     * @param to        the new state
     * @param attempt   the attempt number after the transition
     */
    record StateChanged(TaskId taskId, long seq, Instant timestamp, TaskState from, TaskState to, int attempt)
            implements TaskEvent {
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
     * @param from      the state it left
     * @param result    what it produced
     */
    record Completed(TaskId taskId, long seq, Instant timestamp, TaskState from,
            TaskResult result) implements Terminal {
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
     * @param from      the state it left
     * @param error     the stable error
     */
    record Failed(TaskId taskId, long seq, Instant timestamp, TaskState from, TaskError error) implements Terminal {
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
     * @param from      the state it left
     * @param reason    why
     */
    record Cancelled(TaskId taskId, long seq, Instant timestamp, TaskState from,
            CancelReason reason) implements Terminal {
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
     * Sign of life from a running task when nothing else was published for the heartbeat interval.
     *
     * @param taskId    the task
     * @param seq       the number of the last retained event
     * @param timestamp when it was published
     */
    record Heartbeat(TaskId taskId, long seq, Instant timestamp) implements TaskEvent {
        @Override
        public String type() {
            return "heartbeat";
        }
    }
}
