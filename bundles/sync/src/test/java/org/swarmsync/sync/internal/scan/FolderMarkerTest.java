package org.swarmsync.sync.internal.scan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.RelativePath;

public class FolderMarkerTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void createWritesARandomIdOnceAndCheckReadsIt() throws IOException {
        Path root = temp.newFolder("folder").toPath();
        String id = FolderMarker.create(root);
        assertTrue(id, id.matches("[0-9a-f]{32}"));
        assertEquals(id, FolderMarker.check(root));
        assertEquals("created again, the marker keeps its id", id, FolderMarker.create(root));
        assertNotEquals(id, FolderMarker.create(temp.newFolder("other").toPath()));
        assertEquals(id + "\n", Files.readString(root.resolve(".sync/folder-id")));
    }

    @Test
    public void aMissingOrForeignMarkerIsRefusedWithAHint() throws IOException {
        Path root = temp.newFolder("folder").toPath();
        MissingFolderMarkerException e = assertThrows(MissingFolderMarkerException.class,
                () -> FolderMarker.check(root));
        assertTrue(e.getMessage(), e.getMessage().startsWith("folder marker .sync/folder-id is missing in "));
        assertTrue(e.getMessage(), e.getMessage().contains("is the disk mounted?"));
        Path gone = root.resolve("not-there");
        assertThrows(MissingFolderMarkerException.class, () -> FolderMarker.check(gone));
        assertThrows(IOException.class, () -> FolderMarker.create(gone));
        Files.createDirectories(root.resolve(".sync"));
        Files.writeString(root.resolve(".sync/folder-id"), "not an id\n");
        e = assertThrows(MissingFolderMarkerException.class, () -> FolderMarker.check(root));
        assertTrue(e.getMessage(), e.getMessage().contains("does not hold a folder id"));
    }

    @Test
    public void temporaryFilesLieFlatUnderSyncTmpWithAStableName() throws IOException {
        Path root = temp.newFolder("folder").toPath();
        RelativePath deep = RelativePath.of("a/very/deep/path/with a long name.txt");
        Path tempFile = TempFiles.tempFor(root, deep);
        assertEquals(root.resolve(".sync/tmp"), tempFile.getParent());
        assertEquals(tempFile, TempFiles.tempFor(root, deep));
        assertNotEquals(tempFile, TempFiles.tempFor(root, RelativePath.of("a/very/deep/path/other.txt")));
        assertTrue(tempFile.getFileName().toString().matches("[0-9a-f]{64}\\.part"));
        assertEquals(root.resolve(".sync/tmp"), TempFiles.createDirectory(root));
        assertTrue(Files.isDirectory(TempFiles.directory(root)));
    }
}
