package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.swarmsync.api.sync.FileNotice;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;

/** A read-only peer receives everything, and what it changes itself goes nowhere. */
public class ReadOnlyTest extends SwarmTestBase {

    private static final RelativePath SHARED = RelativePath.of("shared.txt");

    @Test
    public void aReadOnlyPeerReceivesEverythingAndItsEditsStayLocal() throws Exception {
        Node a = swarm.add("a", secret);
        Node r = swarm.add("r", secret.readOnly());
        Trees.write(a.root, "shared.txt", "from the writer".getBytes(StandardCharsets.UTF_8), 60_000);
        Trees.write(a.root, "dir/data.bin", Trees.random(random, 400_000));
        Files.createDirectories(a.file("dir/empty"));
        swarm.connectAll();
        swarm.awaitSameTrees();
        // It announces what it received, so it can serve those blocks to others.
        Swarm.await("the writer holds the read-only peer's announcements",
                () -> a.index.remote(r.index.localDevice(), SHARED).isPresent());

        long before = r.index.localSequence();
        Trees.write(r.root, "shared.txt", "edited on the read-only peer".getBytes(StandardCharsets.UTF_8), 30_000);
        Trees.write(r.root, "only-here.txt", "new on the read-only peer".getBytes(StandardCharsets.UTF_8));
        Swarm.await("the read-only peer scanned its edits", () -> r.index.localSequence() >= before + 2);
        Swarm.await("the read-only peer's announcer caught up",
                () -> r.engine.sentUpTo(a.id) >= r.index.localSequence());
        Thread.sleep(300); // anything sent would have arrived by now

        assertEquals("from the writer", Files.readString(a.file("shared.txt")));
        assertFalse(Files.exists(a.file("only-here.txt")));
        FileEntry announced = a.index.remote(r.index.localDevice(), SHARED).get();
        assertFalse("the read-only peer's own version reached the writer",
                announced.version().counters().containsKey(r.index.localDevice()));
        assertTrue(a.index.remote(r.index.localDevice(), RelativePath.of("only-here.txt")).isEmpty());

        // The writer's next version still reaches it; its own edit is kept as a conflict copy.
        Trees.write(a.root, "shared.txt", "the writer again".getBytes(StandardCharsets.UTF_8), 1_000);
        Swarm.await("the read-only peer took the writer's version",
                () -> readQuietly(r.file("shared.txt")).equals("the writer again"));
        List<Path> copies = filesNamed(r.root, ConflictRule.MARK);
        assertEquals(1, copies.size());
        assertEquals("edited on the read-only peer", Files.readString(copies.get(0)));
        Thread.sleep(300);
        assertTrue(filesNamed(a.root, ConflictRule.MARK).isEmpty());
        FileEntry local = r.index.local(SHARED).get();
        assertFalse(local.version().counters().containsKey(r.index.localDevice()));
    }

    @Test
    public void localChangesAreReportedAndRestoredWithNothingLost() throws Exception {
        Node a = swarm.add("a", secret);
        Node r = swarm.add("r", secret.readOnly());
        Trees.write(a.root, "shared.txt", "from the writer".getBytes(StandardCharsets.UTF_8), 60_000);
        Trees.write(a.root, "dir/data.bin", Trees.random(random, 200_000), 60_000);
        swarm.connectAll();
        swarm.awaitSameTrees();

        Trees.write(r.root, "shared.txt", "edited on the read-only peer".getBytes(StandardCharsets.UTF_8), 30_000);
        Files.delete(r.file("dir/data.bin"));
        Trees.write(r.root, "only-here.txt", "new on the read-only peer".getBytes(StandardCharsets.UTF_8));
        Swarm.await("status names the three local changes", () -> localChanges(r).equals(
                List.of("dir/data.bin", "only-here.txt", "shared.txt")));
        assertTrue(r.engine.notices().stream().anyMatch(n -> n.path().equals("dir/data.bin")
                && n.detail().startsWith("deleted here")));
        assertTrue("a writer has no local changes to give up", assertThrows(IllegalStateException.class,
                () -> a.engine.restore("")).getMessage().contains("read-write"));

        assertEquals(1, r.engine.restore("shared.txt"));
        Swarm.await("the edited file has the writer's version again",
                () -> readQuietly(r.file("shared.txt")).equals("from the writer"));
        Swarm.await("only the other two are left", () -> localChanges(r).equals(List.of("dir/data.bin",
                "only-here.txt")));
        assertEquals(2, r.engine.restore(""));
        swarm.awaitSameTrees();
        Swarm.await("no local change is left", () -> localChanges(r).isEmpty());
        // Nothing was lost: the edit and the file added here are in the archive.
        List<String> archived = new ArrayList<>();
        for (Path p : allFiles(r.root.resolve(".sync/Archive"))) {
            archived.add(Files.readString(p));
        }
        assertTrue(archived.toString(), archived.contains("edited on the read-only peer"));
        assertTrue(archived.toString(), archived.contains("new on the read-only peer"));
        assertTrue(filesNamed(r.root, ConflictRule.MARK).isEmpty());
    }

    private static List<String> localChanges(Node node) {
        return node.engine.notices().stream().filter(n -> n.kind() == FileNotice.Kind.LOCAL_CHANGE)
                .map(FileNotice::path).toList();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
