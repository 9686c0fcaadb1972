package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.eto4j.progress.testing.Recorder;

/**
 * Whatever the interleaving of publication and delivery, a subscriber receives every non-conflatable event in
 * order, never a lower seq after a higher one, and always the newest progress value.
 */
class SubscriberOrderingPropertyTest {
    private static DefaultTaskEngine engine;
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @BeforeContainer
    static void start() {
        engine = (DefaultTaskEngine) TaskEngine.builder().workers(1).dispatchThreads(2)
                .threadNamePrefix("ordering-properties").build();
    }

    @AfterContainer
    static void stop() {
        engine.shutdown(Duration.ofSeconds(5));
    }

    @Property(tries = 300)
    void deliveryKeepsOrderAndTheNewestProgress(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 3) Integer> kinds,
            @ForAll @IntRange(min = 1, max = 3) int tasks) throws InterruptedException {
        Recorder r = new Recorder();
        Subscriber sub = new Subscriber(engine, null, r, 1_000_000);
        long[] seq = new long[tasks];
        List<List<TaskEvent>> stateEvents = new ArrayList<>();
        List<TaskEvent> lastProgress = new ArrayList<>();
        List<TaskId> ids = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            ids.add(TaskId.of("t" + t));
            stateEvents.add(new ArrayList<>());
            lastProgress.add(null);
        }
        int i = 0;
        for (int kind : kinds) {
            int t = i++ % tasks;
            TaskId id = ids.get(t);
            TaskEvent e = switch (kind) {
                case 0, 1 -> new TaskEvent.Progress(id, ++seq[t], T,
                        new TaskProgress(seq[t], TaskProgress.UNKNOWN, Stage.COMPUTE, List.of(), -1));
                case 2 -> new TaskEvent.StateChanged(id, ++seq[t], T, TaskState.RUNNING, TaskState.QUEUED, 2);
                default -> new TaskEvent.Heartbeat(id, seq[t], T);
            };
            if (e instanceof TaskEvent.Progress) {
                lastProgress.set(t, e);
            } else if (e instanceof TaskEvent.StateChanged) {
                stateEvents.get(t).add(e);
            }
            sub.offer(e);
        }
        sub.closeWith(Subscription.CloseReason.ENGINE_SHUTDOWN, false);
        assertEquals(Subscription.CloseReason.ENGINE_SHUTDOWN, r.awaitClose());

        List<TaskEvent> got = r.events();
        for (int t = 0; t < tasks; t++) {
            TaskId id = ids.get(t);
            long last = -1;
            long lastRetained = -1;
            List<TaskEvent> states = new ArrayList<>();
            for (TaskEvent e : got) {
                if (!e.taskId().equals(id)) {
                    continue;
                }
                assertTrue(e.seq() >= last, "seq regressed: " + got);
                last = e.seq();
                if (e.retained()) {
                    assertTrue(e.seq() > lastRetained, "retained seq repeated: " + got);
                    lastRetained = e.seq();
                }
                if (e instanceof TaskEvent.StateChanged) {
                    states.add(e);
                }
            }
            assertEquals(stateEvents.get(t), states, "every state change, in order");
            if (lastProgress.get(t) != null) {
                assertTrue(got.contains(lastProgress.get(t)), "newest progress delivered");
            }
        }
    }
}
