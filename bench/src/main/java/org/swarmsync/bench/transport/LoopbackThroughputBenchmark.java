package org.swarmsync.bench.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.swarmsync.api.transport.Connection;

/**
 * Bulk throughput of one connection on 127.0.0.1: each operation sends {@link #bytes} (1 GiB)
 * from one end to the other through the api {@code Connection} (and {@code ChannelCrypto} for
 * the {@code -mse} and {@code -gcm} routes), exactly as the sync engine uses them: blocking writes of 128 KiB
 * heap buffers, then {@code shutdownOutput()}; the other end reads 128 KiB heap buffers until
 * end of stream. The time runs from the first write until the reader has seen end of stream.
 *
 * <p>Why JMH in single-shot mode: one operation is a whole multi-second transfer, so JMH's
 * timed loop has nothing to amortise, but it still gives what matters here: a fresh JVM per
 * route (fork), a warm-up transfer for the JIT, N timed transfers with min/median/max
 * ({@code p0/p50/p100}), JSON output, the machine-wide run lock and its profilers. Each
 * transfer uses a new connection (set up and torn down outside the timing), so every run
 * starts from slow start, as the libtorrent comparison does.
 *
 * <p>Both ends run in this JVM, so the process CPU time (see {@link CpuTimeProfiler}) is the
 * cost of sending plus receiving. Before the first transfer of a fork, 16 MiB of random bytes
 * are sent and compared byte for byte, so a route that corrupts data fails rather than scoring.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar 'transport.LoopbackThroughput'
 * -prof org.swarmsync.bench.transport.CpuTimeProfiler}, or {@code bench/transport-throughput.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LoopbackThroughputBenchmark {

    /** The sync engine's smallest block size; our reads and writes use it. */
    static final int CHUNK = 128 * 1024;
    private static final int VERIFY_BYTES = 16 << 20;
    /** A stalled transfer fails instead of hanging the run. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** The path the bytes take; see {@link Link}. */
    @Param({"utp", "tcp", "utp-mse", "utp-gcm"})
    public String route;

    /** Bytes per transfer. */
    @Param({"1073741824"})
    public long bytes;

    private Link link;
    private ExecutorService readers;
    private final byte[] payload = new byte[CHUNK];
    private Ends ends;
    private Future<Long> received;

    @Setup(Level.Trial)
    public void openLink() throws Exception {
        new SplittableRandom(7).nextBytes(payload);
        readers = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-reader");
            t.setDaemon(true);
            return t;
        });
        link = Link.open(route);
        verify();
    }

    /** Sends 16 MiB of random bytes once and checks they arrive unchanged and complete. */
    private void verify() throws Exception {
        byte[] sent = new byte[VERIFY_BYTES];
        new SplittableRandom(11).nextBytes(sent);
        try (Ends e = link.connect()) {
            e.receiver().setReadTimeout(READ_TIMEOUT);
            Future<byte[]> got = readers.submit(() -> readAll(e.receiver(), VERIFY_BYTES));
            for (int off = 0; off < sent.length; off += CHUNK) {
                writeFully(e.sender(), ByteBuffer.wrap(sent, off, Math.min(CHUNK, sent.length - off)));
            }
            e.sender().shutdownOutput();
            if (!Arrays.equals(sent, got.get(60, TimeUnit.SECONDS))) {
                throw new IllegalStateException(route + ": the 16 MiB check arrived altered");
            }
        }
    }

    private static byte[] readAll(Connection c, int expected) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(expected + 1);
        while (c.read(all) >= 0) {
            if (!all.hasRemaining()) {
                throw new IOException("more bytes than were sent");
            }
        }
        return Arrays.copyOf(all.array(), all.position());
    }

    @Setup(Level.Iteration)
    public void connect() throws Exception {
        ends = link.connect();
        ends.receiver().setReadTimeout(READ_TIMEOUT);
        Connection in = ends.receiver();
        received = readers.submit(() -> drain(in));
    }

    /** Reads to end of stream, counting. */
    private static long drain(Connection c) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long total = 0;
        while (true) {
            buffer.clear();
            int n = c.read(buffer);
            if (n < 0) {
                return total;
            }
            total += n;
        }
    }

    private static void writeFully(Connection c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** One transfer of {@link #bytes}; returns the count the receiver saw. */
    @Benchmark
    public long transfer() throws Exception {
        Connection out = ends.sender();
        ByteBuffer chunk = ByteBuffer.wrap(payload);
        for (long left = bytes; left > 0; ) {
            int n = (int) Math.min(CHUNK, left);
            chunk.clear().limit(n);
            writeFully(out, chunk);
            left -= n;
        }
        out.shutdownOutput();
        // generous: even 5 MB/s finishes 1 GiB within it; the reader's own timeout catches stalls
        long got = received.get(Math.max(60, bytes / 5_000_000), TimeUnit.SECONDS);
        if (got != bytes) {
            throw new IllegalStateException(route + ": received " + got + " of " + bytes + " bytes");
        }
        return got;
    }

    @TearDown(Level.Iteration)
    public void disconnect() {
        if (received != null) {
            received.cancel(true);
        }
        if (ends != null) {
            ends.close();
        }
    }

    @TearDown(Level.Trial)
    public void closeLink() {
        if (link != null) {
            link.close();
        }
        if (readers != null) {
            readers.shutdownNow();
        }
    }
}
