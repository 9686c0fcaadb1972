package org.eto4j.benchmarks;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scaling of {@link Fao56#dailyBatchParallel} over 10⁷ random records: {@code threads = 1} is the sequential
 * {@link Fao56#dailyBatch}, {@code threads = 2} the parallel method on a two-thread {@link ForkJoinPool}.
 * The secondary result {@code records} is in records per second. The fork runs with
 * {@code --add-modules=jdk.incubator.vector} (eto-core's SIMD kernel).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class ScalingBenchmark {

    /** Number of random records. */
    @Param("10000000")
    public int scalingRecords;

    /** Worker threads (1 = the sequential method). */
    @Param({"1", "2"})
    public int threads;

    private final Fao56 fao56 = Fao56.defaults();
    private DailyColumns columns;
    private double[] out;
    private ForkJoinPool pool;

    /** Generates the records and the pool. */
    @Setup
    public void setUp() {
        Workloads.Records w = Workloads.randomRecords(scalingRecords, Workloads.SEED);
        columns = w.columns();
        out = new double[scalingRecords];
        pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /** Stops the pool. */
    @TearDown
    public void tearDown() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /**
     * 10⁷ records on {@code threads} threads.
     *
     * @param counter counts records
     * @return the output
     */
    @Benchmark
    public double[] randomRecords(RecordCounter counter) {
        if (pool == null) {
            fao56.dailyBatch(Workloads.ANY_STATION, columns, out, null);
        } else {
            fao56.dailyBatchParallel(Workloads.ANY_STATION, columns, out, null, pool);
        }
        counter.records += scalingRecords;
        return out;
    }
}
