package org.swarmsync.sync.internal.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.swarmsync.api.secrets.Secret;
import org.swarmsync.sync.internal.engine.Swarm.Node;

/**
 * Measures a first sync between two engines over TCP on loopback, by hand (not a test:
 * timings do not belong in assertions). Run after {@code mvn install -pl bundles/sync}, with
 * the module's test class path (e.g. from {@code mvn dependency:build-classpath}):
 *
 * <pre>
 * java -cp bundles/sync/target/classes:bundles/sync/target/test-classes:$CP \
 *     org.swarmsync.sync.internal.engine.SyncThroughput big 1024   # one file of 1024 MiB
 * java -cp ... org.swarmsync.sync.internal.engine.SyncThroughput small 10000 4096   # 10,000 files of 4 KiB
 * </pre>
 *
 * The clock runs from connecting until the receiver has placed everything; the source's
 * files are scanned before. {@code -Dfiles=N} sets the receiver's parallel downloads,
 * {@code -Dthreads=true} prints the CPU time of each kind of thread. Files come from the page cache, so this measures the engine,
 * the sessions and hashing, not the disk.
 */
public final class SyncThroughput {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    private SyncThroughput() {
    }

    private static void flushDisk() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (java.io.IOException | InterruptedException e) {
            // no sync(1) here: measure as it is
        }
    }

    /** CPU seconds by thread name (numbers dropped), for finding where the time goes. */
    private static void printThreadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        for (long id : threads.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                byName.merge(info.getThreadName().replaceAll("[-\\d]+$", "").replaceAll(":\\d+$", ""), cpu / 1e9,
                        Double::sum);
            }
        }
        byName.forEach((name, cpu) -> System.out.printf("  %-50s %.2f s%n", name, cpu));
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "big";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        Path work = Files.createTempDirectory("sync-throughput");
        Random random = new Random(1);
        Secret secret = Swarm.SECRETS.generate();
        try (Swarm swarm = new Swarm(work)) {
            Node a = swarm.create("a", secret);
            long bytes;
            int entries;
            if (mode.equals("big")) {
                bytes = (long) count << 20;
                byte[] chunk = new byte[1 << 20];
                try (var out = Files.newOutputStream(a.root.resolve("big.bin"))) {
                    for (int i = 0; i < count; i++) {
                        random.nextBytes(chunk);
                        out.write(chunk);
                    }
                }
                entries = 1;
            } else {
                byte[] data = new byte[size];
                for (int i = 0; i < count; i++) {
                    random.nextBytes(data);
                    Trees.write(a.root, "d" + i % 100 + "/f" + i, data);
                }
                bytes = (long) count * size;
                entries = count + 100;
            }
            a.start();
            Swarm.await("the source scanned", () -> a.engine.status().localFiles() == (mode.equals("big") ? 1 : count));
            Node b = swarm.add("b", secret, Swarm.CONFIG.withParallelFiles(Integer.getInteger("files", 16)));
            Swarm.await("the receiver scanned",
                    () -> b.engine.status().state() != org.swarmsync.api.sync.FolderState.SCANNING);
            flushDisk(); // the source's data must not be written back during the measurement
            double cpu0 = OS.getProcessCpuTime() / 1e9;
            long t0 = System.nanoTime();
            swarm.connect(b, a);
            while (b.progress().applied.get() < entries) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = OS.getProcessCpuTime() / 1e9 - cpu0;
            System.out.printf("%s: %d entries, %.1f MiB in %.2f s (%.0f MiB/s, %.0f files/s), %.2f CPU s; "
                    + "requested %d blocks, copied %d%n", mode, entries, bytes / 1048576.0, seconds,
                    bytes / 1048576.0 / seconds, entries / seconds, cpu, b.progress().blocksRequested.get(),
                    b.progress().blocksCopied.get());
            if (Boolean.getBoolean("threads")) {
                printThreadCpu();
            }
            swarm.awaitSameTrees();
            System.out.println("trees equal");
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
