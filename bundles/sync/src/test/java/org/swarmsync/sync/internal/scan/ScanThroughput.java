package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

import org.swarmsync.sync.internal.index.FolderIndex;

/**
 * Measures scanning by hand (not a test: timings do not belong in assertions). Run after
 * {@code mvn install -pl bundles/sync}:
 *
 * <pre>
 * java -cp bundles/sync/target/classes:bundles/sync/target/test-classes:$HOME/.m2/repository/com/h2database/h2-mvstore/2.3.232/h2-mvstore-2.3.232.jar:$HOME/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
 *     org.swarmsync.sync.internal.scan.ScanThroughput [directory] [threads]
 * </pre>
 *
 * Files are read from the page cache (just written), so this measures hashing and index
 * work, not the disk.
 */
public final class ScanThroughput {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    private ScanThroughput() {
    }

    /** @return CPU seconds this process used so far (all threads): a figure a busy machine does not inflate */
    private static double cpu() {
        return OS.getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty(
                "java.io.tmpdir")), "scan-throughput");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Scanner.DEFAULT_THREADS;
        try {
            bigFile(work.resolve("big"), threads);
            smallFiles(work.resolve("small"), threads);
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void bigFile(Path root, int threads) throws IOException {
        Files.createDirectories(root);
        FolderMarker.create(root);
        byte[] chunk = new byte[1 << 20];
        new Random(1).nextBytes(chunk);
        try (var out = Files.newOutputStream(root.resolve("big.bin"))) {
            for (int i = 0; i < 200; i++) {
                chunk[0] = (byte) i;
                out.write(chunk);
            }
        }
        for (int round = 1; round <= 3; round++) {
            Files.deleteIfExists(root.resolve(".sync/index.mv"));
            try (FolderIndex index = FolderIndex.open(root.resolve(".sync/index.mv"));
                    Scanner scanner = new Scanner(root, index, path -> false, threads)) {
                double cpu = cpu();
                long start = System.nanoTime();
                ScanResult result = scanner.scan();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuScan = cpu() - cpu;
                start = System.nanoTime();
                ScanResult again = scanner.scan();
                double rescan = (System.nanoTime() - start) / 1e9;
                System.out.printf("200 MiB file, %d threads, round %d: scan %.3f s wall, %.3f s CPU (%.0f MiB/s"
                        + " wall, %.0f MiB per CPU second), rescan %.4f s (%d bytes hashed)%n", threads, round,
                        seconds, cpuScan, result.bytesHashed() / seconds / (1 << 20),
                        result.bytesHashed() / cpuScan / (1 << 20), rescan, again.bytesHashed());
            }
        }
    }

    private static void smallFiles(Path root, int threads) throws IOException {
        Files.createDirectories(root);
        FolderMarker.create(root);
        Random random = new Random(2);
        byte[] content = new byte[1024];
        for (int i = 0; i < 10_000; i++) {
            random.nextBytes(content);
            Path file = root.resolve("d" + i % 100).resolve("file-" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        }
        for (int round = 1; round <= 3; round++) {
            Files.deleteIfExists(root.resolve(".sync/index.mv"));
            try (FolderIndex index = FolderIndex.open(root.resolve(".sync/index.mv"));
                    Scanner scanner = new Scanner(root, index, path -> false, threads)) {
                double cpu = cpu();
                long start = System.nanoTime();
                ScanResult result = scanner.scan();
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuScan = cpu() - cpu;
                cpu = cpu();
                start = System.nanoTime();
                ScanResult again = scanner.scan();
                double rescan = (System.nanoTime() - start) / 1e9;
                double cpuRescan = cpu() - cpu;
                System.out.printf("10,000 files of 1 KiB in 100 dirs, %d threads, round %d: first scan %.3f s wall"
                        + " %.3f s CPU (%d entries, %d changes), rescan %.3f s wall %.3f s CPU (%d changes, %d bytes"
                        + " hashed)%n", threads, round, seconds, cpuScan, result.entriesScanned(), result.changes(),
                        rescan, cpuRescan, again.changes(), again.bytesHashed());
            }
        }
        // The index's share: the same 10,100 entries written straight into a fresh index.
        try (FolderIndex source = FolderIndex.open(root.resolve(".sync/index.mv"))) {
            var entries = source.localEntries().toList();
            for (int round = 1; round <= 3; round++) {
                Path file = root.resolve(".sync/copy-" + round + ".mv");
                try (FolderIndex copy = FolderIndex.open(file)) {
                    double cpu = cpu();
                    long start = System.nanoTime();
                    entries.forEach(copy::putLocal);
                    double puts = (System.nanoTime() - start) / 1e9;
                    copy.commit();
                    copy.sync();
                    double total = (System.nanoTime() - start) / 1e9;
                    System.out.printf("index only, round %d: %d puts %.3f s, with commit and sync %.3f s wall,"
                            + " %.3f s CPU%n", round, entries.size(), puts, total, cpu() - cpu);
                }
            }
        }
    }
}
