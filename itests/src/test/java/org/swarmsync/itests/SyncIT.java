package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two real launchers, each in its own JVM, keep a folder identical over loopback (µTP, MSE).
 * Trees are compared by content hash.
 */
public class SyncIT {

    private static final long LARGE = 200L << 20;
    private static final int SMALL_FILES = 5_000;
    private static final long SYNC_TIMEOUT_SECONDS = 180;

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static String secret;

    @BeforeClass
    public static void makeSecret() throws Exception {
        secret = SyncNode.newSecret();
    }

    @Test
    public void twoPeersSyncAGeneratedTreeBothWays() throws Exception {
        Path a = tmp.newFolder("a").toPath();
        Path b = tmp.newFolder("b").toPath();
        Trees.generate(a, LARGE, SMALL_FILES, 1);
        Files.createDirectories(b.resolve("from-b/nested/empty"));
        Trees.randomFile(b.resolve("from-b/nested/b.bin"), 3_000_000, 2);
        Files.write(b.resolve("from-b/empty.txt"), new byte[0]);
        Map<String, String> expected = new TreeMap<>(Trees.fingerprint(a));
        expected.putAll(Trees.fingerprint(b));

        int portA = SyncNode.freePort();
        int portB = SyncNode.freePort();
        try (SyncNode nodeA = SyncNode.start("a", a, secret, portA, portB);
                SyncNode nodeB = SyncNode.start("b", b, secret, portB, portA)) {
            awaitTree(expected, nodeA, nodeB);
        }
    }

    @Test
    public void editsAppendsTruncationsAndDirectoryChangesPropagate() throws Exception {
        Path a = tmp.newFolder("a").toPath();
        Path b = tmp.newFolder("b").toPath();
        Trees.randomFile(a.resolve("edit.bin"), 1_000_000, 3);
        Trees.randomFile(a.resolve("append.bin"), 500_000, 4);
        Trees.randomFile(a.resolve("truncate.bin"), 2_000_000, 5);
        Trees.randomFile(a.resolve("gone/inner/file.bin"), 10_000, 6);
        Files.createDirectories(a.resolve("gone/empty"));

        int portA = SyncNode.freePort();
        int portB = SyncNode.freePort();
        try (SyncNode nodeA = SyncNode.start("a", a, secret, portA, portB);
                SyncNode nodeB = SyncNode.start("b", b, secret, portB, portA)) {
            awaitTree(Trees.fingerprint(a), nodeA, nodeB);

            Trees.randomFile(a.resolve("edit.bin"), 1_000_000, 33);
            Files.write(a.resolve("append.bin"), new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.APPEND);
            try (var channel = Files.newByteChannel(a.resolve("truncate.bin"), StandardOpenOption.WRITE)) {
                channel.truncate(123_456);
            }
            Trees.randomFile(a.resolve("new-dir/sub/new.bin"), 77_777, 7);
            Files.createDirectories(a.resolve("new-empty-dir"));
            deleteTree(a.resolve("gone"));
            Map<String, String> changed = Trees.fingerprint(a);
            assertFalse(changed.containsKey("gone"));
            awaitTree(changed, nodeA, nodeB);
        }
    }

    @Test
    public void aReceiverKilledMidTransferResumesWithoutRefetchingWhatItVerified() throws Exception {
        Path a = tmp.newFolder("a").toPath();
        Path b = tmp.newFolder("b").toPath();
        Trees.randomFile(a.resolve("large.bin"), LARGE, 9);
        Map<String, String> expected = Trees.fingerprint(a);
        Path finalName = b.resolve("large.bin");
        int portA = SyncNode.freePort();
        int portB = SyncNode.freePort();
        try (SyncNode nodeA = SyncNode.start("a", a, secret, portA)) {
            try (SyncNode nodeB = SyncNode.start("b", b, secret, portB, portA)) {
                // Past the first 64 MiB checkpoint of the download state (up to 32 MiB more may be
                // in flight, not yet written), kill it like a power cut.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNC_TIMEOUT_SECONDS);
                while (Waits.partialBytes(b) < 120L << 20) {
                    assertFalse("a partial file appeared under its final name", Files.exists(finalName));
                    assertTrue("the download did not get going:\n" + tail(nodeB.process.output()),
                            System.nanoTime() < deadline);
                    TimeUnit.MILLISECONDS.sleep(5);
                }
                nodeB.process.kill();
            }
            assertFalse("a partial file is under its final name after the crash", Files.exists(finalName));

            try (SyncNode again = SyncNode.start("b-again", b, secret, portB, portA)) {
                awaitTree(expected, nodeA, again);
                String resumed = again.process.awaitLine(l -> l.contains("finished a resumed download"), 30);
                Matcher m = Pattern.compile("(\\d+) of (\\d+) blocks kept, (\\d+) requested").matcher(resumed);
                assertTrue(resumed, m.find());
                int kept = Integer.parseInt(m.group(1));
                int total = Integer.parseInt(m.group(2));
                int requested = Integer.parseInt(m.group(3));
                assertTrue("blocks verified before the crash were kept: " + resumed, kept > 0);
                assertEquals("only what was missing was fetched again: " + resumed, total - kept, requested);
            }
        }
    }

    @Test
    public void aPeerWithTheWrongSecretGetsNoNamesAndNoData() throws Exception {
        Path a = tmp.newFolder("a").toPath();
        Path intruder = tmp.newFolder("intruder").toPath();
        Trees.randomFile(a.resolve("private/secret-plans.bin"), 100_000, 8);
        String other;
        try (Processes make = Processes.start("secret", Path.of("."), Processes.launcher("secret", "new"))) {
            assertEquals(0, make.exitCode(60));
            other = make.output().lines().filter(l -> l.matches("[A-Z2-7]{32}")).findFirst().orElseThrow();
        }
        int portA = SyncNode.freePort();
        int portI = SyncNode.freePort();
        try (SyncNode nodeA = SyncNode.start("a", a, secret, portA);
                SyncNode nodeI = SyncNode.start("intruder", intruder, other, portI, portA)) {
            // Long enough for many dial attempts: the intruder must end with nothing.
            TimeUnit.SECONDS.sleep(8);
            assertEquals(Map.of(), Trees.fingerprint(intruder));
            assertFalse(nodeI.process.output(), nodeI.process.output().contains("secret-plans"));
            assertTrue(nodeI.process.output(), nodeI.process.output().contains("0 peers"));
        }
    }

    /** Waits until every node's tree equals {@code expected}, failing with the differences. */
    static void awaitTree(Map<String, String> expected, SyncNode... nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNC_TIMEOUT_SECONDS);
        while (true) {
            boolean all = true;
            for (SyncNode node : nodes) {
                all &= Trees.fingerprint(node.dir).equals(expected);
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                for (SyncNode node : nodes) {
                    Map<String, String> actual = Trees.fingerprint(node.dir);
                    assertEquals(node.dir + " differs; its output:\n" + tail(node.process.output()),
                            expected.keySet(), actual.keySet());
                    assertEquals(node.dir + " content differs", expected, actual);
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    static String tail(String output) {
        String[] lines = output.split("\n");
        StringBuilder last = new StringBuilder();
        for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
            last.append(lines[i]).append('\n');
        }
        return last.toString();
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
