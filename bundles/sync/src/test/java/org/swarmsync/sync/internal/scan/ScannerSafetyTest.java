package org.swarmsync.sync.internal.scan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** What the scanner must never do: scan an unmounted folder, record half-written files, leave the folder. */
public class ScannerSafetyTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final Random random = new Random(11);
    private Path root;
    private FolderIndex index;
    private Scanner scanner;

    @Before
    public void setUp() throws IOException {
        root = temp.newFolder("folder").toPath();
        FolderMarker.create(root);
        // Outside the folder, so the folder can vanish as an unmounted disk's would.
        index = FolderIndex.open(temp.getRoot().toPath().resolve("index.mv"));
        scanner = new Scanner(root, index, path -> false, 2);
    }

    @After
    public void tearDown() {
        scanner.close();
        index.close();
    }

    private Optional<FileEntry> entry(String path) {
        return index.local(RelativePath.of(path));
    }

    private Set<String> livePaths() {
        return index.localEntries().filter(e -> !e.deleted()).map(e -> e.path().text()).collect(Collectors.toSet());
    }

    private static void deleteTree(Path top) throws IOException {
        try (var walk = Files.walk(top)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    public void anEmptiedFolderWithoutItsMarkerIsRefusedAndNothingIsDeleted() throws IOException {
        Trees.write(root, "photos/2023/a.jpg", Trees.random(random, 10_000));
        Trees.write(root, "notes.txt", "x".getBytes());
        scanner.scan();
        List<FileEntry> before = index.localEntries().toList();
        long sequence = index.localSequence();

        deleteTree(root); // what an unmounted disk looks like: an empty mount point
        Files.createDirectory(root);
        MissingFolderMarkerException e = assertThrows(MissingFolderMarkerException.class, () -> scanner.scan());
        assertTrue(e.getMessage(), e.getMessage().contains("folder marker .sync/folder-id is missing"));
        assertTrue(e.getMessage(), e.getMessage().contains("is the disk mounted?"));
        assertThrows(MissingFolderMarkerException.class, () -> scanner.scan(List.of(RelativePath.of("notes.txt"))));
        deleteTree(root); // not even the mount point
        assertThrows(MissingFolderMarkerException.class, () -> scanner.scan());
        assertEquals(before, index.localEntries().toList());
        assertEquals(sequence, index.localSequence());
    }

    @Test
    public void aFileThatChangesWhileHashedIsHashedAgainFromItsNewState() throws IOException {
        Path file = Trees.write(root, "growing.log", Trees.random(random, 300_000));
        AtomicInteger calls = new AtomicInteger();
        scanner.afterHashing(path -> {
            if (calls.getAndIncrement() == 0) {
                try {
                    Files.write(path, Trees.random(random, 1000), StandardOpenOption.APPEND);
                    Trees.touch(path, 1000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        ScanResult result = scanner.scan();
        assertEquals(2, calls.get());
        assertEquals(1, result.added());
        assertEquals(0, result.busy());
        assertEquals(300_000 + 301_000, result.bytesHashed());
        FileEntry entry = entry("growing.log").orElseThrow();
        assertEquals(301_000, entry.size());
        assertEquals(Trees.expectedBlocks(file), entry.blocks());
    }

    @Test
    public void aFileThatKeepsChangingIsLeftForTheNextScan() throws IOException {
        Path file = Trees.write(root, "busy.db", Trees.random(random, 200_000));
        scanner.scan();
        FileEntry before = entry("busy.db").orElseThrow();
        Files.write(file, Trees.random(random, 200_000));
        Trees.touch(file, 1000);
        Trees.write(root, "new-busy.db", Trees.random(random, 5000));
        scanner.afterHashing(path -> {
            try {
                Files.write(path, Trees.random(random, 10), StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ScanResult result = scanner.scan();
        assertEquals(2, result.busy());
        assertEquals(0, result.changes());
        assertEquals(before, entry("busy.db").orElseThrow());
        assertEquals(Optional.empty(), entry("new-busy.db"));
        // Once the writer stops, the next scan records the final state.
        scanner.afterHashing(path -> { });
        result = scanner.scan();
        assertEquals(2, result.changes());
        assertEquals(Trees.expectedBlocks(file), entry("busy.db").orElseThrow().blocks());
    }

    @Test
    public void aFileTruncatedWhileHashedIsNeverRecordedWithTheBlocksItHadBefore() throws IOException {
        Path file = Trees.write(root, "shrinking.bin", Trees.random(random, 400_000));
        AtomicInteger calls = new AtomicInteger();
        scanner.afterHashing(path -> {
            if (calls.getAndIncrement() == 0) {
                try (var channel = Files.newByteChannel(path, StandardOpenOption.WRITE)) {
                    channel.truncate(1000);
                    Trees.touch(path, 1000);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        scanner.scan();
        FileEntry entry = entry("shrinking.bin").orElseThrow();
        assertEquals(1000, entry.size());
        assertEquals(Trees.expectedBlocks(file), entry.blocks());
    }

    @Test
    public void ignoredPathsAreNotRecordedAndKeepTheirEntries() throws IOException {
        Trees.write(root, "keep.txt", "k".getBytes());
        Trees.write(root, "build/out.class", "c".getBytes());
        Trees.write(root, "src/x.tmp", "t".getBytes());
        scanner.scan();
        assertEquals(Set.of("keep.txt", "build", "build/out.class", "src", "src/x.tmp"), livePaths());
        long sequence = index.localSequence();

        Predicate<RelativePath> ignore = path -> path.text().equals("build") || path.name().endsWith(".tmp");
        try (Scanner ignoring = new Scanner(root, index, ignore, 1)) {
            Files.delete(root.resolve("build/out.class"));
            Trees.write(root, "build/new.class", "n".getBytes());
            Trees.write(root, "src/y.tmp", "t".getBytes());
            ScanResult result = ignoring.scan();
            assertEquals(0, result.changes());
            assertEquals(sequence, index.localSequence());
            assertFalse("now ignored, so its deletion is not ours to announce",
                    entry("build/out.class").orElseThrow().deleted());
            assertEquals(Optional.empty(), entry("build/new.class"));
            assertEquals(Optional.empty(), entry("src/y.tmp"));
            assertEquals(0, ignoring.scan(List.of(RelativePath.of("build"), RelativePath.of("src/y.tmp"))).changes());
        }
    }

    @Test
    public void theSyncDirectoryAndTemporaryFilesAreNeverScanned() throws IOException {
        Path tempFile = TempFiles.tempFor(root, RelativePath.of("incoming.bin"));
        TempFiles.createDirectory(root);
        Files.write(tempFile, Trees.random(random, 1000));
        Trees.write(root, ".sync/other", "x".getBytes());
        Trees.write(root, "sub/.sync/user-data", "y".getBytes()); // only the top one is ours
        ScanResult result = scanner.scan();
        assertEquals(Set.of("sub", "sub/.sync", "sub/.sync/user-data"), livePaths());
        assertEquals(3, result.entriesScanned());
        assertEquals(0, scanner.scan(List.of(RelativePath.of(".sync/tmp"))).entriesScanned());
    }

    @Test
    public void aPartialScanLooksOnlyWhereItIsToldAndSeesDeletionsThere() throws IOException {
        Trees.write(root, "a/one.txt", "1".getBytes());
        Trees.write(root, "a/two.txt", "2".getBytes());
        Trees.write(root, "b/three.txt", "3".getBytes());
        scanner.scan();
        Files.delete(root.resolve("a/one.txt"));
        Files.write(root.resolve("b/three.txt"), "33".getBytes());
        Trees.write(root, "a/new/deeper/four.txt", "4".getBytes());

        ScanResult result = scanner.scan(List.of(RelativePath.of("a/one.txt"),
                RelativePath.of("a/new/deeper/four.txt")));
        assertTrue(entry("a/one.txt").orElseThrow().deleted());
        assertEquals("widened to the unknown directory a/new", Set.of("a", "a/two.txt", "a/new", "a/new/deeper",
                "a/new/deeper/four.txt", "b", "b/three.txt"), livePaths());
        assertEquals(1, entry("b/three.txt").orElseThrow().size());
        assertEquals(4, result.changes());
        assertEquals(1, scanner.scan().changes()); // the full scan finds b/three.txt
    }

    @Test
    public void aPartialScanNeverWalksThroughALinkThatReplacedADirectory() throws IOException {
        Trees.write(root, "dir/file.txt", "mine".getBytes());
        scanner.scan();
        // (A link pointing out of the folder is not synced at all; this one points inside.)
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Trees.write(elsewhere, "file.txt", "secret".getBytes());
        Trees.write(elsewhere, "other.txt", "secret".getBytes());
        Files.delete(root.resolve("dir/file.txt"));
        Files.delete(root.resolve("dir"));
        Files.createSymbolicLink(root.resolve("dir"), Path.of("elsewhere"));

        scanner.scan(List.of(RelativePath.of("dir/file.txt"), RelativePath.of("dir/other.txt")));
        assertEquals(EntryType.SYMLINK, entry("dir").orElseThrow().type());
        assertTrue(entry("dir/file.txt").orElseThrow().deleted());
        assertEquals(Optional.empty(), entry("dir/other.txt"));
        assertEquals(Set.of("dir"), livePaths());
    }

    @Test
    public void aChangeRecordedByOthersDuringTheScanIsNotOverwritten() throws IOException {
        Path file = Trees.write(root, "contested.txt", "v1".getBytes());
        scanner.scan();
        Files.write(file, "v2 local".getBytes());
        FileEntry pulled = new FileEntry(RelativePath.of("contested.txt"), EntryType.FILE, 0, 5, 0644, 0, List.of(),
                VersionVector.of(Map.of(99L, 7L)), false, "", 0);
        scanner.afterHashing(path -> index.putLocal(pulled)); // the puller, between our read and our write
        ScanResult result = scanner.scan();
        assertEquals(0, result.changes());
        assertEquals(pulled.version(), entry("contested.txt").orElseThrow().version());
    }
}
