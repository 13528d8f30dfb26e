package org.swarmsync.sync.internal.index;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.ContentHash;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

public class FolderIndexTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final Random random = new Random(7);
    private Path file;
    private FolderIndex index;

    @Before
    public void open() throws IOException {
        file = temp.getRoot().toPath().resolve("index.mv");
        index = FolderIndex.open(file);
    }

    @After
    public void close() {
        index.close();
    }

    private FolderIndex reopen() throws IOException {
        index.close();
        index = FolderIndex.open(file);
        return index;
    }

    private static RelativePath path(String text) {
        return RelativePath.of(text);
    }

    @Test
    public void aLargeLocalEntryIsDecodedOnceUntilItChanges() throws IOException {
        // 1,600 blocks: a peer fetching this file looks the entry up once per block.
        FileEntry big = index.putLocal(Entries.file("big.bin", 200L << 20, random, index.localDevice()));
        FileEntry first = index.local(big.path()).orElseThrow();
        assertEquals(big, first);
        assertTrue("the same stored entry is not decoded again", first == index.local(big.path()).orElseThrow());
        FileEntry changed = index.putLocal(Entries.file("big.bin", 201L << 20, random, index.localDevice()));
        FileEntry after = index.local(big.path()).orElseThrow();
        assertEquals(changed, after);
        assertFalse(first.equals(after));
        assertEquals("and what a reopened index reads is the same", changed, reopen().local(big.path()).orElseThrow());
        FileEntry small = index.putLocal(Entries.file("small.bin", 1 << 20, random, index.localDevice()));
        assertEquals(small, index.local(small.path()).orElseThrow());
        assertTrue("small entries are decoded each time",
                index.local(small.path()).orElseThrow() != index.local(small.path()).orElseThrow());
    }

    @Test
    public void theDeviceIdIsRandomNonZeroAndKeptAcrossReopening() throws IOException {
        long device = index.localDevice();
        assertNotEquals(0, device);
        assertEquals(device, reopen().localDevice());
        try (FolderIndex other = FolderIndex.open(temp.getRoot().toPath().resolve("other.mv"))) {
            assertNotEquals(device, other.localDevice());
        }
    }

    @Test
    public void localPutsTakeConsecutiveSequencesAndTheLatestVersionWins() {
        assertEquals(0, index.localSequence());
        FileEntry a = index.putLocal(Entries.file("a", 10, random, 1));
        FileEntry b = index.putLocal(Entries.file("dir/b", 10, random, 1));
        FileEntry a2 = index.putLocal(Entries.file("a", 20, random, 1));
        assertEquals(1, a.sequence());
        assertEquals(2, b.sequence());
        assertEquals(3, a2.sequence());
        assertEquals(3, index.localSequence());
        assertEquals(Optional.of(a2), index.local(path("a")));
        assertEquals(List.of(a2, b), index.localEntries().toList());
    }

    @Test
    public void theDeltaSinceASequenceHoldsEachChangedPathOnceInOrder() {
        FileEntry a = index.putLocal(Entries.file("a", 10, random, 1));
        FileEntry b = index.putLocal(Entries.file("b", 10, random, 1));
        FileEntry c = index.putLocal(Entries.file("c", 10, random, 1));
        FileEntry a2 = index.putLocal(Entries.file("a", 11, random, 1));
        assertEquals(List.of(b, c, a2), index.localSince(0).toList());
        assertEquals(List.of(c, a2), index.localSince(b.sequence()).toList());
        assertEquals(List.of(), index.localSince(a2.sequence()).toList());
        assertEquals(4, a2.sequence());
        assertFalse(index.localSince(0).anyMatch(entry -> entry.equals(a)));
    }

    @Test
    public void entriesUnderADirectoryExcludeSiblingsSharingItsPrefix() {
        for (String text : List.of("a", "a/b", "a/b/c", "a/b-c", "a/bc", "a/b/d/e", "a/c", "b")) {
            index.putLocal(Entries.directory(text, 1));
        }
        assertEquals(List.of("a/b", "a/b/c", "a/b/d/e"),
                index.localEntriesUnder(path("a/b")).map(e -> e.path().text()).toList());
        assertEquals(List.of("b"), index.localEntriesUnder(path("b")).map(e -> e.path().text()).toList());
    }

    @Test
    public void replaceLocalOnlyOverwritesTheExpectedVersion() {
        FileEntry a = index.putLocal(Entries.file("a", 10, random, 1));
        assertTrue(index.replaceLocal(0, Entries.file("a", 11, random, 1)).isEmpty());
        assertTrue(index.replaceLocal(0, Entries.file("new", 11, random, 1)).isPresent());
        Optional<FileEntry> replaced = index.replaceLocal(a.sequence(), Entries.file("a", 12, random, 1));
        assertEquals(12, replaced.orElseThrow().size());
        assertTrue(index.replaceLocal(a.sequence(), Entries.file("a", 13, random, 1)).isEmpty());
        assertEquals(12, index.local(path("a")).orElseThrow().size());
    }

    @Test
    public void aBadEntryLeavesTheIndexUntouched() {
        FileEntry a = index.putLocal(Entries.file("a", 10, random, 1));
        FileEntry bad = new FileEntry(path("a"), a.type(), 10, 0, 0, 1024, List.of(), a.version(), false, "", 0);
        assertThrows(EntryFormatException.class, () -> index.putLocal(bad));
        assertEquals(Optional.of(a), index.local(path("a")));
        assertEquals(1, index.localSequence());
        assertTrue(index.findBlock(a.blocks().get(0).hash()).isPresent());
    }

    @Test
    public void blockLookupFollowsLocalEntries() {
        FileEntry a = index.putLocal(Entries.file("a", 300_000, random, 1));
        Block second = a.blocks().get(1);
        assertEquals(Optional.of(new BlockLocation(path("a"), second.offset(), second.length())),
                index.findBlock(second.hash()));
        // Same content under another name: both places are known.
        FileEntry copy = new FileEntry(path("z/copy"), a.type(), a.size(), 0, 0, a.blockSize(), a.blocks(),
                a.version(), false, "", 0);
        index.putLocal(copy);
        assertEquals(Set.of("a", "z/copy"), index.findBlocks(second.hash(), 10).stream()
                .map(location -> location.path().text()).collect(Collectors.toSet()));
        // The original changes: its old blocks are no longer found there, still in the copy.
        index.putLocal(Entries.file("a", 10, random, 1));
        assertEquals(List.of(new BlockLocation(path("z/copy"), second.offset(), second.length())),
                index.findBlocks(second.hash(), 10));
        // The copy is deleted: gone.
        index.putLocal(Entries.tombstone(index.local(path("z/copy")).orElseThrow(), 1));
        assertEquals(Optional.empty(), index.findBlock(second.hash()));
        assertEquals(Optional.empty(), index.findBlock(Entries.hash(random)));
    }

    @Test
    public void remoteEntriesAndTheirHighestSequencePerDevice() {
        long peer = 0x1234_5678_9abc_def0L;
        long other = -5;
        index.putRemote(peer, Entries.file("a", 10, random, peer).withSequence(7));
        index.putRemote(peer, Entries.file("b", 10, random, peer).withSequence(9));
        index.putRemote(peer, Entries.file("a", 20, random, peer).withSequence(8));
        index.putRemote(other, Entries.directory("d", other).withSequence(3));
        assertEquals(9, index.remoteSequence(peer));
        assertEquals(3, index.remoteSequence(other));
        assertEquals(0, index.remoteSequence(99));
        assertEquals(20, index.remote(peer, path("a")).orElseThrow().size());
        assertEquals(Optional.empty(), index.remote(other, path("a")));
        assertEquals(Optional.empty(), index.remote(99, path("a")));
        assertEquals(List.of("a", "b"), index.remoteEntries(peer).map(e -> e.path().text()).toList());
        assertEquals(Set.of(peer, other), index.remoteDevices());
        assertThrows(IllegalArgumentException.class,
                () -> index.putRemote(index.localDevice(), Entries.directory("x", 1)));
        index.dropRemote(peer);
        assertEquals(Set.of(other), index.remoteDevices());
        assertEquals(0, index.remoteSequence(peer));
        assertEquals(0, index.remoteEntries(peer).count());
        // The local side is untouched by all this.
        assertEquals(0, index.localSequence());
    }

    @Test
    public void resumeStateRoundTripsPerTargetAndEndsWhenTheFileIsInPlace() throws IOException {
        FileEntry target = Entries.file("big.bin", 5_000_000, random, 9);
        Hash256 content = ContentHash.of(target);
        BitSet done = new BitSet();
        done.set(0);
        done.set(3, 7);
        done.set(37);
        index.putResume(target.path(), content, done);
        assertEquals(Optional.of(done), index.resume(target.path(), content));
        assertEquals(Optional.empty(), index.resume(target.path(), Entries.hash(random)));
        assertEquals(Optional.empty(), index.resume(path("other"), content));
        index.commit();
        assertEquals(Optional.of(done), reopen().resume(target.path(), content));
        assertEquals(Set.of(target.path()), index.resumePaths());
        // Another file's content recorded there does not end it; the target's content does.
        index.putLocal(Entries.file("big.bin", 10, random, 1));
        assertTrue(index.resume(target.path(), content).isPresent());
        index.putLocal(target);
        assertEquals(Optional.empty(), index.resume(target.path(), content));
        index.putResume(path("x"), content, new BitSet());
        assertEquals(Optional.of(new BitSet()), index.resume(path("x"), content));
        index.clearResume(path("x"));
        assertEquals(Set.of(), index.resumePaths());
    }

    @Test
    public void committedStateSurvivesReopening() throws IOException {
        long peer = 42;
        for (int i = 0; i < 100; i++) {
            index.putLocal(Entries.file("dir" + i % 7 + "/f" + i, 1000L * i, random, index.localDevice()));
        }
        index.putRemote(peer, Entries.file("r", 5, random, peer).withSequence(5));
        index.commit();
        List<FileEntry> before = index.localEntries().toList();
        Hash256 someBlock = before.get(50).blocks().get(0).hash();
        reopen();
        assertEquals(before, index.localEntries().toList());
        assertEquals(100, index.localSequence());
        assertEquals(5, index.remoteSequence(peer));
        assertTrue(index.findBlock(someBlock).isPresent());
        // and sequences continue from where they were
        assertEquals(101, index.putLocal(Entries.directory("new", 1)).sequence());
    }

    @Test
    public void aCrashLosesExactlyWhatWasNotCommitted() throws IOException {
        long device = index.localDevice();
        FileEntry kept = index.putLocal(Entries.file("kept", 300_000, random, device));
        FileEntry changed = index.putLocal(Entries.file("changed", 300_000, random, device));
        index.putRemote(5, Entries.file("remote", 10, random, 5).withSequence(3));
        index.putResume(path("dl"), Entries.hash(random), BitSet.valueOf(new long[] {5}));
        index.commit();
        List<FileEntry> committed = index.localEntries().toList();

        // Uncommitted: a change, a new entry, a remote entry, resume state. Then a crash.
        FileEntry lost = index.putLocal(Entries.file("changed", 10, random, device));
        index.putLocal(Entries.file("lost", 10, random, device));
        index.putRemote(5, Entries.file("remote2", 10, random, 5).withSequence(4));
        index.clearResume(path("dl"));
        assertTrue(index.hasUncommittedChanges());
        index.simulateCrash();

        index = FolderIndex.open(file);
        assertEquals(device, index.localDevice());
        assertEquals(committed, index.localEntries().toList());
        assertEquals(2, index.localSequence());
        assertEquals(3, index.remoteSequence(5));
        assertEquals(Optional.empty(), index.remote(5, path("remote2")));
        assertTrue(index.resumePaths().contains(path("dl")));
        // Block lookups are those of the committed entries, not of the lost change.
        assertEquals(path("changed"), index.findBlock(changed.blocks().get(2).hash()).orElseThrow().path());
        assertEquals(Optional.empty(), index.findBlock(lost.blocks().get(0).hash()));
        assertEquals(path("kept"), index.findBlock(kept.blocks().get(0).hash()).orElseThrow().path());
        assertEquals(List.of(kept, changed), index.localSince(0).toList());
    }

    @Test
    public void repeatedCrashesAtRandomPointsAlwaysReopenToTheLastCommit() throws IOException {
        long device = index.localDevice();
        List<FileEntry> committed = List.of();
        for (int round = 0; round < 12; round++) {
            int changes = 1 + random.nextInt(300);
            for (int i = 0; i < changes; i++) {
                index.putLocal(Entries.file("d" + random.nextInt(20) + "/f" + random.nextInt(200),
                        random.nextInt(400_000), random, device));
                if (random.nextInt(50) == 0) {
                    index.commit();
                    committed = index.localEntries().toList();
                }
            }
            if (random.nextBoolean()) {
                index.commit();
                committed = index.localEntries().toList();
            }
            index.simulateCrash();
            index = FolderIndex.open(file);
            assertEquals("round " + round, committed, index.localEntries().toList());
            assertEquals(committed.stream().mapToLong(FileEntry::sequence).max().orElse(0), index.localSequence());
            // The block lookup agrees with the entries.
            for (FileEntry entry : committed) {
                for (Block block : entry.blocks()) {
                    assertTrue(index.findBlocks(block.hash(), 100).contains(
                            new BlockLocation(entry.path(), block.offset(), block.length())));
                }
            }
        }
    }

    @Test
    public void commitIfDueCommitsAtMostOnceAnInterval() throws InterruptedException {
        index.commit();
        index.putLocal(Entries.directory("a", 1));
        assertFalse(index.commitIfDue());
        assertTrue(index.hasUncommittedChanges());
        Thread.sleep(FolderIndex.COMMIT_INTERVAL_MILLIS + 50);
        assertTrue(index.commitIfDue());
        assertFalse(index.hasUncommittedChanges());
        index.putLocal(Entries.directory("b", 1));
        assertFalse(index.commitIfDue());
    }

    @Test
    public void aMissingDirectoryOrAForeignFileIsAClearError() throws IOException {
        Path nowhere = temp.getRoot().toPath().resolve("unmounted/.sync/index.mv");
        IOException e = assertThrows(IOException.class, () -> FolderIndex.open(nowhere));
        assertTrue(e.getMessage(), e.getMessage().contains("does not exist"));
        Path garbage = temp.newFile("garbage.mv").toPath();
        Files.write(garbage, new byte[8192]);
        e = assertThrows(IOException.class, () -> FolderIndex.open(garbage));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot be opened"));
        e = assertThrows(IOException.class, () -> FolderIndex.open(file));
        assertTrue("the open index is locked: " + e.getMessage(), e.getMessage().contains("cannot be opened"));
        Path future = temp.getRoot().toPath().resolve("future.mv");
        try (MVStore store = new MVStore.Builder().fileName(future.toString()).open()) {
            store.openMap("meta", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
                    .valueType(LongDataType.INSTANCE)).put("format", FolderIndex.STORE_FORMAT + 1);
        }
        e = assertThrows(IOException.class, () -> FolderIndex.open(future));
        assertTrue(e.getMessage(), e.getMessage().contains("has format 2; this version reads format 1"));
    }
}
