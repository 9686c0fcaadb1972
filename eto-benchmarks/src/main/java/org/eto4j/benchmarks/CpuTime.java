package org.eto4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;

/**
 * Thread CPU time per record of the batch kernel, the figure other processes on a shared machine hardly
 * disturb (wall-clock figures come from JMH). Prints one JSON line: median, min and max over the measured
 * repetitions after the warm-up ones.
 *
 * <p>Usage: {@code random ROWS} or {@code stations YEARS}, optionally followed by
 * {@code WARMUP_SECONDS REPEATS MEASURE_SECONDS} (default 5 s of warm-up, so the JIT has compiled the kernel, then
 * measured repetitions for at least 5 s and at least 15 of them: a window comparable to JMH's measurement
 * iterations, so that a 30-year series is not timed over a few milliseconds of a shared machine). Which eto-core
 * kernel runs depends on the JVM: SIMD with {@code --add-modules jdk.incubator.vector}, scalar without it or with
 * {@code -Dorg.eto4j.core.simd=off}; the JSON line names it ({@code "kernel"}).
 */
public final class CpuTime {

    private CpuTime() {
    }

    /**
     * Runs the measurement.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 5.0;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        double measureSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 5.0;
        Fao56 fao56 = Fao56.defaults();
        Runnable run;
        int rows;
        if (args[0].equals("random")) {
            Workloads.Records w = Workloads.randomRecords(Integer.parseInt(args[1]), Workloads.SEED);
            DailyColumns columns = w.columns();
            double[] out = new double[w.size];
            rows = w.size;
            run = () -> fao56.dailyBatch(Workloads.ANY_STATION, columns, out, null);
        } else {
            Workloads.Records[] series = Workloads.stationSeries(16, Integer.parseInt(args[1]), Workloads.SEED);
            Station[] stations = new Station[series.length];
            DailyColumns[] columns = new DailyColumns[series.length];
            int total = 0;
            int longest = 0;
            for (int s = 0; s < series.length; s++) {
                stations[s] = Workloads.stationOf(series[s]);
                columns[s] = Workloads.stationColumns(series[s]);
                total += series[s].size;
                longest = Math.max(longest, series[s].size);
            }
            double[] out = new double[longest];
            rows = total;
            run = () -> {
                for (int s = 0; s < stations.length; s++) {
                    fao56.dailyBatch(stations[s], columns[s], out, null);
                }
            };
        }
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            run.run();
        }
        double[] ns = new double[repeats];
        int count = 0;
        long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
        while (count < repeats || System.nanoTime() < measureEnd) {
            long t0 = mx.getCurrentThreadCpuTime();
            run.run();
            long t1 = mx.getCurrentThreadCpuTime();
            if (count == ns.length) {
                ns = Arrays.copyOf(ns, 2 * count);
            }
            ns[count++] = (t1 - t0) / (double) rows;
        }
        ns = Arrays.copyOf(ns, count);
        Arrays.sort(ns);
        System.out.printf("{\"kind\": \"%s\", \"kernel\": \"%s\", \"rows\": %d, \"cpu_ns_per_record\": %.3f,"
                + " \"cpu_ns_per_record_min\": %.3f, \"cpu_ns_per_record_max\": %.3f}%n", args[0], kernel(), rows,
                ns[count / 2], ns[0], ns[count - 1]);
    }

    /**
     * The kernel eto-core selects in this JVM, by its documented rule (module present and property not off; the
     * lane-count condition holds on any AVX2 or AVX-512 machine).
     */
    static String kernel() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean off = "off".equalsIgnoreCase(System.getProperty("org.eto4j.core.simd", "auto").trim());
        return module && !off ? "simd" : "scalar";
    }
}
