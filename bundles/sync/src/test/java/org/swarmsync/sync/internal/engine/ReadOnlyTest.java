package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
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

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
