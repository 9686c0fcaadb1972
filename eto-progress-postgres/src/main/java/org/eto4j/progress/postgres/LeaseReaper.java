package org.eto4j.progress.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.CancelReason;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of last resort, run on every node: re-queues or ends tasks whose holder stopped renewing its lease
 * (by the database clock), and deletes finished tasks past retention. Nodes skip each other's locked rows, so
 * any number of them can reap at once.
 *
 * <p>An expired lease of a task that is: queued (claimed, not started; or waiting for a retry) puts it back in
 * the queue; running re-queues it as attempt + 1, or fails it with {@link ProgressErrorCode#LEASE_EXPIRED} once
 * it reached {@code maxAttempts}; cancelling ends it cancelled. Events written here are not marked delivered:
 * the node's engine hears of them like any other node's.
 */
final class LeaseReaper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);

    private final TaskTable table;
    private final int maxAttempts;
    private final Duration retainFinished;
    private final Duration retainUnread;
    private final AtomicLong reaped = new AtomicLong();
    private final AtomicLong purged = new AtomicLong();

    LeaseReaper(TaskTable table, int maxAttempts, Duration retainFinished, Duration retainUnread) {
        this.table = table;
        this.maxAttempts = maxAttempts;
        this.retainFinished = retainFinished;
        this.retainUnread = retainUnread;
    }

    /** One pass over up to 100 expired leases; the number of tasks re-queued or ended. */
    int reapExpiredLeases() {
        int n = TaskTable.db("reap", () -> table.jdbi().inTransaction(h -> {
            List<TaskTable.Row> rows = table.lockExpired(h);
            for (TaskTable.Row r : rows) {
                TaskSnapshot s = r.task();
                TaskId id = s.id();
                LOG.info("lease of task {} held by {} expired in state {} (attempt {})", id, r.owner(),
                        s.state(), s.attempt());
                switch (s.state()) {
                    case QUEUED -> table.requeue(h, id); // claimed but not started, or waiting for a retry
                    case RUNNING -> {
                        if (s.attempt() < maxAttempts) {
                            TaskSnapshot next = new TaskSnapshot(id, s.type(), TaskState.QUEUED, s.attempt() + 1,
                                    s.seq() + 1, s.createdAt(), s.startedAt(), Optional.empty(), s.progress(),
                                    s.cancelRequested(), Optional.empty());
                            table.writeLocked(h, next, new TaskEvent.StateChanged(id, s.seq() + 1, r.dbNow(),
                                    TaskState.RUNNING, TaskState.QUEUED, s.attempt() + 1));
                            table.requeue(h, id);
                        } else {
                            table.writeLocked(h, s, new TaskEvent.Failed(id, s.seq() + 1, r.dbNow(), TaskState.RUNNING,
                                    TaskError.of(ProgressErrorCode.LEASE_EXPIRED, false, s.attempt())));
                        }
                    }
                    case CANCELLING -> table.writeLocked(h, s, new TaskEvent.Cancelled(id, s.seq() + 1, r.dbNow(),
                            TaskState.CANCELLING, CancelReason.REQUESTED));
                    default -> table.disown(h, id);
                }
            }
            return rows.size();
        }));
        reaped.addAndGet(n);
        return n;
    }

    /** One retention pass over up to 1,000 finished tasks; the number deleted. */
    int purgeFinished() {
        int n = table.purgeFinished(retainFinished, retainUnread);
        purged.addAndGet(n);
        return n;
    }

    long reaped() {
        return reaped.get();
    }

    long purged() {
        return purged.get();
    }
}
