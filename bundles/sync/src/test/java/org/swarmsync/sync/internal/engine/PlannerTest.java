package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** What the puller decides to do, path by path, from the entries alone. */
public class PlannerTest {

    private static final long W1 = 0x1111L;
    private static final long W2 = 0x2222L;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private FolderIndex index;
    private long us;
    private long remoteSequence;

    @Before
    public void setUp() throws Exception {
        index = FolderIndex.open(tmp.getRoot().toPath().resolve("index.mv"));
        us = index.localDevice();
    }

    @After
    public void tearDown() {
        index.close();
    }

    private FileEntry file(String path, int seed, long mtime, int permissions, Map<Long, Long> version) {
        byte[] hash = new byte[32];
        hash[0] = (byte) seed;
        return new FileEntry(RelativePath.of(path), EntryType.FILE, 1000, mtime, permissions, 131072,
                List.of(new Block(0, 1000, Hash256.of(hash))), VersionVector.of(version), false, "", 0);
    }

    private FileEntry tombstone(String path, Map<Long, Long> version) {
        return new FileEntry(RelativePath.of(path), EntryType.FILE, 0, 1, 0644, 0, List.of(), VersionVector.of(version),
                true, "", 0);
    }

    private FileEntry dir(String path, Map<Long, Long> version) {
        return new FileEntry(RelativePath.of(path), EntryType.DIRECTORY, 0, 1, 0755, 0, List.of(),
                VersionVector.of(version), false, "", 0);
    }

    private void remote(long device, FileEntry entry) {
        index.putRemote(device, entry.withSequence(++remoteSequence));
    }

    private Optional<Need> evaluate(boolean readOnly, String path, Long... writers) {
        return new Planner(index, readOnly, p -> false, new NameClashes(Path.of("no-such-folder"))).evaluate(RelativePath.of(path), List.of(writers));
    }

    @Test
    public void aNewerOrUnknownVersionIsNeededAnUnknownDeletionIsNot() {
        remote(W1, file("new.txt", 1, 100, 0644, Map.of(W1, 1L)));
        remote(W1, tombstone("gone.txt", Map.of(W1, 2L)));
        index.putLocal(file("old.txt", 1, 100, 0644, Map.of(W1, 1L)));
        remote(W1, file("old.txt", 2, 50, 0644, Map.of(W1, 2L)));

        assertEquals(Need.Kind.FILE, evaluate(false, "new.txt", W1).get().kind());
        assertTrue(evaluate(false, "gone.txt", W1).isEmpty());
        Need update = evaluate(false, "old.txt", W1).get();
        assertEquals(Need.Kind.FILE, update.kind());
        assertFalse("a newer version is no conflict, even when older by time", update.conflict());
    }

    @Test
    public void sameContentWithAnotherHistoryOnlyMergesTheVectors() {
        index.putLocal(file("same.txt", 1, 100, 0644, Map.of(us, 1L)));
        remote(W1, file("same.txt", 1, 200, 0644, Map.of(W1, 1L)));
        Need need = evaluate(false, "same.txt", W1).get();
        assertEquals(Need.Kind.ADOPT, need.kind());
        Planner planner = new Planner(index, false, p -> false, new NameClashes(Path.of("no-such-folder")));
        FileEntry local = index.local(RelativePath.of("same.txt")).get();
        FileEntry theirs = index.remote(W1, RelativePath.of("same.txt")).get();
        assertEquals(VersionVector.of(Map.of(us, 1L, W1, 1L)), planner.adopted(theirs, local));
        // A read-only node takes the writer's history as it is, so it can announce it again.
        assertEquals(VersionVector.of(Map.of(W1, 1L)), new Planner(index, true, p -> false, new NameClashes(Path.of("no-such-folder"))).adopted(theirs, local));
    }

    @Test
    public void aConflictGoesToTheLaterEditExceptThatAReadOnlyNodeAlwaysYields() {
        index.putLocal(file("c.txt", 1, 500, 0644, Map.of(us, 1L)));
        remote(W1, file("c.txt", 2, 400, 0644, Map.of(W1, 1L)));
        assertTrue("ours is later: nothing to do", evaluate(false, "c.txt", W1).isEmpty());
        Need yielded = evaluate(true, "c.txt", W1).get();
        assertEquals(Need.Kind.FILE, yielded.kind());
        assertTrue(yielded.conflict());

        remote(W1, file("c.txt", 3, 900, 0644, Map.of(W1, 2L)));
        Need lost = evaluate(false, "c.txt", W1).get();
        assertTrue(lost.conflict());
    }

    @Test
    public void onlyPermissionsDifferingIsAMetadataChange() {
        index.putLocal(file("p.sh", 1, 100, 0644, Map.of(W1, 1L)));
        remote(W1, file("p.sh", 1, 100, 0755, Map.of(W1, 2L)));
        assertEquals(Need.Kind.METADATA, evaluate(false, "p.sh", W1).get().kind());
    }

    @Test
    public void betweenTwoWritersTheNewestOrTheConflictWinnerIsTheTarget() {
        remote(W1, file("x.txt", 1, 100, 0644, Map.of(W1, 1L)));
        remote(W2, file("x.txt", 2, 300, 0644, Map.of(W1, 1L, W2, 1L)));
        assertEquals(W2, evaluate(false, "x.txt", W1, W2).get().device());
        remote(W1, file("y.txt", 1, 900, 0644, Map.of(W1, 1L)));
        remote(W2, file("y.txt", 2, 300, 0644, Map.of(W2, 1L)));
        assertEquals(W1, evaluate(false, "y.txt", W1, W2).get().device());
        assertEquals(W1, evaluate(false, "y.txt", W2, W1).get().device());
    }

    @Test
    public void aPlanGoesParentsFirstSmallFilesFirstAndDeletesDeepestFirst() {
        remote(W1, dir("a", Map.of(W1, 1L)));
        remote(W1, dir("a/b", Map.of(W1, 1L)));
        remote(W1, file("a/b/big", 1, 1, 0644, Map.of(W1, 1L)));
        FileEntry small = new FileEntry(RelativePath.of("a/small"), EntryType.FILE, 0, 1, 0644, 0, List.of(),
                VersionVector.of(Map.of(W1, 1L)), false, "", 0);
        remote(W1, small);
        index.putLocal(dir("old", Map.of(W1, 1L)));
        index.putLocal(file("old/f", 1, 1, 0644, Map.of(W1, 1L)));
        remote(W1, tombstone("old/f", Map.of(W1, 2L)));
        remote(W1, new FileEntry(RelativePath.of("old"), EntryType.DIRECTORY, 0, 1, 0755, 0, List.of(),
                VersionVector.of(Map.of(W1, 2L)), true, "", 0));
        remote(W1, file(".sync/evil", 1, 1, 0644, Map.of(W1, 1L)));

        Planner.Plan plan = new Planner(index, false, p -> false, new NameClashes(Path.of("no-such-folder"))).plan(List.of(W1), null);
        assertEquals(List.of("a", "a/b"), plan.directories().stream().map(n -> n.path().text()).toList());
        assertEquals(List.of("a/small", "a/b/big"), plan.files().stream().map(n -> n.path().text()).toList());
        assertEquals(List.of("old/f", "old"), plan.deletions().stream().map(n -> n.path().text()).toList());
        assertEquals("nothing under .sync", 6, plan.size());
    }
}
