package org.eto4j.progress.eto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eto4j.core.BatchResult;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.ErrorCode;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.progress.CancellationToken;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskCancelledException;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskProgress;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // the deprecated task keeps its tests until it is removed
class EtoBatchTaskTest {
    private TaskEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    /** A plausible mid-latitude daily series: seasonal temperature, humidity, wind and sunshine. */
    static StationSeries synthetic(String id, double latitude, int days, int seed) {
        int[] doy = new int[days];
        double[] tmax = new double[days];
        double[] tmin = new double[days];
        double[] rhMax = new double[days];
        double[] rhMin = new double[days];
        double[] wind = new double[days];
        double[] sun = new double[days];
        for (int i = 0; i < days; i++) {
            doy[i] = i % 365 + 1;
            double season = Math.sin(2 * Math.PI * (doy[i] - 100) / 365.0);
            double noise = ((i * 7919L + seed * 104729L) % 1000) / 1000.0;
            tmax[i] = 20 + 10 * season + 3 * noise;
            tmin[i] = tmax[i] - 8 - 2 * noise;
            rhMax[i] = 80 + 10 * noise;
            rhMin[i] = 40 + 10 * noise;
            wind[i] = 1.5 + 2 * noise;
            sun[i] = 6 + 4 * season * 0.5 + noise;
        }
        Map<DailyColumn, double[]> cols = new EnumMap<>(DailyColumn.class);
        cols.put(DailyColumn.TMAX, tmax);
        cols.put(DailyColumn.TMIN, tmin);
        cols.put(DailyColumn.RH_MAX, rhMax);
        cols.put(DailyColumn.RH_MIN, rhMin);
        cols.put(DailyColumn.WIND_SPEED, wind);
        cols.put(DailyColumn.SUNSHINE_HOURS, sun);
        return new StationSeries(id, Station.of(latitude, 100 + seed), doy, cols);
    }

    private static double[] direct(Fao56 fao56, StationSeries s, long[] flags) {
        Map<DailyColumn, double[]> c = s.columns();
        DailyColumns columns = DailyColumns.builder(s.rows(), s.dayOfYear()).tmax(c.get(DailyColumn.TMAX))
                .tmin(c.get(DailyColumn.TMIN)).rhMax(c.get(DailyColumn.RH_MAX)).rhMin(c.get(DailyColumn.RH_MIN))
                .windSpeed(c.get(DailyColumn.WIND_SPEED)).sunshineHours(c.get(DailyColumn.SUNSHINE_HOURS)).build();
        double[] eto = new double[s.rows()];
        BatchResult r = fao56.dailyBatch(s.station(), columns, eto, flags);
        assertEquals(s.rows(), r.rows());
        return eto;
    }

    @Test
    void manyStationsThroughTheEngineEqualOneBatchCallPerStationWithProgressByRecords() throws Exception {
        Fao56 fao56 = Fao56.defaults();
        engine = TaskEngine.builder().workers(1).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(1))
                .threadNamePrefix("eto-batch-test").taskType(EtoBatchTask.TYPE,
                        params -> EtoBatchTask.factory(fao56).create(params) instanceof EtoBatchTask t
                                ? t.withChunkRows(250) : null)
                .build();
        List<StationSeries> stations = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            stations.add(synthetic("S" + k, -30 + 5 * k, 3 * 365 + k, k));
        }
        long totalRows = stations.stream().mapToLong(StationSeries::rows).sum();
        List<TaskEvent> events = new CopyOnWriteArrayList<>();
        engine.subscribeAll(events::add);
        TaskId id = engine.submit(EtoBatchTask.TYPE, stations, TaskOptions.defaults());
        TaskSnapshot end = awaitEnd(id);
        assertEquals(TaskState.SUCCEEDED, end.state());
        EtoBatchResult result = (EtoBatchResult) ((TaskResult.Value)
                ((TaskEvent.Completed) end.outcome().orElseThrow()).result()).value();
        assertEquals(totalRows, result.rows());
        assertEquals(0, result.invalidRows());
        for (int k = 0; k < stations.size(); k++) {
            long[] flags = new long[stations.get(k).rows()];
            double[] expected = direct(fao56, stations.get(k), flags);
            EtoBatchResult.StationResult r = result.stations().get(k);
            assertEquals("S" + k, r.stationId());
            assertArrayEquals(expected, r.etoMm(), 0.0, "bit for bit, station " + k);
            assertArrayEquals(flags, r.flagMasks());
        }
        TaskProgress last = end.progress();
        assertEquals(new TaskProgress(totalRows, totalRows, Stage.COMPUTE, List.of(12), 0), last);
        // The store records the end before the listener hears it (delivery is asynchronous): wait for the terminal
        // event, which follows the final progress event.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Object monitor = new Object();
        while (events.stream().noneMatch(e -> e instanceof TaskEvent.Terminal)) {
            assertTrue(System.nanoTime() < deadline, "terminal event not delivered in time");
            synchronized (monitor) {
                monitor.wait(5); // polling with a deadline
            }
        }
        long previous = -1;
        for (TaskEvent e : events) {
            if (e instanceof TaskEvent.Progress p && p.progress().stage().equals(Stage.COMPUTE)) {
                assertTrue(p.progress().done() >= previous, "records processed never go back");
                if (p.progress().totalKnown()) { // a tick may fall between stage() and total()
                    assertEquals(totalRows, p.progress().total(), "total is the number of records");
                }
                previous = p.progress().done();
            }
        }
        assertEquals(totalRows, previous);
    }

    @Test
    void reproducesFao56Example18() {
        // FAO-56 (Allen et al. 1998), chapter 4, example 18: Brussels, 6 July (J = 187), 50°48'N, 100 m;
        // Tmax 21.5, Tmin 12.3 °C, RHmax 84 %, RHmin 63 %, wind 10 km/h at 10 m, n = 9.25 h: ETo 3.9 mm/day
        // (3.88 at full precision).
        Map<DailyColumn, double[]> c = new EnumMap<>(DailyColumn.class);
        c.put(DailyColumn.TMAX, new double[] {21.5});
        c.put(DailyColumn.TMIN, new double[] {12.3});
        c.put(DailyColumn.RH_MAX, new double[] {84});
        c.put(DailyColumn.RH_MIN, new double[] {63});
        c.put(DailyColumn.WIND_SPEED, new double[] {10 / 3.6});
        c.put(DailyColumn.SUNSHINE_HOURS, new double[] {9.25});
        StationSeries brussels = new StationSeries("brussels", Station.of(50.8, 100).withWindHeightMetres(10),
                new int[] {187}, c);
        EtoBatchResult r = run(EtoBatchTask.of(Fao56.defaults(), List.of(brussels)), new FakeContext(-1));
        assertEquals(3.88, r.stations().get(0).etoMm()[0], 0.005);
        assertEquals(3.88, r.stations().get(0).meanEtoMm(), 0.005);
    }

    @Test
    void strictValidationFailsWithEtoCoresStableCode() {
        StationSeries s = synthetic("bad", 45, 3000, 1);
        s.columns().get(DailyColumn.TMIN)[1500] = s.columns().get(DailyColumn.TMAX)[1500] + 5;
        TaskFailure f = assertThrows(TaskFailure.class,
                () -> EtoBatchTask.of(Fao56.defaults(), List.of(s)).withChunkRows(1024).run(new FakeContext(-1)));
        assertEquals(ErrorCode.TMIN_ABOVE_TMAX.code(), f.code());
        assertEquals("error.tmin_above_tmax", f.messageKey());
        assertTrue(!f.error().retryable());
        // the place travels in the task error, beside eto-core's own arguments
        assertEquals("tmin", f.error().field());
        assertEquals(1500, f.error().row());
    }

    @Test
    void lenientValidationListsInvalidRowsWithAbsoluteIndices() {
        StationSeries s = synthetic("bad", 45, 3000, 1);
        s.columns().get(DailyColumn.TMIN)[1500] = s.columns().get(DailyColumn.TMAX)[1500] + 5;
        Fao56 lenient = Fao56.builder().validation(ValidationMode.LENIENT).build();
        EtoBatchResult r = run(EtoBatchTask.of(lenient, List.of(s)).withChunkRows(1024), new FakeContext(-1));
        EtoBatchResult.StationResult st = r.stations().get(0);
        assertEquals(1, st.invalidRows());
        assertEquals(1, r.invalidRows());
        EtoBatchResult.RowError e = st.errors().get(0);
        assertEquals(1500, e.row());
        assertEquals(ErrorCode.TMIN_ABOVE_TMAX.code(), e.code());
        assertTrue(Double.isNaN(st.etoMm()[1500]));
        assertTrue(Double.isFinite(st.etoMm()[1499]) && Double.isFinite(st.etoMm()[1501]));
    }

    @Test
    void cancellationStopsBeforeTheNextChunk() {
        List<StationSeries> stations = List.of(synthetic("a", 10, 5000, 1), synthetic("b", 20, 5000, 2));
        FakeContext ctx = new FakeContext(3);
        assertThrows(TaskCancelledException.class,
                () -> EtoBatchTask.of(Fao56.defaults(), stations).withChunkRows(1000).run(ctx));
        assertEquals(3000, ctx.done);
        assertEquals(10_000, ctx.total);
    }

    @Test
    void largeResultsCanBeStoredElsewhereAndReferenced() {
        java.util.concurrent.atomic.AtomicReference<EtoBatchResult> stored =
                new java.util.concurrent.atomic.AtomicReference<>();
        TaskResult r = EtoBatchTask.of(Fao56.defaults(), List.of(synthetic("a", 10, 400, 1)))
                .withResultStorage(result -> {
                    stored.set(result);
                    return TaskResult.reference(java.net.URI.create("file:///results/a.csv"), "text/csv", 12_345);
                })
                .run(new FakeContext(-1));
        assertEquals(TaskResult.reference(java.net.URI.create("file:///results/a.csv"), "text/csv", 12_345), r);
        assertEquals(400, stored.get().rows());
    }

    @Test
    void badParametersAndSeriesAreTypedErrors() {
        ProgressException p = assertThrows(ProgressException.class,
                () -> EtoBatchTask.factory(Fao56.defaults()).create("not a list"));
        assertEquals("parameters", p.args().get(0));
        Map<DailyColumn, double[]> c = new EnumMap<>(DailyColumn.class);
        c.put(DailyColumn.TMAX, new double[3]);
        EtoException e = assertThrows(EtoException.class,
                () -> new StationSeries("x", Station.of(0, 0), new int[3], c));
        assertEquals(ErrorCode.MISSING_COLUMN, e.code());
        c.put(DailyColumn.TMIN, new double[2]);
        e = assertThrows(EtoException.class, () -> new StationSeries("x", Station.of(0, 0), new int[3], c));
        assertEquals(ErrorCode.LENGTH_MISMATCH, e.code());
        assertEquals("tmin", e.field().orElseThrow());
    }

    private static EtoBatchResult run(EtoBatchTask task, FakeContext ctx) {
        return (EtoBatchResult) ((TaskResult.Value) task.run(ctx)).value();
    }

    private TaskSnapshot awaitEnd(TaskId id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Object monitor = new Object();
        while (!engine.find(id).orElseThrow().isTerminal()) {
            assertTrue(System.nanoTime() < deadline, "task did not end in time");
            synchronized (monitor) {
                monitor.wait(5); // polling with a deadline
            }
        }
        return engine.find(id).orElseThrow();
    }

    /** A context that records progress and requests cancellation after a number of chunks. */
    static final class FakeContext implements TaskContext, CancellationToken {
        private final int cancelAfterChunks;
        private int chunks;
        long done;
        long total = TaskProgress.UNKNOWN;

        FakeContext(int cancelAfterChunks) {
            this.cancelAfterChunks = cancelAfterChunks;
        }

        @Override
        public TaskId taskId() {
            return TaskId.of("fake");
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public boolean isCancellationRequested() {
            return cancelAfterChunks >= 0 && chunks >= cancelAfterChunks;
        }

        @Override
        public void stage(String stage, Object... args) {
            done = 0;
            total = TaskProgress.UNKNOWN;
        }

        @Override
        public void total(long t) {
            total = t;
        }

        @Override
        public void progress(long d) {
            done = d;
        }

        @Override
        public void advance(long units) {
            done += units;
            chunks++;
        }
    }
}
