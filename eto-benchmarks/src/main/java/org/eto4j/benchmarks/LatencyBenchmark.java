package org.eto4j.benchmarks;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.eto4j.core.DailyColumns;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.EtoResult;
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
 * Latency of small calls (average time per call, µs): one day through the scalar API, and one station's 30-day,
 * 90-day and 30-year series through the batch API. The fork runs with {@code --add-modules=jdk.incubator.vector}
 * (eto-core's SIMD kernel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class LatencyBenchmark {

    /** Years of the long series. */
    @Param("30")
    public int years;

    private final Fao56 fao56 = Fao56.defaults();
    private Station station;
    private DailyWeather day;
    private DailyColumns days30;
    private DailyColumns days90;
    private DailyColumns longSeries;
    private double[] out;

    /** Takes the first station of the station-series workload. */
    @Setup
    public void setUp() {
        Workloads.Records w = Workloads.stationSeries(1, years, Workloads.SEED)[0];
        station = Workloads.stationOf(w);
        int i = 180;
        day = DailyWeather.builder(LocalDate.ofYearDay(1991, w.dayOfYear[i])).tmax(w.tmax[i]).tmin(w.tmin[i])
                .rhMean(w.rhMean[i]).u2(w.u2[i]).rs(w.rs[i]).build();
        days30 = DailyColumns.builder(30, w.dayOfYear).tmax(w.tmax).tmin(w.tmin).rhMean(w.rhMean).u2(w.u2)
                .rs(w.rs).build();
        days90 = DailyColumns.builder(90, w.dayOfYear).tmax(w.tmax).tmin(w.tmin).rhMean(w.rhMean).u2(w.u2)
                .rs(w.rs).build();
        longSeries = Workloads.stationColumns(w);
        out = new double[w.size];
    }

    /**
     * One day through {@link Fao56#daily(Station, DailyWeather)}.
     *
     * @return the result
     */
    @Benchmark
    public EtoResult singleDay() {
        return fao56.daily(station, day);
    }

    /**
     * A 30-day series through the batch API.
     *
     * @return the output
     */
    @Benchmark
    public double[] series30Days() {
        fao56.dailyBatch(station, days30, out, null);
        return out;
    }

    /**
     * A 90-day series through the batch API.
     *
     * @return the output
     */
    @Benchmark
    public double[] series90Days() {
        fao56.dailyBatch(station, days90, out, null);
        return out;
    }

    /**
     * A 30-year series (10,958 days) through the batch API.
     *
     * @return the output
     */
    @Benchmark
    public double[] series30Years() {
        fao56.dailyBatch(station, longSeries, out, null);
        return out;
    }
}
