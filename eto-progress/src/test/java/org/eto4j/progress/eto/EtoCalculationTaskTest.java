package org.eto4j.progress.eto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.EtoException;
import org.eto4j.core.EtoResult;
import org.eto4j.core.Fao56;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskCancelledException;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskError;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskFailure;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.junit.jupiter.api.Test;

/** The one ETo task: stages and progress by records, strict and lenient validation, daily and monthly results. */
class EtoCalculationTaskTest {
    private static final Station BRUSSELS = Station.of(50.8, 100).withWindHeightMetres(10);

    /** A context that records stages, totals and progress, and can be cancelled. */
    private static final class Context implements TaskContext {
        final List<String> log = new ArrayList<>();
        long done;
        volatile boolean cancelled;

        private final TaskId id = TaskId.random();

        @Override
        public TaskId taskId() {
            return id;
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public boolean isCancellationRequested() {
            return cancelled;
        }

        @Override
        public void stage(String stage, Object... args) {
            log.add(stage + " " + List.of(args));
            done = 0;
        }

        @Override
        public void total(long total) {
            log.add("total " + total);
        }

        @Override
        public void progress(long d) {
            done = d;
        }

        @Override
        public void advance(long units) {
            done += units;
        }
    }

    private static DailyWeather day(LocalDate date, double tmax, double tmin) {
        return DailyWeather.builder(date).tmax(tmax).tmin(tmin).rhMax(84).rhMin(63).windSpeed(10 / 3.6)
                .sunshineHours(9.25).build();
    }

    private static List<DailyWeather> days(int n) {
        List<DailyWeather> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(day(LocalDate.of(2024, 7, 1).plusDays(i), 21.5 + i % 3, 12.3 - i % 2));
        }
        return out;
    }

    @Test
    void dailyResultsAreFao56DailyRecordByRecordWithTheirSummary() {
        List<DailyWeather> input = days(10);
        EtoCalculationResult r = EtoCalculationTask.daily(BRUSSELS, input).build().compute(new Context());
        assertEquals("daily", r.step());
        double total = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < input.size(); i++) {
            EtoResult expected = Fao56.defaults().daily(BRUSSELS, input.get(i));
            assertEquals(expected.eto(), r.rows().get(i).etoMm(), 0.0, "row " + i);
            assertEquals(EstimateFlag.toMask(expected.flags()), r.rows().get(i).flagMask());
            assertEquals(input.get(i).date().toString(), r.rows().get(i).period());
            total += expected.eto();
            max = Math.max(max, expected.eto());
        }
        assertEquals(new EtoCalculationResult.Summary(10, 10, total, total / 10, max, r.summary().minMm(),
                "2024-07-01", "2024-07-10"), r.summary());
        assertEquals(List.of(), r.errors());
    }

    @Test
    void theFao56Example18DayGives3Point88() {
        // FAO-56 example 18: Brussels, 6 July, ETo = 3.9 mm/day (3.88 unrounded, README quick start).
        EtoCalculationResult r = EtoCalculationTask.daily(BRUSSELS, List.of(day(LocalDate.of(2024, 7, 5), 21.5, 12.3)))
                .build().compute(new Context());
        assertEquals(3.88, r.rows().get(0).etoMm(), 0.005);
    }

    @Test
    void reportsFourStagesEachCountingTheRecords() {
        Context ctx = new Context();
        EtoCalculationTask.daily(BRUSSELS, days(4)).build().compute(ctx);
        assertEquals(List.of(Stage.VALIDATE + " [4]", "total 4", Stage.QUALITY_CONTROL + " [4]", "total 4",
                Stage.COMPUTE + " [4]", "total 4", Stage.SUMMARIZE + " [4]", "total 4"), ctx.log);
        assertEquals(4, ctx.done, "the last stage ends complete");
    }

    @Test
    void strictValidationFailsOnTheFirstInvalidRecordWithCodeFieldAndRow() {
        List<DailyWeather> input = new ArrayList<>(days(5));
        input.set(2, day(input.get(2).date(), 10, 20)); // tmin above tmax
        input.set(3, day(input.get(3).date(), 10, 20));
        TaskFailure f = assertThrows(TaskFailure.class,
                () -> EtoCalculationTask.daily(BRUSSELS, input).build().compute(new Context()));
        TaskError e = f.error();
        assertEquals("ETO-1003", e.code());
        assertEquals("error.tmin_above_tmax", e.messageKey());
        assertEquals("tmin", e.field());
        assertEquals(2, e.row());
        assertTrue(!e.retryable());
    }

    @Test
    void lenientValidationListsInvalidRecordsAndSummarizesTheValidOnes() {
        List<DailyWeather> input = new ArrayList<>(days(5));
        input.set(0, day(input.get(0).date(), 10, 20));
        EtoCalculationResult r = EtoCalculationTask.daily(BRUSSELS, input).validation(ValidationMode.LENIENT).build()
                .compute(new Context());
        assertTrue(Double.isNaN(r.rows().get(0).etoMm()));
        assertTrue(EstimateFlag.fromMask(r.rows().get(0).flagMask()).contains(EstimateFlag.INVALID_ROW));
        assertEquals(1, r.errors().size());
        assertEquals(0, r.errors().get(0).row());
        assertEquals("ETO-1003", r.errors().get(0).code());
        assertEquals(4, r.summary().periods());
        assertEquals("2024-07-02", r.summary().from(), "the first valid record");
        assertTrue(Double.isFinite(r.summary().meanMm()));
    }

    @Test
    void datesOutOfOrderOrRepeatedFailInEitherMode() {
        List<DailyWeather> repeated = new ArrayList<>(days(3));
        repeated.set(2, repeated.get(1));
        TaskFailure f = assertThrows(TaskFailure.class, () -> EtoCalculationTask.daily(BRUSSELS, repeated)
                .validation(ValidationMode.LENIENT).build().compute(new Context()));
        assertEquals("date", f.error().field());
        assertEquals(2, f.error().row());
        assertEquals(List.of("date", "2024-07-02", 2), f.error().args(), "the first occurrence counted from 1");

        List<DailyWeather> backwards = List.of(days(3).get(2), days(3).get(0));
        TaskFailure g = assertThrows(TaskFailure.class,
                () -> EtoCalculationTask.daily(BRUSSELS, backwards).build().compute(new Context()));
        assertEquals(1, g.error().row());
        assertTrue(!f.error().code().equals(g.error().code()), "duplicate and out-of-order have their own codes");
    }

    @Test
    void errorsOfTheRowReaderCarryTheirRow() {
        EtoCalculationTask task = EtoCalculationTask.daily(BRUSSELS, 3, row -> {
            if (row == 1) {
                throw new EtoException(org.eto4j.core.ErrorCode.MISSING_COLUMN, "tmax", -1, "tmax");
            }
            return days(3).get(row);
        }).build();
        TaskFailure f = assertThrows(TaskFailure.class, () -> task.compute(new Context()));
        assertEquals(1, f.error().row());
        assertEquals("tmax", f.error().field());
    }

    @Test
    void monthlyUsesTheNeighbouringMonthsAsFao56MonthlyDoes() {
        List<MonthlyWeather> months = new ArrayList<>();
        for (int m = 1; m <= 4; m++) {
            months.add(MonthlyWeather.builder(YearMonth.of(2024, m)).tmax(20 + 3 * m).tmin(10 + 2 * m).rhMean(60)
                    .windSpeed(2).sunshineHours(7).build());
        }
        EtoCalculationResult r = EtoCalculationTask.monthly(BRUSSELS, months).build().compute(new Context());
        List<EtoResult> expected = Fao56.defaults().monthly(BRUSSELS, months);
        for (int i = 0; i < months.size(); i++) {
            assertEquals(expected.get(i).eto(), r.rows().get(i).etoMm(), 0.0, "month " + i);
            assertEquals(YearMonth.of(2024, i + 1).lengthOfMonth(), r.rows().get(i).days());
        }
        assertEquals(31 + 29 + 31 + 30, r.summary().days());
        assertEquals("monthly", r.step());
    }

    @Test
    void cancellationStopsBetweenRecordsAndTheHookRunsBeforeEach() {
        Context ctx = new Context();
        AtomicInteger seen = new AtomicInteger();
        EtoCalculationTask task = EtoCalculationTask.daily(BRUSSELS, days(10)).beforeEachRecord(() -> {
            if (seen.incrementAndGet() == 3) {
                ctx.cancelled = true;
            }
        }).build();
        assertThrows(TaskCancelledException.class, () -> task.compute(ctx));
        assertEquals(3, seen.get());
    }

    @Test
    void anEngineRecordsTheFailureWithFieldAndRow() throws Exception {
        TaskEngine engine = TaskEngine.builder().build();
        try {
            List<DailyWeather> input = new ArrayList<>(days(3));
            input.set(1, day(input.get(1).date(), 10, 20));
            TaskId id = engine.submit(EtoCalculationTask.daily(BRUSSELS, input).build(), TaskOptions.defaults());
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            TaskSnapshot s = engine.find(id).orElseThrow();
            while (!s.isTerminal() && System.nanoTime() < end) {
                Thread.onSpinWait();
                s = engine.find(id).orElseThrow();
            }
            assertEquals(TaskState.FAILED, s.state());
            TaskError e = ((TaskEvent.Failed) s.outcome().orElseThrow()).error();
            assertEquals("tmin", e.field());
            assertEquals(1, e.row());
        } finally {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void readmeSampleRuns() throws Exception {
        TaskEngine engine = TaskEngine.builder().build();
        Station station = BRUSSELS;
        List<DailyWeather> days = days(3);
        try {
            EtoCalculationTask task = EtoCalculationTask.daily(station, days)   // List<DailyWeather>, or (rows, reader)
                    .validation(ValidationMode.LENIENT)                         // default STRICT
                    .build();
            TaskId id = engine.submit(task, TaskOptions.defaults());
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!engine.find(id).orElseThrow().isTerminal() && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            TaskEvent.Completed c = (TaskEvent.Completed) engine.find(id).orElseThrow().outcome().orElseThrow();
            EtoCalculationResult r = (EtoCalculationResult) ((org.eto4j.progress.TaskResult.Value) c.result()).value();
            assertEquals(3, r.rows().size());
            assertEquals(3, r.summary().periods());
        } finally {
            engine.shutdown(Duration.ofSeconds(5));
        }
    }
}
