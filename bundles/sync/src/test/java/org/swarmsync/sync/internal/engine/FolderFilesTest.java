package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.RelativePath;

/** The only door to the disk: no link on the way is followed, and archived copies keep their content. */
public class FolderFilesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;
    private Path outside;
    private FolderFiles files;

    @Before
    public void setUp() throws Exception {
        root = tmp.newFolder("root").toPath().toRealPath();
        outside = tmp.newFolder("outside").toPath().toRealPath();
        files = new FolderFiles(root, Clock.fixed(Instant.parse("2024-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    public void aLinkedDirectoryOnTheWayIsRefusedForWritingAndReading() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.writeString(outside.resolve("secret.txt"), "outside");
        assertThrows(UnsafePathException.class, () -> files.createParents(RelativePath.of("link/new.txt")));
        assertThrows(UnsafePathException.class, () -> files.createParents(RelativePath.of("link/deeper/new.txt")));
        assertThrows(UnsafePathException.class, () -> files.resolve(RelativePath.of("link/secret.txt")));
        try (var listing = Files.list(outside)) {
            assertEquals(1, listing.count());
        }
    }

    @Test
    public void missingParentsAreCreatedAsRealDirectories() throws Exception {
        Path file = files.createParents(RelativePath.of("a/b/c.txt"));
        assertEquals(root.resolve("a/b/c.txt"), file);
        assertTrue(Files.isDirectory(root.resolve("a/b")));
        Files.writeString(root.resolve("plain"), "x");
        assertThrows(UnsafePathException.class, () -> files.createParents(RelativePath.of("plain/c.txt")));
    }

    @Test
    public void archivedCopiesAreNamedByPathAndTimeAndNeverOverwriteEachOther() throws Exception {
        Path file = files.createParents(RelativePath.of("docs/a.txt"));
        Files.writeString(file, "first");
        Path copy = files.archiveCopy(RelativePath.of("docs/a.txt"), file);
        assertEquals(root.resolve(".sync/Archive/docs/a.txt~20240102-030405"), copy);
        assertTrue(Files.exists(file));
        Path moved = files.archiveMove(RelativePath.of("docs/a.txt"), file);
        assertEquals(root.resolve(".sync/Archive/docs/a.txt~20240102-030405-1"), moved);
        assertFalse(Files.exists(file));
        assertEquals("first", Files.readString(copy));
        assertEquals("first", Files.readString(moved));
    }

    @Test
    public void permissionBitsRoundTrip() {
        for (int bits : new int[] {0, 0644, 0755, 0600, 0777, 0001, 0400}) {
            assertEquals(bits, FolderFiles.bits(FolderFiles.permissions(bits)));
        }
    }

    @Test
    public void aDirectoryTheOwnerMayNotWriteIsOpenedOnlyForTheChange() throws Exception {
        Path locked = files.createParents(RelativePath.of("locked/x"));
        Files.setPosixFilePermissions(locked.getParent(), FolderFiles.permissions(0555));
        List<Integer> seen = new java.util.ArrayList<>();
        files.inWritableParent(locked, () -> {
            seen.add(FolderFiles.bits(Files.getPosixFilePermissions(locked.getParent())));
            Files.writeString(locked, "in");
        });
        assertEquals(List.of(0755), seen);
        assertEquals(0555, FolderFiles.bits(Files.getPosixFilePermissions(locked.getParent())));
        assertEquals("in", Files.readString(locked));
        assertThrows(java.io.IOException.class, () -> files.inWritableParent(locked, () -> {
            throw new java.io.IOException("failed");
        }));
        assertEquals("restored after a failure too", 0555,
                FolderFiles.bits(Files.getPosixFilePermissions(locked.getParent())));
        Files.setPosixFilePermissions(locked.getParent(), FolderFiles.permissions(0755));
    }
}
