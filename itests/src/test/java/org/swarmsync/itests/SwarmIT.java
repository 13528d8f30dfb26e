package org.swarmsync.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 7 point 6: four real launchers on one secret. A seeds a large file and a few hundred
 * small ones; B and C join at once; C is killed mid-transfer; D joins late and is held
 * (SIGSTOP) until B has everything; then A, the seed, is killed while D still has requests
 * out to it; B and D end with A's tree (content hashes). That the large file reached D from
 * more than one peer is read from outside, through D's progress lines: D had part of it
 * before anyone but A had it whole, and received most of it after A died, which only B could
 * give.
 */
public class SwarmIT {

    private static final long LARGE = 192L << 20;
    private static final int SMALL_FILES = 300;
    private static final long WAIT_SECONDS = 100;
    /**
     * The most a peer may have sent that D had not read yet when the peer stopped: D's µTP
     * receive window, 5 MiB where net.core.rmem_max is 4 MiB (as here), rounded up.
     */
    private static final long IN_TRANSIT = 6L << 20;
    private static final Pattern PROGRESS = Pattern.compile(
            ": \\d+/\\d+ files, ([\\d.]+) (B|KiB|MiB|GiB)/([\\d.]+) (B|KiB|MiB|GiB), ");

    @Rule
    public final TemporaryFolder tmp = new TemporaryFolder();

    private static String secret;

    @BeforeClass
    public static void makeSecret() throws Exception {
        secret = SyncNode.newSecret();
    }

    @Test
    public void blocksComeFromEveryPeerThatHasThemALatePeerCatchesUpAndALeaverCostsOnlyItsShare() throws Exception {
        Path a = tmp.newFolder("a").toPath();
        Path b = tmp.newFolder("b").toPath();
        Path c = tmp.newFolder("c").toPath();
        Path d = tmp.newFolder("d").toPath();
        Trees.generate(a, LARGE, SMALL_FILES, 11);
        Map<String, String> expected = Trees.fingerprint(a);
        long small = smallBytes(a);
        int portA = SyncNode.freePort();
        int portB = SyncNode.freePort();
        int portC = SyncNode.freePort();
        int portD = SyncNode.freePort();
        Path large = Path.of("large/big.bin");
        try (SyncNode nodeA = SyncNode.start("a", a, secret, portA);
                SyncNode nodeB = SyncNode.start("b", b, secret, portB, portA, portC);
                SyncNode nodeC = SyncNode.start("c", c, secret, portC, portA, portB)) {
            // C is held (SIGSTOP) as soon as it is partly done, so that it cannot finish the large
            // file while B catches up (a fast C once did, and the test lost its leaver); then it dies.
            await("C is partly done", () -> bytesDone(nodeC) >= 16L << 20, nodeA, nodeB, nodeC);
            nodeC.process.signal("STOP");
            await("B is partly done", () -> bytesDone(nodeB) >= 16L << 20, nodeA, nodeB);
            nodeC.process.kill();
            assertFalse("C was killed mid-transfer; its output:\n" + SyncIT.tail(nodeC.process.output()),
                    Files.exists(c.resolve(large)));

            try (SyncNode nodeD = SyncNode.start("d", d, secret, portD, portA, portB, portC)) {
                // D gets part of the large file while only A has it whole, then waits, frozen,
                // until B has it all too and has told D so (the announcement waits in D's socket).
                await("D is fetching the large file", () -> bytesDone(nodeD) >= 8L << 20, nodeA, nodeB, nodeD);
                nodeD.process.signal("STOP");
                long dFrozeAt;
                try {
                    dFrozeAt = bytesDone(nodeD);
                    // B must hold everything before A dies below, or some file may be left nowhere.
                    await("B has A's whole tree", () -> Trees.fingerprint(b).equals(expected), nodeA, nodeB);
                    TimeUnit.SECONDS.sleep(2);
                } finally {
                    nodeD.process.signal("CONT");
                }
                // D fetches from both for a moment; then the seed dies under it, with requests
                // out, and D must finish from B alone.
                long bHadIt = bytesDone(nodeD);
                await("D goes on fetching", () -> bytesDone(nodeD) >= bHadIt + (8L << 20), nodeA, nodeB, nodeD);
                nodeA.process.kill();
                long killedAt = System.nanoTime();
                long atKill = bytesDone(nodeD);
                assertFalse("D was still fetching the large file when A died", Files.exists(d.resolve(large)));
                awaitTrees(expected, nodeB, nodeD);
                long afterKill = LARGE + small - atKill;
                System.out.printf("SwarmIT: D had %d MiB from A alone, %d MiB when A died; D had A's tree"
                        + " %d ms after A died%n", dFrozeAt >> 20, atKill >> 20,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                // Before B had it whole, D's part of the large file could only come from A; after
                // A died, from B (but for what A had sent and D not yet read: at most D's µTP
                // receive window, 5 MiB where net.core.rmem_max is 4 MiB).
                assertTrue("D had " + dFrozeAt + " bytes from A alone", dFrozeAt >= IN_TRANSIT + small);
                assertTrue("D received " + afterKill + " bytes after A died", afterKill >= 2 * IN_TRANSIT);
            }
        }
    }

    /** @return the bytes of every file in the folder but the large one */
    private static long smallBytes(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && !p.endsWith("large/big.bin") && !p.startsWith(folder.resolve(".sync"))) {
                    total += Files.size(p);
                }
            }
            return total;
        }
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
