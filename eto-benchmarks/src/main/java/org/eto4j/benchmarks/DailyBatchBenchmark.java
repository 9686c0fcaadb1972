package org.eto4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.eto4j.core.BatchResult;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the daily batch API. The secondary result {@code records} is in records per second; the
 * primary score counts whole batches. The fork runs with {@code --add-modules=jdk.incubator.vector}, so eto-core's
 * SIMD kernel is measured; {@link DailyBatchScalarBenchmark} runs the same benchmarks on the scalar kernel.
 *
 * <ul>
 *   <li>{@link #randomRecords}: 10⁶ independent station-days (per-row latitude and elevation);</li>
 *   <li>{@link #stationSeries}: 16 stations × 30 years, one batch call per station;</li>
 *   <li>{@link #straightforwardLoop}: the same 10⁶ records through {@link Straightforward}, the plain scalar
 *       loop without tables or quality control — the baseline the kernel's techniques are measured against.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector"})
@State(Scope.Benchmark)
public class DailyBatchBenchmark {

    /** Number of random records. */
    @Param("1000000")
    public int records;

    /** Years of each station series. */
    @Param("30")
    public int years;

    private final Fao56 fao56 = Fao56.defaults();
    private Workloads.Records random;
    private DailyColumns randomColumns;
    private double[] randomOut;
    private Station[] stations;
    private DailyColumns[] stationColumns;
    private double[] stationOut;
    private int stationRecords;

    /** Generates the workloads (fixed seed). */
    @Setup
    public void setUp() {
        random = Workloads.randomRecords(records, Workloads.SEED);
        randomColumns = random.columns();
        randomOut = new double[records];
        Workloads.Records[] series = Workloads.stationSeries(16, years, Workloads.SEED);
        stations = new Station[series.length];
        stationColumns = new DailyColumns[series.length];
        int longest = 0;
        for (int s = 0; s < series.length; s++) {
            stations[s] = Workloads.stationOf(series[s]);
            stationColumns[s] = Workloads.stationColumns(series[s]);
            longest = Math.max(longest, series[s].size);
            stationRecords += series[s].size;
        }
        stationOut = new double[longest];
    }

    /**
     * 10⁶ random records through the batch API.
     *
     * @param counter counts records
     * @return the batch outcome (consumed by JMH)
     */
    @Benchmark
    public double[] randomRecords(RecordCounter counter) {
        BatchResult r = fao56.dailyBatch(Workloads.ANY_STATION, randomColumns, randomOut, null);
        counter.records += r.rows();
        return randomOut;
    }

    /**
     * 16 stations × 30 years through the batch API, one call per station.
     *
     * @param counter counts records
     * @return the last output (consumed by JMH)
     */
    @Benchmark
    public double[] stationSeries(RecordCounter counter) {
        for (int s = 0; s < stations.length; s++) {
            fao56.dailyBatch(stations[s], stationColumns[s], stationOut, null);
        }
        counter.records += stationRecords;
        return stationOut;
    }

    /**
     * The straightforward scalar loop over the 10⁶ random records.
     *
     * @param counter counts records
     * @return the output (consumed by JMH)
     */
    @Benchmark
    public double[] straightforwardLoop(RecordCounter counter) {
        Straightforward.run(random, randomOut);
        counter.records += records;
        return randomOut;
    }
}
