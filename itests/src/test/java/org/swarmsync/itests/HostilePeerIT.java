package org.swarmsync.itests;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestName;
import org.swarmsync.codec.bencode.BDict;
import org.swarmsync.sync.internal.protocol.Limits;

/**
 * Issue 7 point 8: a peer that holds the secret and speaks our protocol maliciously to a real
 * launcher. Each kind of malformed message ends its session with a close frame and a log line
 * naming the reason; nothing appears outside the folder (a sentinel directory beside it keeps
 * only its one file, unchanged); and an honest launcher connected all along still receives a
 * file added after the attack (trees compared by content hash). A link pointing out of the
 * folder ends the session too (honest nodes never send one: their scanners do not sync such
 * links); a link inside the folder is made as a link, and the node refuses, with a log line,
 * to write or read through it.
 */
public class HostilePeerIT {

    private static final long WAIT_SECONDS = 60;

    @ClassRule
    public static final TemporaryFolder TMP = new TemporaryFolder();

    @Rule
    public final TestName test = new TestName();

    private static String secret;
    private static Path outside;
    private static Path victim;
    private static String victimHash;
    private static SyncNode nodeA;
    private static SyncNode nodeB;

    @BeforeClass
    public static void startTwoHonestNodes() throws Exception {
        secret = SyncNode.newSecret();
        Path root = TMP.getRoot().toPath().toRealPath();
        Path a = Files.createDirectory(root.resolve("a"));
        Path b = Files.createDirectory(root.resolve("b"));
        outside = Files.createDirectory(root.resolve("outside"));
        victim = outside.resolve("victim.txt");
        Files.writeString(victim, "a file outside every synchronised folder\n");
        victimHash = Trees.sha256(victim);
        Trees.randomFile(a.resolve("seed/seed.bin"), 500_000, 1);
        int portA = SyncNode.freePort();
        int portB = SyncNode.freePort();
        nodeA = SyncNode.start("a", a, secret, portA);
        nodeB = SyncNode.start("b", b, secret, portB, portA);
        awaitSameTree();
    }

    @AfterClass
    public static void stopNodes() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    // ---- paths

    @Test
    public void aPathWithADotDotSegmentEndsTheSession() throws Exception {
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.file("../outside/pwned-dotdot.txt", bytes(1000, 1), 1)));
            assertClosedFor(peer, "index entry 0: path has a '..' segment");
        }
        assertNodesStillServe();
    }

    @Test
    public void anAbsolutePathEndsTheSession() throws Exception {
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.directory("seed", 1),
                    peer.file(outside.resolve("pwned-absolute.txt").toString(), bytes(1000, 2), 2)));
            assertClosedFor(peer, "index entry 1: path is absolute");
        }
        assertNodesStillServe();
    }

    @Test
    public void aNameWithANulEndsTheSession() throws Exception {
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.file("pwned\0../../outside/x", bytes(10, 3), 1)));
            assertClosedFor(peer, "index entry 0: path has a NUL character");
        }
        assertNodesStillServe();
    }

    @Test
    public void aNameWithASlashOrABackslashEndsTheSession() throws Exception {
        // '/' is the separator, so a name cannot hold one: "a//b" has an empty name between two.
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.file("seed//pwned-slash.txt", bytes(10, 4), 1)));
            assertClosedFor(peer, "index entry 0: path has an empty segment");
        }
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.file("..\\outside\\pwned-backslash.txt", bytes(10, 5), 1)));
            assertClosedFor(peer, "index entry 0: path has a backslash");
        }
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.file("seed/", bytes(10, 6), 1)));
            assertClosedFor(peer, "index entry 0: path has an empty segment");
        }
        assertNodesStillServe();
    }

    @Test
    public void aRequestForAFileOutsideTheFolderEndsTheSession() throws Exception {
        byte[] hash = HostilePeer.sha256(ByteBuffer.wrap(Files.readAllBytes(victim)));
        try (HostilePeer peer = join()) {
            peer.sendBody(BDict.builder().putUtf8("t", "request").put("id", 1)
                    .putUtf8("path", "../outside/victim.txt").put("offset", 0).put("length", 10).put("hash", hash)
                    .build());
            assertClosedFor(peer, "request: path has a '..' segment");
            assertTrue("the node sent no data for it", peer.requests().isEmpty());
        }
        assertNodesStillServe();
    }

    // ---- links

    @Test
    public void aSymlinkOutOfTheFolderEndsTheSession() throws Exception {
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.symlink("escape", outside.toString(), 1)));
            assertClosedFor(peer, "index entry 0: link target points outside the folder");
        }
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.symlink("sub/escape", "../../outside", 1)));
            assertClosedFor(peer, "index entry 0: link target points outside the folder");
        }
        assertFalse(Files.exists(nodeA.dir.resolve("escape"), NOFOLLOW_LINKS));
        assertNodesStillServe();
    }

    @Test
    public void aLinkOutOfTheFolderAndAFileBeneathItInOneFrameWriteNothingOutside() throws Exception {
        byte[] content = bytes(2 * HostilePeer.BLOCK, 10);
        try (HostilePeer peer = join()) {
            peer.answer(request -> slice(content, request.offset(), request.length()));
            // The frame is refused whole: neither the file nor the link is applied.
            peer.sendIndex(List.of(peer.file("race/beneath.txt", content, 1),
                    peer.symlink("race", outside.toString(), 2)));
            assertClosedFor(peer, "index entry 1: link target points outside the folder");
        }
        TimeUnit.SECONDS.sleep(1);
        assertFalse(Files.exists(nodeA.dir.resolve("race"), NOFOLLOW_LINKS));
        assertNodesStillServe();
    }

    @Test
    public void aLinkInsideTheFolderIsNeverWrittenThroughOrReadThrough() throws Exception {
        byte[] content = bytes(3 * HostilePeer.BLOCK + 17, 7);
        Path a = nodeA.dir;
        Path target = a.resolve("seed");
        try (HostilePeer peer = join()) {
            peer.answer(request -> slice(content, request.offset(), request.length()));
            peer.sendIndex(List.of(peer.symlink("via", "seed", 1)));
            awaitTrue("the link arrives as a link", () -> Files.isSymbolicLink(a.resolve("via")));
            // A file whose parent is the link: written through it, it would land in seed/.
            peer.sendIndex(List.of(peer.file("via/pwned-link.txt", content, 2)));
            awaitTrue("the node logged its refusal", () -> refused(nodeA, "via/pwned-link.txt", "via"));
            assertFalse(Files.exists(target.resolve("pwned-link.txt")));
        }
        assertNodesStillServe();
    }

    @Test
    public void aLocalLinkOutOfTheFolderIsNeverReadThrough() throws Exception {
        // The user's own link to somewhere outside: not synced, and no peer reads through it.
        Path link = Files.createSymbolicLink(nodeA.dir.resolve("local-escape"), outside);
        try (HostilePeer peer = join()) {
            byte[] hash = HostilePeer.sha256(ByteBuffer.wrap(Files.readAllBytes(victim)));
            peer.sendBody(BDict.builder().putUtf8("t", "request").put("id", 99)
                    .putUtf8("path", "local-escape/victim.txt").put("offset", 0).put("length", (int) Files.size(victim))
                    .put("hash", hash).build());
            HostilePeer.BlockAnswer answer = peer.awaitBlock(99);
            assertTrue("the node served a file outside the folder through a link: " + answer, answer.error() != null);
        } finally {
            Files.delete(link);
        }
        assertNodesStillServe();
    }

    private static boolean refused(SyncNode node, String path, String link) {
        return node.process.output().lines().anyMatch(l -> l.contains("cannot apply file of " + path)
                && l.contains(path + ": " + link + " is not a directory"));
    }

    // ---- content

    @Test
    public void aBlockThatFailsItsHashEndsTheSession() throws Exception {
        byte[] content = bytes(3 * HostilePeer.BLOCK, 8);
        Random noise = new Random(9);
        try (HostilePeer peer = join()) {
            peer.answer(request -> {
                byte[] wrong = new byte[request.length()];
                noise.nextBytes(wrong);
                return ByteBuffer.wrap(wrong);
            });
            peer.sendIndex(List.of(peer.file("poisoned.bin", content, 1)));
            String reason = peer.awaitClose();
            assertTrue(reason, reason.matches("block \\d+: data does not match the hash of .*poisoned\\.bin.*"));
            assertLogged(reason);
            assertFalse("a request was answered with wrong data", peer.requests().isEmpty());
        }
        assertFalse(Files.exists(nodeA.dir.resolve("poisoned.bin")));
        assertNodesStillServe();
        assertFalse(Files.exists(nodeB.dir.resolve("poisoned.bin")));
    }

    @Test
    public void aSizeOfTwoToThe62EndsTheSession() throws Exception {
        try (HostilePeer peer = join()) {
            peer.sendIndex(List.of(peer.entry("huge.bin", 0, 1L << 62, Limits.MAX_BLOCK_SIZE, new byte[32], 1)
                    .build()));
            String reason = peer.awaitClose();
            assertTrue(reason, reason.startsWith("index entry 0: key \"s\": ")
                    && reason.endsWith("found " + (1L << 62)));
            assertLogged(reason);
        }
        try (HostilePeer peer = join()) {
            peer.sendBody(BDict.builder().putUtf8("t", "request").put("id", 1).putUtf8("path", "seed/seed.bin")
                    .put("offset", 1L << 62).put("length", 1 << 20).put("hash", new byte[32]).build());
            String reason = peer.awaitClose();
            assertTrue(reason, reason.startsWith("request: key \"offset\": ")
                    && reason.endsWith("found " + (1L << 62)));
            assertLogged(reason);
        }
        assertFalse(Files.exists(nodeA.dir.resolve("huge.bin")));
        assertNodesStillServe();
    }

    @Test
    public void aFloodOfIndexEntriesEndsTheSession() throws Exception {
        try (HostilePeer peer = join()) {
            List<BDict> flood = new ArrayList<>();
            for (int i = 0; i <= Limits.MAX_INDEX_ENTRIES; i++) {
                flood.add(peer.directory("flood/d" + i, i + 1));
            }
            peer.sendIndex(flood);
            assertClosedFor(peer, "index frame has 1001 entries, more than 1000");
        }
        assertFalse("nothing of a refused frame is applied", Files.exists(nodeA.dir.resolve("flood")));
        assertNodesStillServe();
    }

    // ---- helpers

    private static HostilePeer join() throws IOException {
        return HostilePeer.join(nodeA.port, secret);
    }

    private static void assertClosedFor(HostilePeer peer, String reason) throws Exception {
        assertEquals(reason, peer.awaitClose());
        assertLogged(reason);
    }

    /** The node's log names the reason on the line that reports the closed session. */
    private static void assertLogged(String reason) throws Exception {
        String expected = "closed: protocol: " + reason;
        awaitTrue("the node logged \"" + expected + "\"", () -> nodeA.process.output().contains(expected));
    }

    /**
     * The honest peer still syncs: a file added on A after the attack reaches B, both trees are
     * equal by content hash, and outside the folders nothing changed.
     */
    private void assertNodesStillServe() throws Exception {
        Trees.randomFile(nodeA.dir.resolve("after/" + test.getMethodName() + ".bin"), 300_000,
                test.getMethodName().hashCode());
        awaitSameTree();
        assertTrue(Trees.fingerprint(nodeB.dir).containsKey("after/" + test.getMethodName() + ".bin"));
        assertEquals("outside the folders nothing appeared", Map.of("victim.txt", victimHash),
                Trees.fingerprint(outside));
        try (Stream<Path> all = Files.walk(TMP.getRoot().toPath())) {
            List<Path> pwned = all.filter(p -> p.getFileName().toString().startsWith("pwned")).toList();
            assertEquals("no attacker's file exists anywhere", List.of(), pwned);
        }
    }

    private static void awaitSameTree() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Map<String, String> a = Trees.fingerprint(nodeA.dir);
            Map<String, String> b = Trees.fingerprint(nodeB.dir);
            if (a.equals(b)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                assertEquals("b differs from a; a's output:\n" + SyncIT.tail(nodeA.process.output())
                        + "\nb's output:\n" + SyncIT.tail(nodeB.process.output()), a, b);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                fail(what + " within " + WAIT_SECONDS + " s; a's output:\n" + SyncIT.tail(nodeA.process.output()));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static ByteBuffer slice(byte[] content, long offset, int length) {
        if (offset < 0 || offset + length > content.length) {
            return null;
        }
        return ByteBuffer.wrap(content, (int) offset, length).slice();
    }
}
