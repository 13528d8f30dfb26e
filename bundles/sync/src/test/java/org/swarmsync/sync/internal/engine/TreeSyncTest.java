package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SortedMap;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;

/** Two peers bring their trees together, and later changes on either side follow. */
public class TreeSyncTest extends SwarmTestBase {

    /** Bits a umask of 022 keeps, takes some of (write for all), and a file its owner may not write. */
    private static final java.util.List<String> MODES = java.util.List.of("rw-------", "rwxr-xr-x", "r--r--r--",
            "rwxrwxrwx");

    @Test
    public void twoPeersSyncAGeneratedTreeBothWays() throws Exception {
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        byte[] big = Trees.random(random, 20 << 20);
        Trees.write(a.root, "media/video.bin", big);
        Trees.write(a.root, "docs/empty.txt", new byte[0]);
        Files.createDirectories(a.root.resolve("empty/deeper/still"));
        Files.createDirectories(b.root.resolve("only-b/empty"));
        for (int i = 0; i < 2000; i++) {
            Node owner = i % 2 == 0 ? a : b;
            Trees.write(owner.root, "small/" + (i % 20) + "/deep/f" + i + ".txt",
                    Trees.random(random, 1 + random.nextInt(9000)));
        }
        Trees.write(b.root, "b-only/nested/x/y/z.dat", Trees.random(random, 300_000));
        Trees.write(a.root, "locked/inside.txt", Trees.random(random, 100));
        Files.setPosixFilePermissions(a.file("locked"), PosixFilePermissions.fromString("r-xr-xr-x"));
        // Files are created with their bits, the umask aside, and changed where the umask took some.
        for (String bits : MODES) {
            Trees.write(a.root, "modes/" + bits, Trees.random(random, 100));
            Files.setPosixFilePermissions(a.file("modes/" + bits), PosixFilePermissions.fromString(bits));
        }
        Files.createSymbolicLink(b.root.resolve("b-only/link"), Path.of("nested/x/y/z.dat"));
        a.start();
        b.start();

        swarm.connectAll();
        swarm.awaitSameTrees();

        SortedMap<String, String> tree = b.tree();
        assertTrue(tree.get("media/video.bin").startsWith("f " + Trees.sha256(big)));
        assertEquals("l nested/x/y/z.dat", a.tree().get("b-only/link"));
        assertTrue(a.tree().containsKey("only-b/empty"));
        assertTrue(b.tree().containsKey("empty/deeper/still"));
        // (Run as root, writing into it would work anyway; the bits must still end up exact.)
        assertEquals("a directory its owner may not write is still filled", "d r-xr-xr-x", tree.get("locked"));
        assertTrue(tree.containsKey("locked/inside.txt"));
        for (String bits : MODES) {
            assertTrue(bits, tree.get("modes/" + bits).endsWith(" " + bits));
        }
        assertEquals(2000, tree.keySet().stream().filter(p -> p.endsWith(".txt") && p.startsWith("small/")).count());
        assertTrue(Files.exists(b.file("docs/empty.txt")));
        assertEquals(0, Files.size(b.file("docs/empty.txt")));
        for (Node node : java.util.List.of(a, b)) {
            Files.setPosixFilePermissions(node.file("locked"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    public void editsAppendsTruncationsAndDirectoriesPropagate() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] log = Trees.random(random, 700_000);
        Trees.write(a.root, "log.txt", log);
        Trees.write(a.root, "edit.bin", Trees.random(random, 400_000));
        Trees.write(a.root, "cut.bin", Trees.random(random, 900_000));
        Trees.write(a.root, "old/inner/gone.txt", Trees.random(random, 1000));
        Trees.write(a.root, "old/kept-by-nobody.txt", Trees.random(random, 10));
        swarm.connectAll();
        swarm.awaitSameTrees();

        // Append on a, edit in place on b (same size), truncate on a, new tree on b, removed tree on a.
        byte[] more = Trees.random(random, 300_000);
        Files.write(a.file("log.txt"), more, StandardOpenOption.APPEND);
        byte[] edited = Trees.random(random, 400_000);
        Trees.write(b.root, "edit.bin", edited, 1_000);
        try (var channel = FileChannel.open(a.file("cut.bin"), StandardOpenOption.WRITE)) {
            channel.truncate(123_456);
        }
        Trees.write(b.root, "new/a/b/c.txt", Trees.random(random, 5000));
        Files.createDirectories(b.file("new/empty"));
        Files.setPosixFilePermissions(b.file("new/a"), PosixFilePermissions.fromString("rwx------"));
        Files.delete(a.file("old/inner/gone.txt"));
        Files.delete(a.file("old/inner"));
        Files.delete(a.file("old/kept-by-nobody.txt"));
        Files.delete(a.file("old"));

        swarm.awaitSameTrees();
        SortedMap<String, String> tree = a.tree();
        byte[] appended = java.util.Arrays.copyOf(log, log.length + more.length);
        System.arraycopy(more, 0, appended, log.length, more.length);
        assertTrue(tree.get("log.txt").startsWith("f " + Trees.sha256(appended)));
        assertTrue(tree.get("edit.bin").startsWith("f " + Trees.sha256(edited)));
        assertEquals(123_456, Files.size(b.file("cut.bin")));
        assertEquals("d rwx------", tree.get("new/a"));
        assertTrue(tree.containsKey("new/empty"));
        assertFalse(b.tree().containsKey("old"));
        // The append reused the blocks b had: only the new tail and the changed last block travelled.
        assertTrue("blocks copied locally for the append", b.progress().blocksCopied.get() >= 5);
    }

    @Test
    public void aThirdPeerFetchesFromBothOthersAtOnce() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] data = Trees.random(random, 16 << 20);
        Trees.write(a.root, "shared.bin", data);
        swarm.connect(a, b);
        swarm.awaitSameTrees(a, b);
        long servedByA = a.progress().blocksServed.get();
        long servedByB = b.progress().blocksServed.get();

        // a serves slowly and c keeps few requests in flight, so b, which c meets a moment
        // later, gets its share whatever the timing.
        a.engine.server().beforeServe(request -> sleep(5));
        Node c = swarm.add("c", secret.readOnly(), Swarm.CONFIG.withInFlightBytesPerFile(1 << 20));
        swarm.connect(c, a);
        swarm.connect(c, b);
        swarm.awaitSameTrees();
        long fromA = a.progress().blocksServed.get() - servedByA;
        long fromB = b.progress().blocksServed.get() - servedByB;
        assertEquals(128, c.progress().blocksReceived.get());
        assertTrue("a served " + fromA + ", b served " + fromB, fromA > 0 && fromB > 0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
