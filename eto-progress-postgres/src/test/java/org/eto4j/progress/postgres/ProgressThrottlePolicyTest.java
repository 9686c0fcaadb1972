package org.eto4j.progress.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

/** {@link ProgressThrottle} alone, on a hand-moved ticker: which progress events wait and when they are written. */
class ProgressThrottlePolicyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ProgressThrottle throttle = new ProgressThrottle(INTERVAL, 0.01, nanos::get);
    private final TaskSnapshot queued = TaskSnapshot.queued(TaskId.random(), "t", T0);
    private long seq;

    private TaskSnapshot running(TaskProgress p) {
        return new TaskSnapshot(queued.id(), "t", TaskState.RUNNING, 1, ++seq, T0, Optional.of(T0), Optional.empty(), p,
                false, Optional.empty());
    }

    private static TaskProgress progress(String stage, long done, long total) {
        return new TaskProgress(done, total, stage, List.of(), TaskProgress.UNKNOWN);
    }

    private boolean offer(TaskProgress p) {
        TaskSnapshot s = running(p);
        boolean held = throttle.hold(s, new TaskEvent.Progress(s.id(), s.seq(), T0, p));
        if (!held) {
            throttle.written(s);
        }
        return held;
    }

    private List<TaskEvent> flush() {
        List<TaskEvent> written = new ArrayList<>();
        throttle.flush((task, event) -> {
            written.add(event);
            throttle.written(task);
        });
        return written;
    }

    @Test
    void theFirstProgressOfATaskIsWrittenAtOnce() {
        assertFalse(offer(progress(Stage.COMPUTE, 1, 1000)));
    }

    @Test
    void stepsBelowOnePercentWaitAndTheNewestReplacesOlderOnes() {
        offer(progress(Stage.COMPUTE, 0, 1000));
        assertTrue(offer(progress(Stage.COMPUTE, 3, 1000)));
        assertTrue(offer(progress(Stage.COMPUTE, 9, 1000)));
        assertEquals(1, throttle.held());
        assertEquals(List.of(), flush(), "nothing is due before the interval has passed");

        nanos.addAndGet(INTERVAL.toNanos());
        List<TaskEvent> written = flush();
        assertEquals(1, written.size());
        assertEquals(9, ((TaskEvent.Progress) written.get(0)).progress().done(), "only the newest is written");
        assertEquals(0, throttle.held());
    }

    @Test
    void aStepOfOnePercentAStageChangeANewTotalAndACompletedStageGoThrough() {
        offer(progress(Stage.COMPUTE, 0, 1000));
        assertFalse(offer(progress(Stage.COMPUTE, 10, 1000)), "1 % of the total");
        assertFalse(offer(progress(Stage.SUMMARIZE, 10, 1000)), "another stage");
        assertFalse(offer(progress(Stage.SUMMARIZE, 10, 2000)), "another total");
        offer(progress(Stage.VALIDATE, 1995, 2000));
        assertFalse(offer(progress(Stage.VALIDATE, 2000, 2000)), "the stage completed");
    }

    @Test
    void aSmallStepIsWrittenAtOnceWhenTheIntervalHasPassed() {
        offer(progress(Stage.COMPUTE, 0, 1000));
        nanos.addAndGet(INTERVAL.toNanos());
        assertFalse(offer(progress(Stage.COMPUTE, 1, 1000)));
    }

    @Test
    void anEventThatGoesThroughDropsTheHeldOne() {
        offer(progress(Stage.COMPUTE, 0, 1000));
        assertTrue(offer(progress(Stage.COMPUTE, 1, 1000)));
        TaskSnapshot s = running(progress(Stage.COMPUTE, 1, 1000));
        assertFalse(throttle.hold(s, new TaskEvent.Heartbeat(s.id(), s.seq(), T0)), "only progress is throttled");
        assertEquals(0, throttle.held());
    }

    @Test
    void anEndedTaskIsForgotten() {
        offer(progress(Stage.COMPUTE, 0, 1000));
        offer(progress(Stage.COMPUTE, 1, 1000));
        TaskEvent.Completed c = new TaskEvent.Completed(queued.id(), ++seq, T0, TaskState.RUNNING, TaskResult.of(1));
        TaskSnapshot done = new TaskSnapshot(queued.id(), "t", TaskState.SUCCEEDED, 1, seq, T0, Optional.of(T0),
                Optional.of(T0), progress(Stage.COMPUTE, 1, 1000), false, Optional.of(c));
        assertFalse(throttle.hold(done, c));
        throttle.forget(queued.id());
        assertEquals(0, throttle.held());
        assertFalse(offer(progress(Stage.COMPUTE, 2, 1000)), "no mark is left to compare with");
    }
}
