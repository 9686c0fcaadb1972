package org.eto4j.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eto4j.progress.store.InMemoryTaskStore;
import org.junit.jupiter.api.Test;

/**
 * Measures what a finished task retains in the in-memory store, as the heap delta of many finished tasks
 * after full collections (no agent or JOL needed). The figure is written down in the module's README.
 */
class FinishedTaskFootprintTest {
    private static final int TASKS = 20_000;

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void aFinishedTaskRetainsLessThanFourKilobytes() throws Exception {
        InMemoryTaskStore store = InMemoryTaskStore.builder().maximumFinished(TASKS + 1).build();
        TaskEngine engine = TaskEngine.builder().workers(2).queueCapacity(TASKS).store(store)
                .threadNamePrefix("footprint-test").build();
        List<TaskId> ids = new ArrayList<>(TASKS);
        ids.add(engine.submit(ctx -> TaskResult.none())); // warm up classes before the baseline
        Poll.until(() -> engine.find(ids.get(0)).orElseThrow().isTerminal(), "warm-up");
        long before = usedHeapAfterGc();
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            // a typical small task: one stage with arguments, progress, a small JSON-able result
            ids.add(engine.submit(ctx -> {
                ctx.stage(Stage.COMPUTE, "A" + (n % 1000), 365);
                ctx.progress(365, 365);
                return TaskResult.of(Map.of("etoMm", 4.21, "days", 365));
            }, TaskOptions.defaults().withType("eto.batch")));
        }
        for (TaskId id : ids) {
            Poll.until(() -> engine.find(id).map(TaskSnapshot::isTerminal).orElse(false), "task " + id);
        }
        long after = usedHeapAfterGc();
        long perTask = (after - before) / TASKS;
        System.out.println("[footprint] finished task retained bytes (engine + in-memory store): " + perTask);
        assertEquals(TASKS + 1, store.size());
        assertTrue(perTask > 200 && perTask < 4096, "per task " + perTask + " bytes");
        assertTrue(engine.shutdown(Duration.ofSeconds(10)));
        assertEquals(TaskState.SUCCEEDED, engine.find(ids.get(TASKS)).orElseThrow().state(), "store stays readable");
    }
}
