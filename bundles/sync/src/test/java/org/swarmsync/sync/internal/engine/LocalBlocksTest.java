package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.scan.FolderMarker;

/** Renames and deletions: blocks come from local files, and nothing deleted is lost. */
public class LocalBlocksTest extends SwarmTestBase {

    @Test
    public void aRenameOrMoveIsFilledFromLocalBlocksWithoutTransfer() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] data = Trees.random(random, 5 << 20);
        Trees.write(a.root, "inbox/report.pdf", data);
        Trees.write(a.root, "small.txt", Trees.random(random, 100));
        swarm.connectAll();
        swarm.awaitSameTrees();
        long requestedBefore = b.progress().blocksRequested.get();

        Files.createDirectories(a.file("archive/2024"));
        Files.move(a.file("inbox/report.pdf"), a.file("archive/2024/report-final.pdf"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(a.file("small.txt"), a.file("renamed.txt"), StandardCopyOption.ATOMIC_MOVE);

        swarm.awaitSameTrees();
        assertEquals("blocks requested over the network for renames", requestedBefore,
                b.progress().blocksRequested.get());
        assertTrue(b.progress().blocksCopied.get() >= 40 + 1);
        // Both files are unchanged where b had them: copied file to file, not read and hashed.
        assertEquals(40 + 1, b.progress().blocksCopiedUnhashed.get());
        assertFalse(Files.exists(b.file("inbox/report.pdf")));
        assertEquals(Trees.sha256(data), Trees.sha256(b.file("archive/2024/report-final.pdf")));
    }

    @Test
    public void aDeletedFileLandsInTheArchive() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] data = Trees.random(random, 300_000);
        Trees.write(a.root, "notes/todo.txt", data);
        Trees.write(a.root, "notes/keep.txt", Trees.random(random, 10));
        swarm.connectAll();
        swarm.awaitSameTrees();

        Files.delete(a.file("notes/todo.txt"));
        Swarm.await("b deleted the file", () -> !Files.exists(b.file("notes/todo.txt")));

        List<java.nio.file.Path> archived = allFiles(FolderMarker.syncDirectory(b.root).resolve("Archive"));
        assertEquals(1, archived.size());
        assertTrue(archived.get(0).getFileName().toString().matches("todo\\.txt~\\d{8}-\\d{6}"));
        assertEquals("notes", archived.get(0).getParent().getFileName().toString());
        assertEquals(Trees.sha256(data), Trees.sha256(archived.get(0)));
        swarm.awaitSameTrees();
    }

    @Test
    public void anOverwrittenFileIsArchivedBeforeItIsReplaced() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        byte[] first = Trees.random(random, 200_000);
        Trees.write(a.root, "doc.txt", first);
        swarm.connectAll();
        swarm.awaitSameTrees();

        byte[] second = Trees.random(random, 250_000);
        Trees.write(a.root, "doc.txt", second, 1_000);
        swarm.awaitSameTrees();

        assertEquals(Trees.sha256(second), Trees.sha256(b.file("doc.txt")));
        List<java.nio.file.Path> archived = allFiles(FolderMarker.syncDirectory(b.root).resolve("Archive"));
        assertEquals(1, archived.size());
        assertEquals(Trees.sha256(first), Trees.sha256(archived.get(0)));
    }
}
