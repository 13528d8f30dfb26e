package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.swarmsync.api.sync.FolderState;
import org.swarmsync.api.sync.FolderStatus;
import org.swarmsync.sync.internal.engine.Swarm.Node;

/**
 * The status a receiver shows while a tree of small files arrives (the index in several
 * frames, the files in several passes): the file total never goes down, the done count never
 * goes down, and the folder is idle only when everything known has arrived.
 */
public class ProgressTotalsTest extends SwarmTestBase {

    private static final int FILES = 3000;

    @Test
    public void totalsOnlyGrowAndIdleMeansNothingKnownIsLeft() throws Exception {
        Node a = swarm.create("a", secret);
        for (int i = 0; i < FILES; i++) {
            Trees.write(a.root, "d" + i % 30 + "/f" + i, Trees.random(random, 100 + i % 900));
        }
        a.start();
        Swarm.await("a scanned", () -> a.engine.status().localFiles() == FILES);
        Node b = swarm.add("b", secret);
        Swarm.await("b scanned", () -> b.engine.status().state() != FolderState.SCANNING);

        List<FolderStatus> seen = new ArrayList<>();
        List<String> debug = new ArrayList<>();
        swarm.connect(b, a);
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (System.nanoTime() < deadline) {
            FolderStatus s = b.engine.status("b");
            seen.add(s);
            debug.add("passes=" + b.progress().passes.get() + " totals=" + b.engine.puller().totals() + " applied=" + b.progress().applied.get());
            if (s.filesDone() == FILES && s.state() == FolderState.IDLE) {
                break;
            }
            Thread.sleep(2);
        }
        FolderStatus last = seen.get(seen.size() - 1);
        assertEquals("b got everything: " + last, FILES, last.filesDone());
        for (int i = 1; i < seen.size(); i++) {
            FolderStatus before = seen.get(i - 1);
            FolderStatus now = seen.get(i);
            assertTrue("files total went down: " + before + " -> " + now + debug.subList(Math.max(0, i - 3), i + 1), now.filesTotal() >= before.filesTotal());
            assertTrue("files done went down: " + before + " -> " + now, now.filesDone() >= before.filesDone());
            assertTrue("bytes total went down: " + before + " -> " + now, now.bytesTotal() >= before.bytesTotal());
            assertTrue("done above total: " + now, now.filesDone() <= now.filesTotal());
        }
        // Once the receiver knew files to fetch, "idle" came only with all of them in place.
        boolean knew = false;
        for (FolderStatus s : seen) {
            knew |= s.filesTotal() > 0;
            if (knew && s.state() == FolderState.IDLE) {
                assertEquals("idle with files left: " + s, s.filesTotal(), s.filesDone());
            }
        }
        swarm.awaitSameTrees();
    }
}
