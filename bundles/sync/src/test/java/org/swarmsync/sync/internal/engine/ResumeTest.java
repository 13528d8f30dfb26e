package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.scan.TempFiles;

/** An interrupted download: never visible half-done, and resumed without fetching verified blocks again. */
public class ResumeTest extends SwarmTestBase {

    private static final RelativePath BIG = RelativePath.of("movies/big.bin");

    @Test
    public void anInterruptedTransferResumesWithoutRefetchingVerifiedBlocks() throws Exception {
        Node a = swarm.add("a", secret);
        byte[] data = Trees.random(random, 20 << 20);
        Trees.write(a.root, BIG.text(), data);
        Swarm.await("a scanned", () -> a.index.local(BIG).isPresent());
        FileEntry entry = a.index.local(BIG).get();
        int blocks = entry.blocks().size();
        assertEquals(160, blocks);

        // a serves 40 blocks, then holds every further request until released.
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger();
        a.engine.server().beforeServe(request -> {
            if (served.incrementAndGet() > 40) {
                try {
                    gate.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Node b = swarm.add("b", secret);
        swarm.connect(b, a);
        Swarm.await("b received the first 40 blocks", () -> b.progress().blocksReceived.get() >= 40);

        // Half done: nothing under the final name, the partial file only in .sync/tmp.
        assertFalse(Files.exists(b.file(BIG.text())));
        List<Path> partials = allFiles(TempFiles.directory(b.root));
        assertEquals(List.of(TempFiles.tempFor(b.root, BIG)), partials);

        b.stop();
        gate.countDown();
        int kept;
        try (FolderIndex index = FolderIndex.open(b.indexFile)) {
            BitSet done = index.resume(BIG, ContentHash.of(entry)).orElseThrow();
            kept = done.cardinality();
        }
        assertTrue("verified blocks kept: " + kept, kept >= 40 && kept < blocks);
        assertTrue(Files.exists(TempFiles.tempFor(b.root, BIG)));

        b.start();
        swarm.connect(b, a);
        swarm.awaitSameTrees(a, b);
        assertEquals("blocks requested after the restart", blocks - kept, b.progress().blocksRequested.get());
        assertEquals(Trees.sha256(data), Trees.sha256(b.file(BIG.text())));
        assertFalse(Files.exists(TempFiles.tempFor(b.root, BIG)));
        assertTrue(b.index.resumePaths().isEmpty());
    }
}
