package org.swarmsync.bench.transport;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The forked JVM's CPU time per iteration (all threads: application, I/O, GC, JIT). On a
 * shared machine wall-clock throughput depends on what else runs; CPU seconds per transfer
 * depend much less on it, and they say whether a route is bound by CPU (cores near 2 on this
 * 2-core machine) or by waiting (window, timers, pacing).
 *
 * <p>Use: {@code -prof org.swarmsync.bench.transport.CpuTimeProfiler}. The iteration window
 * includes the per-iteration setup (connect, handshake) and teardown, milliseconds against
 * seconds of transfer.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "process CPU seconds per iteration and average busy cores";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        double wall = (System.nanoTime() - wallStart) / 1e9;
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        return List.of(
                new ScalarResult("cpu.seconds", cpu / ops, "s/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.cores", wall > 0 ? cpu / wall : 0, "cores", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
