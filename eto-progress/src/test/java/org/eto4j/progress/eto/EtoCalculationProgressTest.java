package org.eto4j.progress.eto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EstimateFlag;
import org.eto4j.core.MonthlyWeather;
import org.eto4j.core.Station;
import org.eto4j.core.ValidationMode;
import org.eto4j.progress.ProgressErrorCode;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskCancelledException;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskId;
import org.junit.jupiter.api.Test;

/**
 * How the ETo task reports progress in steps of records while each stage's count stays exact, hands its rows to a
 * caller's sink, keeps them as columns, and orders time stamps as dates.
 */
class EtoCalculationProgressTest {
    private static final Station STATION = Station.of(-7.53, 256).withWindHeightMetres(2);

    /** Records each stage's advances; cancellable after a given number of them. */
    private static final class Context implements TaskContext {
        final List<String> stages = new ArrayList<>();
        final List<List<Long>> advances = new ArrayList<>();
        int cancelAfterAdvances = Integer.MAX_VALUE;
        int advanceCalls;

        @Override
        public TaskId taskId() {
            return TaskId.of("00000000-0000-0000-0000-000000000001");
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public boolean isCancellationRequested() {
            return advanceCalls >= cancelAfterAdvances;
        }

        @Override
        public void stage(String stage, Object... args) {
            stages.add(stage);
            advances.add(new ArrayList<>());
        }

        @Override
        public void total(long total) {
        }

        @Override
        public void progress(long done) {
        }

        @Override
        public void advance(long units) {
            advanceCalls++;
            advances.get(advances.size() - 1).add(units);
        }
    }

    private static DailyWeather day(LocalDate date, double tmax, double tmin) {
        return DailyWeather.builder(date).tmax(tmax).tmin(tmin).rhMean(70).u2(2).rs(18).build();
    }

    private static List<DailyWeather> days(LocalDate first, int n) {
        List<DailyWeather> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(day(first.plusDays(i), 31 + i % 3, 22 - i % 2));
        }
        return out;
    }

    @Test
    void progressComesInStepsOfProgressEveryAndEachStageEndsComplete() {
        Context ctx = new Context();
        EtoCalculationTask.daily(STATION, days(LocalDate.of(2000, 1, 1), 3000)).progressEvery(1024).build()
                .compute(ctx);
        assertEquals(4, ctx.advances.size());
        for (List<Long> stage : ctx.advances) {
            assertEquals(List.of(1024L, 1024L, 952L), stage);
        }
    }

    @Test
    void byDefaultEachRecordIsReportedAndABadValueIsRefusedNamingTheOption() {
        Context ctx = new Context();
        EtoCalculationTask.daily(STATION, days(LocalDate.of(2000, 1, 1), 5)).build().compute(ctx);
        assertEquals(1, EtoCalculationTask.DEFAULT_PROGRESS_EVERY);
        for (List<Long> stage : ctx.advances) {
            assertEquals(List.of(1L, 1L, 1L, 1L, 1L), stage);
        }
        ProgressException e = assertThrows(ProgressException.class,
                () -> EtoCalculationTask.daily(STATION, days(LocalDate.of(2000, 1, 1), 5)).progressEvery(0).build());
        assertEquals(ProgressErrorCode.INVALID_OPTION, e.code());
        assertEquals(List.of("progressEvery", 0, ">= 1"), e.args());
    }

    @Test
    void theHookRunsBeforeEveryRecordWhateverTheSteps() {
        int[] calls = {0};
        EtoCalculationTask.daily(STATION, days(LocalDate.of(2000, 1, 1), 30)).progressEvery(7)
                .beforeEachRecord(() -> calls[0]++).build().compute(new Context());
        assertEquals(4 * 30, calls[0]);
    }

    @Test
    void cancellationIsSeenAtTheNextStep() {
        Context ctx = new Context();
        ctx.cancelAfterAdvances = 1;   // requested right after the first step of 10 records
        EtoCalculationTask task = EtoCalculationTask.daily(STATION, days(LocalDate.of(2000, 1, 1), 35))
                .progressEvery(10).build();
        assertThrows(TaskCancelledException.class, () -> task.compute(ctx));
        assertEquals(List.of(List.of(10L)), ctx.advances, "stopped before record 11 of the first stage");
    }

    @Test
    void theSinkSeesEveryRowInOrderAsTheResultKeepsIt() {
        List<DailyWeather> input = new ArrayList<>(days(LocalDate.of(2000, 1, 1), 6));
        input.set(3, day(input.get(3).date(), 10, 20));   // tmin above tmax
        List<Object[]> seen = new ArrayList<>();
        EtoCalculationResult r = EtoCalculationTask.daily(STATION, input).validation(ValidationMode.LENIENT)
                .rowSink((row, period, eto, mask) -> seen.add(new Object[] {row, period, eto, mask}))
                .build().compute(new Context());
        assertEquals(6, seen.size());
        for (int i = 0; i < 6; i++) {
            EtoCalculationResult.Row row = r.rows().get(i);
            assertEquals(i, seen.get(i)[0]);
            assertEquals(input.get(i).date(), seen.get(i)[1]);
            assertEquals(row.etoMm(), (double) seen.get(i)[2], 0.0);
            assertEquals(row.flagMask(), (long) seen.get(i)[3]);
        }
        assertTrue(Double.isNaN((double) seen.get(3)[2]));
        assertEquals(EstimateFlag.toMask(java.util.Set.of(EstimateFlag.INVALID_ROW)), (long) seen.get(3)[3]);
    }

    @Test
    void monthlyRowsGoToTheSinkAsYearMonthsAndCoverTheirMonths() {
        List<MonthlyWeather> months = new ArrayList<>();
        for (int m = 11; m <= 14; m++) {
            YearMonth ym = YearMonth.of(2023, 1).plusMonths(m - 1);
            months.add(MonthlyWeather.builder(ym).tmax(30).tmin(20).rhMean(60).windSpeed(2).sunshineHours(7).build());
        }
        List<Temporal> periods = new ArrayList<>();
        EtoCalculationResult r = EtoCalculationTask.monthly(STATION, months)
                .rowSink((row, period, eto, mask) -> periods.add(period)).build().compute(new Context());
        assertEquals(List.of(YearMonth.of(2023, 11), YearMonth.of(2023, 12), YearMonth.of(2024, 1),
                YearMonth.of(2024, 2)), periods);
        assertEquals("2024-02", r.rows().get(3).period());
        assertEquals(29, r.rows().get(3).days());
        assertEquals(30 + 31 + 31 + 29, r.summary().days());
        assertEquals("2023-11", r.summary().from());
    }

    @Test
    void rowsAreAReadOnlyListEqualToTheirCopy() {
        EtoCalculationResult r = EtoCalculationTask.daily(STATION, days(LocalDate.of(2000, 2, 27), 4)).build()
                .compute(new Context());
        List<EtoCalculationResult.Row> copy = List.copyOf(r.rows());
        assertEquals(copy, r.rows());
        assertEquals(r, new EtoCalculationResult(r.step(), copy, r.summary(), r.errors()));
        assertEquals(List.of("2000-02-27", "2000-02-28", "2000-02-29", "2000-03-01"),
                r.rows().stream().map(EtoCalculationResult.Row::period).toList());
        assertThrows(UnsupportedOperationException.class, () -> r.rows().set(0, copy.get(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> r.rows().get(4));
    }

    @Test
    void timeStampsAreOrderedAsDatesNotAsText() {
        // As text "+10000-01-01" sorts before "9999-12-31"; as dates it comes after.
        List<DailyWeather> input = List.of(day(LocalDate.of(9999, 12, 31), 31, 22),
                day(LocalDate.of(10000, 1, 1), 31, 22));
        EtoCalculationResult r = EtoCalculationTask.daily(STATION, input).build().compute(new Context());
        assertEquals("+10000-01-01", r.summary().to());
    }
}
