package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskCancelledException;
import org.eto4j.progress.TaskId;
import org.junit.jupiter.api.Test;

class ComputeStageContextTest {
    @Test
    void theCalculationsStagesFoldIntoTheOuterComputeStageCountingComputedRecordsOnly() {
        EtoTaskTest.RecordingContext outer = new EtoTaskTest.RecordingContext();
        ComputeStageContext inner = new ComputeStageContext(outer);
        for (String stage : List.of(Stage.VALIDATE, Stage.QUALITY_CONTROL, Stage.COMPUTE, Stage.SUMMARIZE)) {
            inner.stage(stage, 3);
            inner.total(3);
            inner.progress(0);
            for (int i = 0; i < 3; i++) {
                inner.advance(1);
            }
        }
        assertEquals(List.of("advance 1", "advance 1", "advance 1"), outer.log);
    }

    @Test
    void identityAndCancellationAreTheOuterTasks() {
        EtoTaskTest.RecordingContext outer = new EtoTaskTest.RecordingContext();
        ComputeStageContext inner = new ComputeStageContext(outer);
        assertEquals(TaskId.of("t1"), inner.taskId());
        assertEquals(1, inner.attempt());
        inner.throwIfCancellationRequested();
        outer.cancel = true;
        assertTrue(inner.isCancellationRequested());
        assertTrue(inner.cancellation().isCancellationRequested());
        assertThrows(TaskCancelledException.class, inner::throwIfCancellationRequested);
    }
}
