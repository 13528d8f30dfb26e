package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.model.RelativePath;

/** Concurrent edits: both sides pick the same winner, and the loser's content survives as a copy. */
public class ConflictTest extends SwarmTestBase {

    @Test
    public void concurrentEditsKeepBothVersions() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        Trees.write(a.root, "plan.txt", "original".getBytes(StandardCharsets.UTF_8), 60_000);
        swarm.connectAll();
        swarm.awaitSameTrees();
        swarm.disconnect(a);
        Swarm.await("both disconnected", () -> a.engine.peers().isEmpty() && b.engine.peers().isEmpty());

        long seqA = a.index.localSequence();
        long seqB = b.index.localSequence();
        Trees.write(a.root, "plan.txt", "edited on a".getBytes(StandardCharsets.UTF_8), 20_000);
        Trees.write(b.root, "plan.txt", "edited on b, later".getBytes(StandardCharsets.UTF_8), 10_000);
        Swarm.await("both scanned their edits",
                () -> a.index.localSequence() > seqA && b.index.localSequence() > seqB);

        swarm.connectAll();
        swarm.awaitSameTrees();

        // b's edit is later, so it wins on both sides; a's survives as a's conflict copy.
        for (Node node : List.of(a, b)) {
            assertEquals("edited on b, later", Files.readString(node.file("plan.txt")));
            List<Path> copies = filesNamed(node.root, ConflictRule.MARK);
            assertEquals(node + " " + copies, 1, copies.size());
            String name = copies.get(0).getFileName().toString();
            String deviceA = String.format("%016x", a.index.localDevice()).substring(0, 7);
            assertTrue(name, name.matches("plan\\.sync-conflict-\\d{8}-\\d{6}-" + deviceA + "\\.txt"));
            assertEquals("edited on a", Files.readString(copies.get(0)));
        }
        RelativePath path = RelativePath.of("plan.txt");
        assertEquals(a.index.local(path).get().version(), b.index.local(path).get().version());
    }

    @Test
    public void aDeletionLosesAgainstAConcurrentEdit() throws Exception {
        Node a = swarm.add("a", secret);
        Node b = swarm.add("b", secret);
        Trees.write(a.root, "keep.txt", "v1".getBytes(StandardCharsets.UTF_8), 60_000);
        swarm.connectAll();
        swarm.awaitSameTrees();
        swarm.disconnect(a);
        Swarm.await("both disconnected", () -> a.engine.peers().isEmpty() && b.engine.peers().isEmpty());

        long seqA = a.index.localSequence();
        long seqB = b.index.localSequence();
        Files.delete(a.file("keep.txt"));
        Trees.write(b.root, "keep.txt", "v2 from b".getBytes(StandardCharsets.UTF_8), 50_000);
        Swarm.await("both scanned", () -> a.index.localSequence() > seqA && b.index.localSequence() > seqB);

        swarm.connectAll();
        swarm.awaitSameTrees();
        assertEquals("v2 from b", Files.readString(a.file("keep.txt")));
    }
}
