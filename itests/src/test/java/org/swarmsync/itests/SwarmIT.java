package org.swarmsync.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 7 point 6: four real launchers on one secret. A seeds a large file and a few hundred
 * small ones; B and C join at once; C is killed mid-transfer; D joins late; A, B and D end
 * with A's tree (content hashes). That the large file reaches D from more than one peer is
 * read from outside, through D's progress lines: with A frozen (SIGSTOP) D's progress on it
 * goes on, so B serves it, and with B frozen it goes on too, so A serves it.
 */
public class SwarmIT {

    private static final long LARGE = 160L << 20;
    private static final int SMALL_FILES = 300;
    private static final long WAIT_SECONDS = 100;
    /**
     * What D must receive while one holder is frozen for that to prove the other served it:
     * far more than all the small files together (< 1.2 MiB), and more than twice what the
     * frozen one may have sent before it stopped that D had not read yet, which D's µTP
     * receive window bounds (5 MiB where net.core.rmem_max is 4 MiB, as here).
     */
    private static final long WHILE_FROZEN = 12L << 20;
    private static final Pattern PROGRESS = Pattern.compile(
            ": \\d+/\\d+ files, ([\\d.]+) (B|KiB|MiB|GiB)/([\\d.]+) (B|KiB|MiB|GiB), ");

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static String secret;

    @BeforeClass
    public static void makeSecret() throws Exception {
        try (Processes make = Processes.start("secret", Path.of("."), Processes.launcher("secret", "new"))) {
            assertEquals(make.output(), 0, make.exitCode(60));
            secret = make.output().lines().filter(l -> l.matches("[A-Z2-7]{32}")).findFirst()
                    .orElseThrow(() -> new AssertionError("no secret in: " + make.output()));
        }
    }

    @Test
    public void blocksComeFromEveryPeerThatHasThemALatePeerCatchesUpAndALeaverCostsOnlyItsShare() throws Exception {
        Path a = tmp.newFolder("a").toPath();
        Path b = tmp.newFolder("b").toPath();
        Path c = tmp.newFolder("c").toPath();
        Path d = tmp.newFolder("d").toPath();
        Trees.generate(a, LARGE, SMALL_FILES, 11);
        Map<String, String> expected = Trees.fingerprint(a);
        int portA = SyncNode.freePort();
        int portB = SyncNode.freePort();
        int portC = SyncNode.freePort();
        int portD = SyncNode.freePort();
        Path large = Path.of("large/big.bin");
        try (SyncNode nodeA = SyncNode.start("a", a, secret, portA);
                SyncNode nodeB = SyncNode.start("b", b, secret, portB, portA, portC);
                SyncNode nodeC = SyncNode.start("c", c, secret, portC, portA, portB)) {
            await("B and C are partly done", () -> bytesDone(nodeB) >= 16L << 20 && bytesDone(nodeC) >= 16L << 20,
                    nodeA, nodeB, nodeC);
            nodeC.process.kill();
            assertFalse("C was killed mid-transfer", Files.exists(c.resolve(large)));

            try (SyncNode nodeD = SyncNode.start("d", d, secret, portD, portA, portB, portC)) {
                await("D is fetching the large file, which B has whole", () -> bytesDone(nodeD) >= 8L << 20
                        && Files.exists(b.resolve(large)), nodeA, nodeB, nodeD);
                // Time for D to spread its requests over both holders (it looks for new ones every 2 s).
                long bHadIt = bytesDone(nodeD);
                await("D goes on fetching", () -> bytesDone(nodeD) >= bHadIt + WHILE_FROZEN, nodeA, nodeB, nodeD);
                assertFalse("D is still fetching the large file", Files.exists(d.resolve(large)));
                // Each of the two holders frozen in turn: D's progress on the large file goes on
                // from the other, so both serve it (the small files are too few to count).
                long at = bytesDone(nodeD);
                long withoutA = whileFrozen(nodeA, () -> bytesDone(nodeD), WHILE_FROZEN);
                long withoutB = whileFrozen(nodeB, () -> bytesDone(nodeD), WHILE_FROZEN);
                // The figures for whoever reads the report; the assertions below are what counts.
                System.out.printf("SwarmIT: D had %d MiB when B had the file, %d MiB when A was frozen; with A frozen"
                        + " it received %d MiB more, with B frozen %d MiB%n", bHadIt >> 20, at >> 20, withoutA >> 20,
                        withoutB >> 20);
                assertTrue("with A frozen, D received " + withoutA + " bytes, from B", withoutA >= WHILE_FROZEN);
                assertTrue("with B frozen, D received " + withoutB + " bytes, from A", withoutB >= WHILE_FROZEN);

                awaitTrees(expected, nodeA, nodeB, nodeD);
            }
        }
    }

    /**
     * Freezes a node with SIGSTOP until {@code progress} has grown by {@code enough} (at most
     * 10 s), then lets it run again.
     *
     * @return how much it grew meanwhile
     */
    private static long whileFrozen(SyncNode node, LongSupplier progress, long enough) throws Exception {
        long pid = pidOf(node);
        signal("STOP", pid);
        try {
            long start = progress.getAsLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (progress.getAsLong() - start < enough && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            return progress.getAsLong() - start;
        } finally {
            signal("CONT", pid);
        }
    }

    /** The launcher's process: the child of this JVM that synchronises the node's folder. */
    private static long pidOf(SyncNode node) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(node.dir.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no process for " + node.dir)).pid();
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals("kill -" + name + " " + pid, 0, kill.exitValue());
    }

    /** @return the bytes done in the node's latest progress line, or 0 before its first */
    static long bytesDone(SyncNode node) {
        List<String> lines = node.process.output().lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = PROGRESS.matcher(lines.get(i));
            if (m.find()) {
                return bytes(m.group(1), m.group(2));
            }
        }
        return 0;
    }

    private static long bytes(String number, String unit) {
        double value = Double.parseDouble(number);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        return (long) (value * (1L << shift));
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check, SyncNode... nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                StringBuilder outputs = new StringBuilder();
                for (SyncNode node : nodes) {
                    outputs.append("\n--- ").append(node.dir).append(":\n").append(SyncIT.tail(node.process.output()));
                }
                fail(what + ": not within " + WAIT_SECONDS + " s" + outputs);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void awaitTrees(Map<String, String> expected, SyncNode... nodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
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
                    if (!actual.equals(expected)) {
                        long missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
                        long wrong = expected.entrySet().stream().filter(e -> actual.containsKey(e.getKey())
                                && !actual.get(e.getKey()).equals(e.getValue())).count();
                        fail(node.dir + " differs from A's tree: " + missing + " paths missing, " + wrong
                                + " with other content, " + (actual.size() - expected.size() + missing)
                                + " extra; its output:\n" + SyncIT.tail(node.process.output()));
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }
}
