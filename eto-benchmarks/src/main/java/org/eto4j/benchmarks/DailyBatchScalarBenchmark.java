package org.eto4j.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link DailyBatchBenchmark}'s benchmarks on eto-core's scalar kernel: the fork has the Vector API module but
 * turns the SIMD kernel off with {@code -Dorg.eto4j.core.simd=off}, which is also what every JVM started without
 * {@code --add-modules jdk.incubator.vector} runs. ({@code straightforwardLoop} is inherited too; it does not use
 * eto-core's kernel.)
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules=jdk.incubator.vector",
    "-Dorg.eto4j.core.simd=off"})
public class DailyBatchScalarBenchmark extends DailyBatchBenchmark {
}
