package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

import org.junit.Test;
import org.swarmsync.api.sync.FolderState;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.FolderMarker;

/** What must never happen: writing through a link, writing into an unmounted folder, deleting what we did not know. */
public class SafetyTest extends SwarmTestBase {

    @Test
    public void nothingIsWrittenThroughALinkInThePath() throws Exception {
        Path outside = Files.createDirectories(tmp.getRoot().toPath().resolve("outside"));
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        Trees.write(a.root, "d/x.txt", "inside".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(a.file("d"), FileTime.fromMillis(System.currentTimeMillis() - 100_000));
        Path link = Files.createSymbolicLink(b.file("d"), outside);
        // b's link is newer than a's directory: it wins the conflict on "d", so "d/x.txt" has nowhere to go at b.
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.fromMillis(System.currentTimeMillis() - 1000), null, null);
        a.start();
        b.start();
        swarm.connectAll();

        RelativePath x = RelativePath.of("d/x.txt");
        Swarm.await("b knows a's file", () -> b.index.remote(a.index.localDevice(), x).isPresent());
        Swarm.await("b's puller is idle", () -> b.engine.status().state() == FolderState.IDLE);
        Thread.sleep(300);
        try (var listing = Files.list(outside)) {
            assertEquals("files written through the link", 0, listing.count());
        }
        assertTrue(Files.isSymbolicLink(b.file("d")));
        assertTrue(b.index.local(x).isEmpty());
    }

    @Test
    public void aDirectoryThatWinsReplacesALinkWhichGoesToTheArchive() throws Exception {
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        Path elsewhere = Files.createDirectories(b.file("elsewhere"));
        Trees.write(a.root, "d/x.txt", "inside".getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(a.file("d"), FileTime.fromMillis(System.currentTimeMillis() - 1000));
        Path link = Files.createSymbolicLink(b.file("d"), Path.of("elsewhere"));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.fromMillis(System.currentTimeMillis() - 100_000), null, null);
        a.start();
        b.start();
        swarm.connectAll();

        swarm.awaitSameTrees();
        assertTrue(Files.isDirectory(b.file("d"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("inside", Files.readString(b.file("d/x.txt")));
        try (var listing = Files.list(elsewhere)) {
            assertEquals(0, listing.count());
        }
        java.util.List<Path> archived = filesNamed(FolderMarker.syncDirectory(b.root).resolve("Archive"), "d~");
        assertEquals(1, archived.size());
        assertTrue("the replaced link is kept, as a link", Files.isSymbolicLink(archived.get(0)));
        assertEquals(Path.of("elsewhere"), Files.readSymbolicLink(archived.get(0)));
    }

    @Test
    public void aFolderWithoutItsMarkerIsNeitherScannedNorWritten() throws Exception {
        Node a = swarm.add("a", secret);
        Trees.write(a.root, "data.txt", Trees.random(random, 1000));
        Node b = swarm.create("b", secret);
        Files.delete(FolderMarker.file(b.root));
        b.start();
        swarm.connectAll();

        Swarm.await("b reports the missing marker", () -> b.engine.status().state() == FolderState.ERROR);
        assertTrue(b.engine.status().message().contains("marker"));
        Thread.sleep(300);
        assertFalse(Files.exists(b.file("data.txt")));

        FolderMarker.create(b.root); // the disk is back
        b.engine.rescan();
        swarm.awaitSameTrees();
        assertEquals(FolderState.IDLE, awaitIdle(b));
    }

    @Test
    public void aDirectoryDeletedByAPeerKeepsWhatWeAddedToIt() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        Trees.write(a.root, "project/a.txt", Trees.random(random, 100));
        swarm.connectAll();
        swarm.awaitSameTrees();
        swarm.disconnect(a);
        Swarm.await("both disconnected", () -> a.engine.peers().isEmpty() && b.engine.peers().isEmpty());

        long seqA = a.index.localSequence();
        long seqB = b.index.localSequence();
        Files.delete(a.file("project/a.txt"));
        Files.delete(a.file("project"));
        Trees.write(b.root, "project/new-on-b.txt", "keep me".getBytes(StandardCharsets.UTF_8));
        Swarm.await("both scanned", () -> a.index.localSequence() > seqA && b.index.localSequence() > seqB);

        swarm.connectAll();
        swarm.awaitSameTrees();
        assertEquals("keep me", Files.readString(a.file("project/new-on-b.txt")));
        assertFalse(Files.exists(b.file("project/a.txt")));
    }

    @Test
    public void whatCannotBeAppliedYetWaitsQuietlyAndLosesNothing() throws Exception {
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        Trees.write(a.root, "x", "a file on a".getBytes(StandardCharsets.UTF_8), 1_000);
        Trees.write(b.root, "x/keep.txt", "inside b's directory".getBytes(StandardCharsets.UTF_8), 1_000);
        Files.setLastModifiedTime(b.file("x"), FileTime.fromMillis(System.currentTimeMillis() - 100_000));
        a.start();
        b.start();
        swarm.connectAll();
        // a's file wins "x", but b's directory is not empty; a cannot put x/keep.txt under a file.
        Swarm.await("b tried", () -> b.progress().passes.get() > 0 && a.progress().passes.get() > 0);
        Thread.sleep(500);
        long passes = a.progress().passes.get() + b.progress().passes.get();
        Thread.sleep(1000);
        assertTrue("the pullers keep trying the same thing", a.progress().passes.get() + b.progress().passes.get()
                <= passes + 2);
        assertEquals("a file on a", Files.readString(a.file("x")));
        assertEquals("inside b's directory", Files.readString(b.file("x/keep.txt")));
    }

    private static FolderState awaitIdle(Node node) throws InterruptedException {
        Swarm.await(node + " idle", () -> node.engine.status().state() == FolderState.IDLE);
        return node.engine.status().state();
    }
}
