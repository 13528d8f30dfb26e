package org.swarmsync.bench.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.swarmsync.api.transport.Connection;

/**
 * Profiling aid, not a benchmark: runs the same transfers as {@link LoopbackThroughputBenchmark}
 * over a µTP route while a thread samples the sender's windows every ~250 µs (through
 * {@link UtpProbe}), and prints per run what limited it: the congestion window or the peer's
 * window (the reader), how often the sender had a full window, window cuts and timeouts, and the
 * kernel's UDP counters (datagrams sent, receive-buffer drops; machine-wide, so other UDP
 * traffic adds to them).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.swarmsync.bench.transport.UtpTrace
 * [route=utp] [bytes=1073741824] [runs=5]}.
 */
public final class UtpTrace {

    private static final long SAMPLE_NANOS = 250_000;

    private UtpTrace() {
    }

    public static void main(String[] args) throws Exception {
        String route = args.length > 0 ? args[0] : "utp";
        long bytes = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!route.startsWith("utp") || route.endsWith("-mse")) {
            throw new IllegalArgumentException("UtpTrace probes plain µTP routes only, not " + route);
        }
        byte[] payload = new byte[LoopbackThroughputBenchmark.CHUNK];
        new SplittableRandom(7).nextBytes(payload);
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "trace-worker");
            t.setDaemon(true);
            return t;
        });
        try (Link link = Link.open(route)) {
            System.out.println("route " + route + ", " + bytes + " bytes per run; run 0 is a warm-up");
            for (int run = 0; run <= runs; run++) {
                try (Ends ends = link.connect()) {
                    System.out.println(once(run, ends, bytes, payload, pool));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String once(int run, Ends ends, long bytes, byte[] payload, ExecutorService pool)
            throws Exception {
        UtpProbe sender = UtpProbe.of(ends.sender());
        UtpProbe receiver = UtpProbe.of(ends.receiver());
        Future<Long> received = pool.submit(() -> drain(ends.receiver()));
        AtomicBoolean done = new AtomicBoolean();
        Stats stats = new Stats();
        long[] udpBefore = udpCounters();
        long t0 = System.nanoTime();
        Future<?> sampler = pool.submit(() -> {
            while (!done.get()) {
                stats.add(sender.sample(), receiver.available());
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
        });
        ByteBuffer chunk = ByteBuffer.wrap(payload);
        Connection out = ends.sender();
        for (long left = bytes; left > 0; ) {
            int n = (int) Math.min(payload.length, left);
            chunk.clear().limit(n);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            left -= n;
        }
        out.shutdownOutput();
        long got = received.get(300, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        sampler.get();
        long[] udpAfter = udpCounters();
        if (got != bytes) {
            throw new IllegalStateException("received " + got + " of " + bytes);
        }
        return String.format(Locale.ROOT, "run %d: %.0f MB/s; %s; UDP out %d datagrams, receive-buffer drops %d",
                run, bytes / 1e6 / seconds, stats, udpAfter[0] - udpBefore[0], udpAfter[1] - udpBefore[1]);
    }

    private static long drain(Connection c) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(LoopbackThroughputBenchmark.CHUNK);
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

    /** @return {OutDatagrams, RcvbufErrors} from /proc/net/snmp, or zeros where unreadable */
    private static long[] udpCounters() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                    List<String> names = List.of(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    return new long[] {Long.parseLong(values[names.indexOf("OutDatagrams")]),
                        Long.parseLong(values[names.indexOf("RcvbufErrors")])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the counters out
        }
        return new long[2];
    }

    /** Sample summary; written by the sampler thread, read after it stopped. */
    private static final class Stats {
        private long[] cwnd = new long[1 << 14];
        private long[] peer = new long[1 << 14];
        private long[] queued = new long[1 << 14];
        private long[] srtt = new long[1 << 14];
        private int n;
        private int windowLimited;
        private int congestionLimited;
        private int slowStart;
        private int cuts;
        private long lastCwnd = -1;
        private int firstTimeouts = -1;
        private int lastTimeouts;

        void add(UtpProbe.Sample s, int receiverQueued) {
            if (n == cwnd.length) {
                cwnd = Arrays.copyOf(cwnd, 2 * n);
                peer = Arrays.copyOf(peer, 2 * n);
                queued = Arrays.copyOf(queued, 2 * n);
                srtt = Arrays.copyOf(srtt, 2 * n);
            }
            cwnd[n] = s.cwnd();
            peer[n] = s.peerWindow();
            queued[n] = receiverQueued;
            srtt[n] = s.srttMicros();
            n++;
            if (s.windowLimited()) {
                windowLimited++;
                if (s.cwnd() < s.peerWindow()) {
                    congestionLimited++;
                }
            }
            if (s.slowStart()) {
                slowStart++;
            }
            if (lastCwnd >= 0 && s.cwnd() < lastCwnd) {
                cuts++;
            }
            lastCwnd = s.cwnd();
            if (firstTimeouts < 0) {
                firstTimeouts = s.timeouts();
            }
            lastTimeouts = s.timeouts();
        }

        private static String kib(long[] values, int n) {
            return percentiles(values, n, 10);
        }

        private static String percentiles(long[] values, int n, int shift) {
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "%d/%d/%d", sorted[n / 10] >> shift, sorted[n / 2] >> shift,
                    sorted[Math.min(n - 1, n * 9 / 10)] >> shift);
        }

        @Override
        public String toString() {
            if (n == 0) {
                return "no samples";
            }
            return String.format(Locale.ROOT,
                    "%d samples; p10/p50/p90: smoothed RTT %s µs; KiB: cwnd %s, peer window %s, receiver queue %s; "
                            + "window-limited %.0f%% of samples (by cwnd %.0f%%), slow start %.0f%%, "
                            + "cwnd cuts %d, timeouts %d",
                    n, percentiles(srtt, n, 0), kib(cwnd, n), kib(peer, n), kib(queued, n), 100.0 * windowLimited / n,
                    100.0 * congestionLimited / n, 100.0 * slowStart / n, cuts, lastTimeouts - firstTimeouts);
        }
    }
}
