package org.eto4j.benchmarks;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Thread CPU time per record of several builds of eto-core in one JVM, round after round: each build's
 * {@code benchmarks.jar} is loaded by a class loader of its own, and every round runs each build in turn on the
 * same workload, so that what the machine does meanwhile (other processes, the host of a virtual machine changing
 * speed) weighs on all of them alike. This is how BENCHMARKS.md measures what a change to the kernel buys; on a
 * shared machine two separate runs of {@link CpuTime} can differ by more than the change.
 *
 * <p>Usage: {@code stations YEARS | random ROWS}, then {@code ROUNDS}, then the jars. Prints per build the median
 * and 10th percentile of its rounds (ns of thread CPU time per record) and the median of its per-round ratio to the
 * first build. Run it as the benchmarks run, e.g.
 * {@code java --add-modules jdk.incubator.vector -XX:ActiveProcessorCount=1 -cp benchmarks.jar
 * org.eto4j.benchmarks.CompareBuilds stations 30 40 old.jar new.jar}.
 */
public final class CompareBuilds {

    private CompareBuilds() {
    }

    /** One build's workload: runs it once per call. */
    private interface Workload {
        void run() throws ReflectiveOperationException;
    }

    /**
     * Runs the comparison.
     *
     * @param args the command line
     * @throws Exception when a jar cannot be loaded or run
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CompareBuilds stations YEARS|random ROWS ROUNDS JAR...");
            System.exit(2);
        }
        String kind = args[0];
        int size = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String[] jars = Arrays.copyOfRange(args, 3, args.length);
        Workload[] workloads = new Workload[jars.length];
        int rows = 0;
        for (int i = 0; i < jars.length; i++) {
            Object[] loaded = load(jars[i], kind, size);
            workloads[i] = (Workload) loaded[0];
            rows = (int) loaded[1];
        }
        // about 30 ms of work per build and round
        int repeats = Math.max(1, 4_000_000 / rows);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] ns = new double[jars.length][rounds];
        for (int round = -10; round < rounds; round++) {
            for (int i = 0; i < jars.length; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < repeats; k++) {
                    workloads[i].run();
                }
                double perRecord = (mx.getCurrentThreadCpuTime() - t0) / (double) repeats / rows;
                if (round >= 0) {
                    ns[i][round] = perRecord;
                }
            }
        }
        System.out.printf("%s %d, %d rounds of %d runs; ns of thread CPU time per record%n", kind, size, rounds,
                repeats);
        for (int i = 0; i < jars.length; i++) {
            double[] sorted = ns[i].clone();
            Arrays.sort(sorted);
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ns[i][r] / ns[0][r];
            }
            Arrays.sort(ratio);
            System.out.printf("%-40s median %6.2f  p10 %6.2f  ratio to the first %.3f%n", jars[i],
                    sorted[rounds / 2], sorted[rounds / 10], ratio[rounds / 2]);
        }
    }

    /** The workload of one jar and its number of records, built by that jar's own Workloads and Fao56. */
    private static Object[] load(String jar, String kind, int size) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> workloads = loader.loadClass(Workloads.class.getName());
        Class<?> fao56Class = loader.loadClass("org.eto4j.core.Fao56");
        Class<?> station = loader.loadClass("org.eto4j.core.Station");
        Class<?> columns = loader.loadClass("org.eto4j.core.DailyColumns");
        Class<?> records = loader.loadClass(Workloads.Records.class.getName());
        Object fao56 = fao56Class.getMethod("defaults").invoke(null);
        Method batch = fao56Class.getMethod("dailyBatch", station, columns, double[].class, long[].class);
        long seed = workloads.getField("SEED").getLong(null);
        if (kind.equals("random")) {
            Object w = workloads.getMethod("randomRecords", int.class, long.class).invoke(null, size, seed);
            Object c = records.getMethod("columns").invoke(w);
            Object any = workloads.getField("ANY_STATION").get(null);
            double[] out = new double[size];
            return new Object[] {(Workload) () -> batch.invoke(fao56, any, c, out, null), size};
        }
        Object[] series = (Object[]) workloads.getMethod("stationSeries", int.class, int.class, long.class)
                .invoke(null, 16, size, seed);
        Object[] stations = new Object[series.length];
        Object[] cols = new Object[series.length];
        int total = 0;
        int longest = 0;
        for (int s = 0; s < series.length; s++) {
            stations[s] = workloads.getMethod("stationOf", records).invoke(null, series[s]);
            cols[s] = workloads.getMethod("stationColumns", records).invoke(null, series[s]);
            int n = records.getField("size").getInt(series[s]);
            total += n;
            longest = Math.max(longest, n);
        }
        double[] out = new double[longest];
        Workload w = () -> {
            for (int s = 0; s < stations.length; s++) {
                batch.invoke(fao56, stations[s], cols[s], out, null);
            }
        };
        return new Object[] {w, total};
    }
}
