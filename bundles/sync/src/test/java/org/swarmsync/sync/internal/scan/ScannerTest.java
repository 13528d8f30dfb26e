package org.swarmsync.sync.internal.scan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.index.BlockLocation;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** A generated tree scanned, then changed in every way and rescanned. */
public class ScannerTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final Random random = new Random(3);
    private Path root;
    private FolderIndex index;
    private Scanner scanner;
    private long device;

    @Before
    public void setUp() throws IOException {
        root = temp.newFolder("folder").toPath();
        FolderMarker.create(root);
        index = FolderIndex.open(root.resolve(".sync/index.mv"));
        device = index.localDevice();
        scanner = new Scanner(root, index, path -> false, 2);
    }

    @After
    public void tearDown() {
        scanner.close();
        index.close();
    }

    private FileEntry entry(String path) {
        return index.local(RelativePath.of(path)).orElseThrow(() -> new AssertionError("no entry " + path));
    }

    private Map<String, FileEntry> entries() {
        return index.localEntries().collect(Collectors.toMap(e -> e.path().text(), Function.identity()));
    }

    private VersionVector version(long counter) {
        return VersionVector.of(Map.of(device, counter));
    }

    /**
     * A tree with nested and empty directories, empty files, links (one pointing out of the
     * folder, which is not synced) and a multi-block file.
     */
    private void generateTree() throws IOException {
        Trees.write(root, "a/b/c/deep.txt", "deep".getBytes());
        Trees.write(root, "a/b/sibling.txt", Trees.random(random, 5000));
        Trees.write(root, "a/empty.txt", new byte[0]);
        Trees.write(root, "top.txt", "top".getBytes());
        Trees.write(root, "big.bin", Trees.random(random, 3 * 1024 * 1024 + 17));
        Trees.write(root, "exact.bin", Trees.random(random, 128 * 1024));
        Files.createDirectories(root.resolve("empty/dir"));
        Files.createSymbolicLink(root.resolve("a/link"), Path.of("b/c/deep.txt"));
        Files.createSymbolicLink(root.resolve("outside"), Path.of("/etc")); // never recorded: it points out
        Trees.chmod(root.resolve("top.txt"), "rw-r-----");
        Trees.chmod(root.resolve("a/b"), "rwxr-x---");
    }

    private static final Set<String> TREE = Set.of("a", "a/b", "a/b/c", "a/b/c/deep.txt", "a/b/sibling.txt",
            "a/empty.txt", "top.txt", "big.bin", "exact.bin", "empty", "empty/dir", "a/link");

    @Test
    public void aGeneratedTreeIsRecordedWithIndependentlyComputedBlocks() throws IOException {
        generateTree();
        ScanResult result = scanner.scan();

        Map<String, FileEntry> entries = entries();
        assertEquals(TREE, entries.keySet());
        assertEquals(new ScanResult(TREE.size(), 5, 5000 + 3 + 4 + 3 * 1024 * 1024 + 17 + 128 * 1024, TREE.size(), 0,
                0, 0, 0), result);
        assertEquals(TREE.size(), index.localSequence());
        assertEquals("every entry has its own sequence", TREE.size(),
                entries.values().stream().map(FileEntry::sequence).distinct().count());
        for (FileEntry entry : entries.values()) {
            Path onDisk = root.resolve(entry.path().text());
            assertEquals(entry.path().text(), version(1), entry.version());
            assertFalse(entry.deleted());
            assertEquals(Trees.mtime(onDisk), entry.modifiedMillis());
            if (entry.type() == EntryType.FILE) {
                assertEquals(Files.size(onDisk), entry.size());
                assertEquals(entry.path().text(), Trees.expectedBlocks(onDisk), entry.blocks());
                assertEquals(BlockSize.forFileSize(entry.size()), entry.blockSize());
            } else {
                assertEquals(0, entry.size());
                assertEquals(List.of(), entry.blocks());
            }
        }
        assertEquals(25, entry("big.bin").blocks().size());
        assertEquals(1, entry("exact.bin").blocks().size());
        assertEquals(List.of(), entry("a/empty.txt").blocks());
        assertEquals(EntryType.DIRECTORY, entry("empty/dir").type());
        assertEquals(EntryType.SYMLINK, entry("a/link").type());
        assertEquals("b/c/deep.txt", entry("a/link").symlinkTarget());
        assertEquals(0640, entry("top.txt").permissions());
        assertEquals(0750, entry("a/b").permissions());
        assertFalse("the scan is committed", index.hasUncommittedChanges());
    }

    @Test
    public void aRescanOfAnUnchangedTreeReadsNothingAndRecordsNothing() throws IOException {
        generateTree();
        scanner.scan();
        Map<String, FileEntry> before = entries();
        ScanResult again = scanner.scan();
        assertEquals(new ScanResult(TREE.size(), 0, 0, 0, 0, 0, 0, 0), again);
        assertEquals(before, entries());
        assertEquals(TREE.size(), index.localSequence());
    }

    @Test
    public void everyKindOfChangeIsOneBumpAndOneNewSequenceAndNothingElseMoves() throws IOException {
        generateTree();
        Trees.write(root, "gone/sub/file.txt", "x".getBytes());
        Trees.write(root, "grow.txt", "12345".getBytes());
        Trees.write(root, "shrink.bin", Trees.random(random, 300_000));
        Trees.write(root, "edit.bin", Trees.random(random, 300_000));
        scanner.scan();
        Map<String, FileEntry> before = entries();
        long sequence = index.localSequence();

        byte[] edited = Files.readAllBytes(root.resolve("edit.bin"));
        edited[200_000] ^= 1; // same size, one byte in the second block
        Files.write(root.resolve("edit.bin"), edited);
        Trees.touch(root.resolve("edit.bin"), 2000);
        Files.write(root.resolve("grow.txt"), "678".getBytes(), StandardOpenOption.APPEND);
        try (var channel = Files.newByteChannel(root.resolve("shrink.bin"), StandardOpenOption.WRITE)) {
            channel.truncate(131_072);
        }
        Files.delete(root.resolve("top.txt"));
        Files.createDirectories(root.resolve("new/empty"));
        Trees.write(root, "new/file.txt", "new".getBytes());
        Files.delete(root.resolve("gone/sub/file.txt"));
        Files.delete(root.resolve("gone/sub"));
        Files.delete(root.resolve("gone"));
        Files.delete(root.resolve("empty/dir"));

        ScanResult result = scanner.scan();
        assertEquals(3, result.added());
        assertEquals(3, result.modified());
        assertEquals(5, result.deleted());
        assertEquals(11, result.changes());
        assertEquals(sequence + 11, index.localSequence());

        Set<String> changed = Set.of("edit.bin", "grow.txt", "shrink.bin", "top.txt", "new", "new/empty",
                "new/file.txt", "gone", "gone/sub", "gone/sub/file.txt", "empty/dir");
        Map<String, FileEntry> after = entries();
        for (Map.Entry<String, FileEntry> e : after.entrySet()) {
            FileEntry entry = e.getValue();
            if (!changed.contains(e.getKey())) {
                assertEquals("untouched " + e.getKey(), before.get(e.getKey()), entry);
                continue;
            }
            assertTrue(e.getKey(), entry.sequence() > sequence);
            assertEquals(e.getKey(), version(e.getKey().startsWith("new") ? 1 : 2), entry.version());
            if (entry.deleted()) {
                assertEquals(List.of(), entry.blocks());
                assertEquals(0, entry.size());
            } else if (entry.type() == EntryType.FILE) {
                assertEquals(e.getKey(), Trees.expectedBlocks(root.resolve(e.getKey())), entry.blocks());
            }
        }
        assertEquals(300_000, entry("edit.bin").size());
        assertEquals(before.get("edit.bin").blocks().get(0), entry("edit.bin").blocks().get(0));
        assertFalse(before.get("edit.bin").blocks().get(1).equals(entry("edit.bin").blocks().get(1)));
        assertEquals(8, entry("grow.txt").size());
        assertEquals(131_072, entry("shrink.bin").size());
        assertEquals(1, entry("shrink.bin").blocks().size());
        for (String deleted : List.of("top.txt", "gone", "gone/sub", "gone/sub/file.txt", "empty/dir")) {
            assertTrue(deleted, entry(deleted).deleted());
        }
        assertEquals(EntryType.DIRECTORY, entry("gone").type());
        assertFalse(entry("empty").deleted());
        assertEquals(EntryType.DIRECTORY, entry("new/empty").type());
        // Deletions come after everything else, the deepest first.
        long lastNonDeletion = after.values().stream().filter(e -> !e.deleted()).mapToLong(FileEntry::sequence).max()
                .orElseThrow();
        assertTrue(entry("top.txt").sequence() > lastNonDeletion);
        assertTrue(entry("gone/sub/file.txt").sequence() < entry("gone/sub").sequence());
        assertTrue(entry("gone/sub").sequence() < entry("gone").sequence());
        // The delta a peer asks for holds exactly the changes.
        assertEquals(changed, index.localSince(sequence).map(e -> e.path().text()).collect(Collectors.toSet()));
    }

    @Test
    public void aPermissionChangeIsRecordedWithoutReadingTheFile() throws IOException {
        Path file = Trees.write(root, "script.sh", Trees.random(random, 200_000));
        Trees.chmod(file, "rw-r--r--");
        scanner.scan();
        FileEntry before = entry("script.sh");
        Trees.chmod(file, "rwxr-xr-x");
        ScanResult result = scanner.scan();
        assertEquals(0, result.bytesHashed());
        assertEquals(1, result.modified());
        FileEntry after = entry("script.sh");
        assertEquals(0755, after.permissions());
        assertEquals(before.blocks(), after.blocks());
        assertEquals(version(2), after.version());
    }

    @Test
    public void aTouchedFileIsReadAgainAndRecordedWithItsNewTime() throws IOException {
        Path file = Trees.write(root, "same.txt", "content".getBytes());
        scanner.scan();
        Trees.touch(file, 5000);
        ScanResult result = scanner.scan();
        assertEquals(7, result.bytesHashed());
        assertEquals(1, result.modified());
        assertEquals(Trees.mtime(file), entry("same.txt").modifiedMillis());
        assertEquals(version(2), entry("same.txt").version());
    }

    @Test
    public void aFileHashedWithinItsTimeStepIsReadAgainSoASameSizeRewriteInThatStepIsNotMissed()
            throws IOException {
        Path file = root.resolve("racy.txt");
        Files.write(file, "first".getBytes());
        long time = System.currentTimeMillis() + 500; // "now", as far as the scan can tell
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(time));
        scanner.scan();
        // Rewritten with the same size, and the same time: a coarse clock, or the same millisecond.
        Files.write(file, "other".getBytes());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(time));
        ScanResult result = scanner.scan();
        assertEquals(1, result.modified());
        assertEquals(Trees.expectedBlocks(file), entry("racy.txt").blocks());
        // Read again while still racy, unchanged: nothing recorded.
        assertEquals(0, scanner.scan().changes());
        // Once its time lies well before a read, the fast path applies again.
        Trees.touch(file, -60_000);
        scanner.scan();
        ScanResult settled = scanner.scan();
        assertEquals(0, settled.bytesHashed());
        assertEquals(0, settled.changes());
    }

    @Test
    public void aReturningPathContinuesItsHistoryAndATypeChangeIsAChange() throws IOException {
        Path file = Trees.write(root, "phoenix", "1".getBytes());
        scanner.scan();
        Files.delete(file);
        scanner.scan();
        assertTrue(entry("phoenix").deleted());
        Files.createDirectory(file);
        ScanResult result = scanner.scan();
        assertEquals(1, result.added());
        assertEquals(EntryType.DIRECTORY, entry("phoenix").type());
        assertFalse(entry("phoenix").deleted());
        assertEquals(version(3), entry("phoenix").version());
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("somewhere"));
        scanner.scan();
        assertEquals(EntryType.SYMLINK, entry("phoenix").type());
        assertEquals(version(4), entry("phoenix").version());
    }

    @Test
    public void afterARenameTheBlocksAreFoundUnderTheNewName() throws IOException {
        Trees.write(root, "old-name.bin", Trees.random(random, 1_000_000));
        scanner.scan();
        List<Block> blocks = entry("old-name.bin").blocks();
        Files.createDirectories(root.resolve("moved"));
        Files.move(root.resolve("old-name.bin"), root.resolve("moved/new-name.bin"));
        scanner.scan();
        for (Block block : blocks) {
            assertEquals(new BlockLocation(RelativePath.of("moved/new-name.bin"), block.offset(), block.length()),
                    index.findBlock(block.hash()).orElseThrow());
        }
        assertTrue(entry("old-name.bin").deleted());
        assertTrue("the new name is announced before the old one is deleted",
                entry("moved/new-name.bin").sequence() < entry("old-name.bin").sequence());
    }

    @Test
    public void aFileLargerThanOneSegmentIsHashedInPiecesAndStillRight() throws IOException {
        int size = ParallelHasher.SEGMENT_BYTES * 2 + 5;
        Path file = Trees.write(root, "large.bin", Trees.random(random, size));
        ScanResult result = scanner.scan();
        assertEquals(size, result.bytesHashed());
        assertEquals(Trees.expectedBlocks(file), entry("large.bin").blocks());
    }

    @Test
    public void theFolderCanBeReachedThroughALink() throws IOException {
        generateTree();
        scanner.scan();
        Path link = temp.getRoot().toPath().resolve("link-to-folder");
        Files.createSymbolicLink(link, root);
        try (Scanner throughLink = new Scanner(link, index, path -> false, 1)) {
            ScanResult result = throughLink.scan();
            assertEquals(TREE.size(), result.entriesScanned());
            assertEquals(0, result.changes());
        }
    }

    @Test
    public void aFileReportedDifferentIsHashedAgainThoughItsSizeAndTimeMatch() throws IOException {
        Path file = Trees.write(root, "same.bin", Trees.random(random, 200_000));
        // Written well before the scan, so the scanner has no reason of its own to doubt it.
        FileTime time = FileTime.fromMillis(System.currentTimeMillis() - 10_000);
        Files.setLastModifiedTime(file, time);
        scanner.scan();
        FileEntry before = entry("same.bin");
        byte[] changed = Trees.random(random, 200_000);
        Files.write(file, changed);
        Files.setLastModifiedTime(file, time);

        assertEquals("the fast path keeps the entry", 0, scanner.scan(List.of(RelativePath.of("same.bin"))).changes());
        assertEquals(before, entry("same.bin"));
        assertFalse(scanner.mayHaveChanged(RelativePath.of("same.bin")));

        scanner.recheck(List.of(RelativePath.of("same.bin")));
        assertTrue(scanner.mayHaveChanged(RelativePath.of("same.bin")));
        assertEquals(1, scanner.scan(List.of(RelativePath.of("same.bin"))).changes());
        assertFalse("the new blocks", before.blocks().equals(entry("same.bin").blocks()));
        assertFalse("hashed, no longer doubted", scanner.mayHaveChanged(RelativePath.of("same.bin")));
    }
}
