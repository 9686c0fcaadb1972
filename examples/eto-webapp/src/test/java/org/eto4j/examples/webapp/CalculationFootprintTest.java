package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eto4j.progress.TaskContext;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.junit.jupiter.api.Test;

/**
 * The memory one calculation holds, measured as heap growth after full garbage collections, for a 30-year
 * daily series (10,958 rows) and one at the row limit (100,000 rows): the parsed input, the peak while the task
 * runs (input, parsed days and result rows at once, taken at the start of the last stage), and the result kept
 * afterwards. Asserts the production target (under 50 MB at the row limit); the time each step of the pipeline
 * takes per row is printed (figures in BENCHMARKS.md, "Web app memory and throughput"), never asserted.
 */
class CalculationFootprintTest {
    static final long TARGET_BYTES = 50L * 1024 * 1024;
    static final Map<String, String> STATION = Map.of("latitude", "-7.5312", "longitude",
            "-46.0390", "elevation", "256");
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** Daily rows with the columns of a typical station file (date, tmax, tmin, rh_mean, u2, rs). */
    static String dailyCsv(int rows) {
        StringBuilder b = new StringBuilder(rows * 48 + 64).append("date,tmax,tmin,rh_mean,u2,rs\n");
        LocalDate d = LocalDate.of(1800, 1, 1);
        for (int i = 0; i < rows; i++, d = d.plusDays(1)) {
            double s = Math.sin(i * 2 * Math.PI / 365.25);
            b.append(d).append(',').append(String.format(Locale.ROOT, "%.2f,%.2f,%.1f,%.2f,%.2f",
                    31 + 2 * s, 22 + 1.5 * s, 70 + 8 * s, 1.8 + 0.4 * s, 17 + 3 * s)).append('\n');
        }
        return b.toString();
    }

    @Test
    void oneCalculationHoldsWellUnderFiftyMegabytes() throws Exception {
        InputParser parser = new InputParser(new ObjectMapper(), WebAppConfig.DEFAULT_MAX_ROWS);
        String thirtyYears = dailyCsv(10_958);
        String atLimit = dailyCsv(WebAppConfig.DEFAULT_MAX_ROWS);
        for (int warm = 0; warm < 3; warm++) {
            run(parser, atLimit, false);
        }
        Footprint small = run(parser, thirtyYears, true);
        Footprint large = run(parser, atLimit, true);
        System.out.println("[footprint] rows=10958 " + small);
        System.out.println("[footprint] rows=100000 " + large);
        assertTrue(large.peak < TARGET_BYTES, "peak " + large.peak);
        assertTrue(small.peak < TARGET_BYTES / 5, "peak " + small.peak);
        Timing t = new Timing();
        for (int round = 0; round < 5; round++) {
            t = time(parser, atLimit);
        }
        System.out.println("[throughput] rows=100000 " + t);
    }

    /**
     * The whole pipeline over HTTP, one calculation at the row limit at a time: upload (streamed parse), the
     * task's four stages on the engine with its progress events and the memory store, and the CSV export read
     * back. Printed, never asserted.
     */
    @Test
    void wholePipelineOverHttpAtTheRowLimit() {
        String csv = dailyCsv(WebAppConfig.DEFAULT_MAX_ROWS);
        try (WebApp app = WebApp.start(WebAppConfig.defaults().withHttpPort(0))) {
            Http http = new Http(app.baseUri());
            String query = "latitude=-7.5312&longitude=-46.0390&elevation=256";
            for (int round = 0; round < 8; round++) {
                long t0 = System.nanoTime();
                java.net.http.HttpResponse<String> post = http.postCsv(query, csv);
                long t1 = System.nanoTime();
                assertEquals(202, post.statusCode(), post.body());
                com.fasterxml.jackson.databind.JsonNode task = Http.json(post);
                Http.awaitEnd(app, task.get("taskId").asText());
                long t2 = System.nanoTime();
                String out = http.get(task.get("resultUrl").asText() + "?format=csv",
                        task.get("token").asText()).body();
                long t3 = System.nanoTime();
                assertEquals(WebAppConfig.DEFAULT_MAX_ROWS + 1, out.split("\r\n").length);
                int rows = WebAppConfig.DEFAULT_MAX_ROWS;
                System.out.printf(Locale.ROOT, "[http] round %d: POST %d ns/row, task %d ns/row, CSV result %d ns/row, "
                        + "total %.2e rows/s%n", round, (t1 - t0) / rows, (t2 - t1) / rows, (t3 - t2) / rows,
                        rows * 1e9 / (t3 - t0));
            }
        }
    }

    record Footprint(int rows, long bodyBytes, long input, long peak, long result) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "body %.1f MB, input %.1f MB, peak %.1f MB, result %.1f MB",
                    bodyBytes / 1e6, input / 1e6, peak / 1e6, result / 1e6);
        }
    }

    private static Footprint run(InputParser parser, String csv, boolean measure) throws Exception {
        long base = measure ? usedAfterGc() : 0;
        CalculationInput input = parser.fromCsv(new StringReader(csv), STATION, csv.length());
        long withInput = measure ? usedAfterGc() - base : 0;
        // As the engine does: the parameters (kept by the store) make the task.
        Map<String, Object> parameters = input.toParameters();
        input = null;
        long[] peak = {0};
        TaskContext ctx = new Context() {
            @Override
            public void stage(String stage, Object... args) {
                if (measure && stage.equals("summarize")) {
                    peak[0] = usedAfterGc() - base;
                }
            }
        };
        TaskResult result = CalculationTask.factory(0).create(parameters).run(ctx);
        parameters = null;
        long kept = measure ? usedAfterGc() - base : 0;
        assertTrue(result instanceof TaskResult.Value);
        return new Footprint(csv.length(), csv.length(), withInput, peak[0], kept);
    }

    /** Nanoseconds per row of each step, from the body's text to the CSV export. */
    static final class Timing {
        final Map<String, Long> nanos = new LinkedHashMap<>();
        int rows;

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> e : nanos.entrySet()) {
                b.append(e.getKey()).append(' ').append(e.getValue() / rows).append(" ns/row, ");
                total += e.getValue();
            }
            return b.append("total ").append(total / rows).append(" ns/row = ")
                    .append(String.format(Locale.ROOT, "%.2e rows/s", rows * 1e9 / total)).toString();
        }
    }

    private static Timing time(InputParser parser, String csv) throws Exception {
        Timing t = new Timing();
        long start = System.nanoTime();
        CalculationInput input = parser.fromCsv(new StringReader(csv), STATION, csv.length());
        t.rows = input.rows().size();
        long parsed = System.nanoTime();
        t.nanos.put("parse", parsed - start);
        Map<String, Object> parameters = input.toParameters();
        long[] last = {System.nanoTime()};
        String[] current = {"parameters"};
        t.nanos.put("parameters", last[0] - parsed);
        TaskContext ctx = new Context() {
            @Override
            public void stage(String stage, Object... args) {
                long now = System.nanoTime();
                t.nanos.merge(current[0], now - last[0], Long::sum);
                current[0] = stage;
                last[0] = now;
            }
        };
        TaskResult result = CalculationTask.factory(0).create(parameters).run(ctx);
        ctx.stage("csv export");
        Outcome outcome = (Outcome) ((TaskResult.Value) result).value();
        String out = ResultWriter.csv(outcome, Locale.ROOT);
        ctx.stage("end");
        t.nanos.remove("end");
        assertEquals(t.rows + 1, out.split("\r\n", -1).length - 1);
        return t;
    }

    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** A task context that records nothing: the engine's own costs are not part of the calculation's. */
    abstract static class Context implements TaskContext {
        final TaskId id = TaskId.random();

        @Override
        public TaskId taskId() {
            return id;
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public void total(long total) {
        }

        @Override
        public void progress(long done) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public boolean isCancellationRequested() {
            return false;
        }
    }
}
