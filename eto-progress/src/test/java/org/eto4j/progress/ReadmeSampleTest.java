package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** The README's sample, compiled and run as written (only its free variables are defined here). */
class ReadmeSampleTest {
    private final double[][] rows = new double[1000][3];
    private final String stationName = "A001";
    private final List<Double> summary = List.of(4.2, 3.9);
    private final BlockingQueue<TaskEvent> outbox = new LinkedBlockingQueue<>();
    private final long lastSeenSeq = 1;

    private void compute(double[] row) {
        row[0] = row[1] + row[2];
    }

    @Test
    void readmeSampleRuns() throws Exception {
        TaskId seen;
        try (TaskEngine engine = TaskEngine.builder().workers(4).queueCapacity(1_000).build()) {
            TaskId id = engine.submit(ctx -> {
                ctx.stage(Stage.COMPUTE, stationName);      // stage key + i18n arguments
                ctx.total(rows.length);
                for (double[] row : rows) {
                    ctx.throwIfCancellationRequested();     // cooperative cancellation
                    compute(row);
                    ctx.advance(1);                          // cheap: conflated by the engine
                }
                return TaskResult.of(summary);               // JSON-able value, or TaskResult.reference(uri, …)
            }, TaskOptions.defaults().withType("eto.batch").withTimeout(Duration.ofMinutes(10))
                    .withRetry(RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(30))));

            engine.subscribe(id, event -> outbox.offer(event));          // Snapshot first, then live events
            engine.subscribe(id, lastSeenSeq, event -> outbox.offer(event)); // resume after a reconnect
            engine.find(id);    // Optional<TaskSnapshot>: empty = unknown (never "queued")
            engine.cancel(id);  // CancelOutcome: UNKNOWN, CANCELLED, REQUESTED, ALREADY_REQUESTED, ALREADY_ENDED
            seen = id;
            Poll.until(() -> engine.find(seen).orElseThrow().isTerminal(), "sample task ends");
        }
        assertTrue(outbox.peek() instanceof TaskEvent.Snapshot);
        assertEquals(seen, outbox.peek().taskId());
    }
}
