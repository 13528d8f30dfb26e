package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.Test;
import org.swarmsync.sync.internal.engine.Swarm.Node;
import org.swarmsync.sync.internal.model.RelativePath;

/** {@code .sync/IgnoreList}: ignored paths are neither sent nor deleted, and the list is each peer's own. */
public class IgnoreListSyncTest extends SwarmTestBase {

    private static void ignoreList(Node node, String text) throws Exception {
        Path list = node.root.resolve(".sync/IgnoreList");
        Files.writeString(list, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(list, FileTime.fromMillis(System.currentTimeMillis() + 1000 * text.length()));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void ignoredPathsAreNeitherSentNorDeletedAndAnEditedListTakesEffect() throws Exception {
        Node a = swarm.create("a", secret);
        Node b = swarm.create("b", secret);
        ignoreList(a, "!keep.tmp\n*.tmp\n/build\n");
        ignoreList(b, "mine.db\n");
        Trees.write(a.root, "doc.txt", text("shared"));
        Trees.write(a.root, "a.tmp", text("scratch of a"));
        Trees.write(a.root, "keep.tmp", text("kept despite *.tmp"));
        Trees.write(a.root, "build/out.bin", text("built at the root"));
        Trees.write(a.root, "src/build/x.txt", text("a deeper build is not /build"));
        Trees.write(a.root, "mine.db", text("a's mine.db: b ignores it"));
        Trees.write(b.root, "mine.db", text("b's own database"));
        a.start();
        b.start();
        swarm.connectAll();

        Swarm.await("b has what a does not ignore",
                () -> Files.exists(b.file("doc.txt")) && Files.exists(b.file("keep.tmp"))
                        && Files.exists(b.file("src/build/x.txt")));
        Swarm.await("a scanned b's announcements", () -> a.engine.peers().size() == 1);
        Thread.sleep(1500); // anything ignored that were to be sent would be on its way by now
        assertFalse(Files.exists(b.file("a.tmp")));
        assertFalse(Files.exists(b.file("build")));
        assertEquals("b's own database", Files.readString(b.file("mine.db")));
        assertTrue("a never announced what it ignores", a.index.local(RelativePath.of("a.tmp")).isEmpty());
        assertEquals("b ignores mine.db: a keeps its own", "a's mine.db: b ignores it",
                Files.readString(a.file("mine.db")));

        // A deletion of a path the receiver ignores leaves its copy alone.
        Trees.write(b.root, "shared.db", text("b will ignore this"));
        Swarm.await("a got shared.db", () -> Files.exists(a.file("shared.db")));
        ignoreList(b, "mine.db\nshared.db\n");
        Thread.sleep(2500); // the list is checked every 2 s
        Files.delete(a.file("shared.db"));
        Swarm.await("a scanned the deletion",
                () -> a.index.local(RelativePath.of("shared.db")).map(e -> e.deleted()).orElse(false));
        Thread.sleep(1500);
        assertTrue(Files.exists(b.file("shared.db")));

        // Dropping a rule lets what it ignored flow, without a restart.
        ignoreList(a, "!keep.tmp\n/build\n");
        Swarm.await("a.tmp reaches b once a no longer ignores it", () -> Files.exists(b.file("a.tmp")));
        assertEquals("scratch of a", Files.readString(b.file("a.tmp")));
        assertFalse("the list itself is never synced", Files.readString(b.root.resolve(".sync/IgnoreList"))
                .contains("keep.tmp"));
    }
}
