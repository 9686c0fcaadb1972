package org.eto4j.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eto4j.core.EtoException;
import org.eto4j.core.Fao56;
import org.eto4j.progress.Stage;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EtoTaskTest {
    private final FixtureServer server = new FixtureServer();
    private final RecordingSleeper sleeper = new RecordingSleeper(Fixtures.clock());

    @AfterEach
    void close() {
        server.close();
    }

    /** Records what a task reports, in order. */
    static class RecordingContext implements TaskContext {
        final List<String> log = new ArrayList<>();
        volatile boolean cancel;

        @Override
        public TaskId taskId() {
            return TaskId.of("t1");
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public synchronized void stage(String stage, Object... args) {
            log.add("stage " + stage + " " + List.of(args));
        }

        @Override
        public synchronized void total(long total) {
            log.add("total " + total);
        }

        @Override
        public synchronized void progress(long done) {
            log.add("progress " + done);
        }

        @Override
        public synchronized void advance(long units) {
            log.add("advance " + units);
        }

        @Override
        public boolean isCancellationRequested() {
            return cancel;
        }
    }

    private PointEto eto() {
        server.on("/api/temporal/daily/point", FixtureServer.Reply.fixture("nasa-power-daily.json"));
        server.on("/v1/archive",
                r -> FixtureServer.Reply.fixture("open-meteo-chunk-" + r.param("start_date") + ".json"));
        return PointEto.builder(Fixtures.sources(server, sleeper, b -> b.chunkDays(SourceId.OPEN_METEO_ARCHIVE, 2)))
                .build();
    }

    private static Map<String, Object> parameters(Object sources) {
        return Map.of("latitude", -22.712, "longitude", -47.634, "start", "2023-01-01", "end", "2023-01-05",
                "sources", sources);
    }

    @Test
    void reportsEachStageWithProgressPerChunkAndPerDay() throws Exception {
        EtoTask task = EtoTask.fromParameters(eto(), parameters(List.of("nasa-power", "open-meteo-archive")));
        RecordingContext context = new RecordingContext();
        TaskResult result = task.run(context);
        List<String> expected = new ArrayList<>();
        expected.add("stage download [nasa-power,open-meteo-archive]");
        expected.add("total 4");                       // 1 POWER chunk + 3 Open-Meteo chunks of ≤ 2 days
        expected.addAll(List.of("advance 1", "advance 1", "advance 1", "advance 1"));
        expected.add("stage quality_control [nasa-power,open-meteo-archive]");
        expected.add("total 2");
        expected.addAll(List.of("advance 1", "advance 1"));
        expected.add("stage compute [nasa-power,open-meteo-archive]");
        expected.add("total 10");                      // 5 days × 2 sources
        for (int i = 0; i < 10; i++) {
            expected.add("advance 1");
        }
        expected.add("stage summarize [nasa-power,open-meteo-archive]");
        expected.add("total 1");
        expected.add("advance 1");
        assertEquals(expected, context.log);
        assertEquals(List.of(Stage.DOWNLOAD, Stage.QUALITY_CONTROL, Stage.COMPUTE, Stage.SUMMARIZE),
                context.log.stream().filter(l -> l.startsWith("stage ")).map(l -> l.split(" ")[1]).toList());

        Map<?, ?> value = (Map<?, ?>) assertInstanceOf(TaskResult.Value.class, result).value();
        List<?> sources = (List<?>) value.get("sources");
        assertEquals(2, sources.size());
        Map<?, ?> power = (Map<?, ?>) sources.get(0);
        assertEquals("nasa-power", power.get("source"));
        assertEquals(SourceId.NASA_POWER.attribution(), power.get("attribution"));
        List<?> rows = (List<?>) power.get("rows");
        assertEquals(5, rows.size());
        Map<?, ?> jan4 = (Map<?, ?>) rows.get(3);
        assertEquals("2023-01-04", jan4.get("date"));
        assertEquals(28.9, (Double) jan4.get("tmax"), 1e-12);
        assertNull(jan4.get("rs"), "missing values are null, not NaN");
        assertTrue(((String) jan4.get("flags")).contains("tmax:filled_linear"));
        assertInstanceOf(Double.class, jan4.get("eto"));
        Map<?, ?> summary = (Map<?, ?>) power.get("summary");
        assertEquals(5, summary.get("computedDays"));
    }

    @Test
    void cancellationBetweenDaysStopsTheTask() {
        EtoTask task = EtoTask.fromParameters(eto(), parameters(List.of("nasa-power")));
        RecordingContext context = new RecordingContext() {
            @Override
            public synchronized void advance(long units) {
                super.advance(units);
                if (log.stream().anyMatch(l -> l.startsWith("stage compute"))) {
                    cancel = true;
                }
            }
        };
        assertThrows(org.eto4j.progress.TaskCancelledException.class, () -> task.run(context));
        assertEquals(3, context.log.stream().filter(l -> l.equals("advance 1")).count(),
                "one chunk, one quality-control unit, one day, then stop");
        assertTrue(context.log.stream().noneMatch(l -> l.startsWith("stage summarize")));
    }

    /** NASA POWER without Tmin on 2023-01-02…04, a gap too long to fill: three days without an ETo. */
    private static String powerWithoutTmin() {
        return FixtureServer.resource("nasa-power-daily.json")
                .replace("\"20230102\": 19.5", "\"20230102\": -999")
                .replace("\"20230103\": 18.7", "\"20230103\": -999")
                .replace("\"20230104\": 18.2", "\"20230104\": -999");
    }

    @Test
    void everySourcesRowsAndSummaryAreTheFacadesUnderALenientOrAStrictCalculator() {
        WeatherRequest request = WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
        List<SourceId> ids = List.of(SourceId.NASA_POWER, SourceId.OPEN_METEO_ARCHIVE);
        // As recorded (three days estimate Rs from the temperature range), then with three days left without ETo.
        Map<String, Integer> computedDays = Map.of(FixtureServer.resource("nasa-power-daily.json"), 5,
                powerWithoutTmin(), 2);
        for (Map.Entry<String, Integer> power : computedDays.entrySet()) {
            server.on("/api/temporal/daily/point", r -> FixtureServer.Reply.json(power.getKey()));
            PointEto lenient = eto();
            PointEto strict = PointEto.builder(lenient.sources()).fao56(Fao56.defaults()).build();
            for (PointEto eto : List.of(lenient, strict)) {
                TaskResult r = new EtoTask(eto, request, ids, Optional.empty()).run(new RecordingContext());
                List<?> perSource = (List<?>) ((Map<?, ?>) ((TaskResult.Value) r).value()).get("sources");
                for (int i = 0; i < ids.size(); i++) {
                    // Every number, flag token and count, to the last bit (Double.equals).
                    assertEquals(EtoTask.toMap(eto.daily(ids.get(i), request)), perSource.get(i),
                            ids.get(i).token());
                }
                Map<?, ?> summary = (Map<?, ?>) ((Map<?, ?>) perSource.get(0)).get("summary");
                assertEquals(power.getValue(), summary.get("computedDays"));
                Map<?, ?> openMeteoDay0 = (Map<?, ?>) ((List<?>) ((Map<?, ?>) perSource.get(1)).get("rows")).get(0);
                assertTrue(((String) openMeteoDay0.get("flags")).contains("wind_from_height"),
                        "the wind converted from 10 m is flagged on the result");
            }
        }
    }

    @Test
    void eachDaysResultIsTheFacadesAndADayWithoutAnEtoKeepsItsErrorAtItsRow() {
        server.on("/api/temporal/daily/point", r -> FixtureServer.Reply.json(powerWithoutTmin()));
        PointEto eto = eto();
        WeatherRequest request = WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
        PointEtoSeries direct = eto.daily(SourceId.NASA_POWER, request);
        PointEtoSeries viaTask = new EtoTask(eto, request, List.of(SourceId.NASA_POWER), Optional.empty())
                .compute(direct.weather(), direct.elevation(), new RecordingContext());
        assertEquals(direct.station(), viaTask.station());
        int invalid = 0;
        for (int d = 0; d < direct.days().size(); d++) {
            EtoDay a = direct.days().get(d);
            EtoDay b = viaTask.days().get(d);
            assertEquals(a.date(), b.date());
            assertEquals(a.result().eto(), b.result().eto(), 0.0);
            assertEquals(a.result().method(), b.result().method());
            assertEquals(a.result().flags(), b.result().flags());
            assertEquals(a.sourceEto(), b.sourceEto());
            assertEquals(a.result().error().map(EtoException::code), b.result().error().map(EtoException::code));
            assertEquals(a.result().error().flatMap(EtoException::field),
                    b.result().error().flatMap(EtoException::field));
            assertEquals(a.result().error().map(EtoException::args), b.result().error().map(EtoException::args));
            if (b.result().error().isPresent()) {
                assertEquals(OptionalInt.of(d), b.result().error().get().row());
                invalid++;
            }
        }
        assertEquals(3, invalid);
    }

    @Test
    void badParametersNameTheParameter() {
        PointEto eto = eto();
        SourceException e = assertThrows(SourceException.class,
                () -> EtoTask.fromParameters(eto, parameters(List.of("weather-underground"))));
        assertEquals(List.of("sources", "weather-underground"), e.args());
        e = assertThrows(SourceException.class, () -> EtoTask.fromParameters(eto,
                Map.of("latitude", "south", "longitude", 0, "start", "2023-01-01", "end", "2023-01-02",
                        "source", "nasa-power")));
        assertEquals("latitude", e.args().get(0));
    }

    private static TaskEvent.Terminal awaitEnd(TaskEngine engine, TaskId id) throws Exception {
        CompletableFuture<TaskEvent.Terminal> end = new CompletableFuture<>();
        engine.subscribe(id, event -> {
            if (event instanceof TaskEvent.Terminal t) {
                end.complete(t);
            } else if (event instanceof TaskEvent.Snapshot s && s.task().outcome().isPresent()) {
                end.complete(s.task().outcome().get());
            }
        }).orElseThrow();
        return end.get(20, TimeUnit.SECONDS);
    }

    @Test
    void runsOnARealEngineAndKeepsPartialResultsWhenOneSourceFails() throws Exception {
        PointEto eto = eto();
        server.on("/weatherapi/locationforecast/2.0/complete", FixtureServer.Reply.status(403, Map.of()));
        try (TaskEngine engine = TaskEngine.builder().workers(1).taskType(EtoTask.TYPE, EtoTask.factory(eto)).build()) {
            TaskId id = engine.submit(EtoTask.TYPE, parameters(List.of("nasa-power", "met-norway")),
                    TaskOptions.defaults());
            TaskEvent.Completed done = assertInstanceOf(TaskEvent.Completed.class, awaitEnd(engine, id));
            Map<?, ?> value = (Map<?, ?>) ((TaskResult.Value) done.result()).value();
            List<?> sources = (List<?>) value.get("sources");
            assertEquals(5, ((List<?>) ((Map<?, ?>) sources.get(0)).get("rows")).size());
            Map<?, ?> met = (Map<?, ?>) ((Map<?, ?>) sources.get(1)).get("error");
            assertEquals("SRC-3002", met.get("code"));
            assertEquals("error.sources.service_error", met.get("messageKey"));
            assertEquals(List.of("met-norway", 403, "/weatherapi/locationforecast/2.0/complete"), met.get("args"));
        }
    }

    @Test
    void failsWithTheSourcesErrorWhenEverySourceFails() throws Exception {
        PointEto eto = eto();
        server.on("/weatherapi/locationforecast/2.0/complete", FixtureServer.Reply.status(400, Map.of()));
        try (TaskEngine engine = TaskEngine.builder().workers(1).taskType(EtoTask.TYPE, EtoTask.factory(eto)).build()) {
            TaskId id = engine.submit(EtoTask.TYPE, parameters("met-norway"), TaskOptions.defaults());
            TaskEvent.Failed failed = assertInstanceOf(TaskEvent.Failed.class, awaitEnd(engine, id));
            assertEquals("SRC-3002", failed.error().code());
            assertEquals("error.sources.service_error", failed.error().messageKey());
            assertEquals(false, failed.error().retryable());
        }
    }

    @Test
    void cancellingOnTheEngineStopsAHangingDownload() throws Exception {
        server.on("/weatherapi/locationforecast/2.0/complete", FixtureServer.Reply.hang());
        PointEto eto = PointEto.builder(Fixtures.sources(server, sleeper)).build();
        try (TaskEngine engine = TaskEngine.builder().workers(1).taskType(EtoTask.TYPE, EtoTask.factory(eto)).build()) {
            TaskId id = engine.submit(EtoTask.TYPE, parameters("met-norway"), TaskOptions.defaults());
            assertTrue(server.arrived.await(10, TimeUnit.SECONDS));
            engine.cancel(id);
            TaskEvent.Cancelled cancelled = assertInstanceOf(TaskEvent.Cancelled.class, awaitEnd(engine, id));
            assertNotNull(cancelled.reason());
            assertEquals(1, server.count());
        }
    }

    @Test
    void aTaskMadeInCodeComputesTheSameAsTheFacade() throws Exception {
        PointEto eto = eto();
        WeatherRequest request = WeatherRequest.of(Fixtures.PIRACICABA, Fixtures.JAN_1, Fixtures.JAN_1.plusDays(4));
        PointEtoSeries direct = eto.daily(SourceId.NASA_POWER, request);
        TaskResult r = new EtoTask(eto, request, List.of(SourceId.NASA_POWER), Optional.empty())
                .run(new RecordingContext());
        Map<?, ?> power = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((TaskResult.Value) r).value()).get("sources")).get(0);
        Map<?, ?> day0 = (Map<?, ?>) ((List<?>) power.get("rows")).get(0);
        assertEquals(direct.days().get(0).etoMillimetres().orElseThrow(), (Double) day0.get("eto"), 0.0);
        assertEquals(1, server.count(), "the task's download came from the cache");
        assertEquals(Duration.ZERO, sleeper.sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }
}
