package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void runsATaskToCompletion() throws Exception {
        try (TaskEngine engine = TaskEngine.builder().workers(1).build()) {
            TaskId id = engine.submit(ctx -> {
                ctx.stage(Stage.COMPUTE);
                ctx.progress(5, 5);
                return TaskResult.of(42);
            });
            Recorder r = new Recorder();
            engine.subscribe(id, r).orElseThrow();
            assertEquals(Subscription.CloseReason.TASK_ENDED, r.awaitClose());
            TaskSnapshot snap = engine.find(id).orElseThrow();
            assertEquals(TaskState.SUCCEEDED, snap.state());
            TaskEvent.Completed c = assertInstanceOf(TaskEvent.Completed.class, snap.outcome().orElseThrow());
            assertEquals(TaskResult.of(42), c.result());
            assertTrue(engine.shutdown(Duration.ofSeconds(5)));
        }
    }
}
