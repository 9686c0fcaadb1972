package org.eto4j.progress.eto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.junit.jupiter.api.Test;

/** The README's ETo batch sample, compiled and run as written (its free variables are defined here). */
@SuppressWarnings("deprecation") // the deprecated task keeps its tests until it is removed
class ReadmeEtoSampleTest {
    private final int[] dayOfYear = {15, 16, 17};
    private final double[] tmax = {31.0, 30.2, 29.8};
    private final double[] tmin = {19.5, 19.0, 18.7};
    private final double[] rh = {65, 70, 72};
    private final double[] u2 = {2.1, 1.8, 2.4};
    private final double[] rs = {22.0, 19.5, 20.1};
    private final StationSeries a002 = EtoBatchTaskTest.synthetic("A002", -23.5, 30, 2);

    @Test
    void readmeSampleRuns() throws Exception {
        TaskEngine engine = TaskEngine.builder()
                .taskType(EtoBatchTask.TYPE, EtoBatchTask.factory(Fao56.defaults()))
                .build();
        StationSeries a001 = new StationSeries("A001", Station.of(-15.79, 1160), dayOfYear,
                Map.of(DailyColumn.TMAX, tmax, DailyColumn.TMIN, tmin, DailyColumn.RH_MEAN, rh, DailyColumn.U2, u2,
                       DailyColumn.RS, rs));
        TaskId id = engine.submit(EtoBatchTask.TYPE, List.of(a001, a002), TaskOptions.defaults());
        try {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Object monitor = new Object();
            while (!engine.find(id).orElseThrow().isTerminal() && System.nanoTime() < end) {
                synchronized (monitor) {
                    monitor.wait(5); // polling with a deadline
                }
            }
            TaskSnapshot s = engine.find(id).orElseThrow();
            EtoBatchResult r = (EtoBatchResult) ((TaskResult.Value)
                    ((TaskEvent.Completed) s.outcome().orElseThrow()).result()).value();
            assertEquals(33, r.rows());
            assertTrue(r.stations().get(0).meanEtoMm() > 0);
        } finally {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }
}
