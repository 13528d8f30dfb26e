package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.RelativePath;

public class ArchiveCleanerTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    public void filesArchivedLongerThanTheRetentionGoAndYoungerOnesStay() throws Exception {
        Path root = tmp.getRoot().toPath();
        Path archive = Files.createDirectories(root.resolve(".sync/Archive/docs/old"));
        Path old = Files.writeString(archive.resolve("a.txt~20261001-080000"), "old");
        Path oldTwin = Files.writeString(archive.resolve("a.txt~20261001-080000-1"), "old twin");
        Path young = Files.writeString(root.resolve(".sync/Archive/docs/b.txt~20261120-080000"), "young");
        Path byHand = Files.writeString(root.resolve(".sync/Archive/docs/notes.txt"), "put there by hand");
        // The file's own time is the original's and says nothing about when it was archived.
        Files.setLastModifiedTime(young, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));

        ArchiveCleaner cleaner = new ArchiveCleaner(root, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(2, cleaner.clean());

        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldTwin));
        assertFalse("an emptied directory goes too", Files.exists(archive));
        assertTrue(Files.exists(young));
        assertTrue(Files.exists(byHand));
        assertTrue(Files.isDirectory(root.resolve(".sync/Archive")));
    }

    @Test
    public void aRetentionOfZeroKeepsEverything() throws Exception {
        Path root = tmp.getRoot().toPath();
        Path old = Files.writeString(Files.createDirectories(root.resolve(".sync/Archive"))
                .resolve("a.txt~19991231-235959"), "old");
        assertEquals(0, new ArchiveCleaner(root, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC)).clean());
        assertTrue(Files.exists(old));
    }

    @Test
    public void stampsAreReadFromTheNameAndBadOnesAreNone() {
        assertEquals(Instant.parse("2026-10-01T08:00:00Z"), ArchiveCleaner.stamp("x.tar.gz~20261001-080000"));
        assertEquals(Instant.parse("2026-10-01T08:00:00Z"), ArchiveCleaner.stamp("x~20261001-080000-12"));
        assertNull(ArchiveCleaner.stamp("x~20261341-080000"));
        assertNull(ArchiveCleaner.stamp("x.txt"));
        assertNull(ArchiveCleaner.stamp("x~2026100-080000"));
    }

    @Test
    public void theNamesTheArchiveWritesAreTheOnesTheCleanerReads() throws Exception {
        Path root = tmp.getRoot().toPath();
        Files.createDirectories(root.resolve(".sync"));
        Path file = Files.writeString(root.resolve("f.txt"), "content");
        FolderFiles files = new FolderFiles(root, Clock.fixed(NOW.minus(Duration.ofDays(31)), ZoneOffset.UTC));
        Path archived = files.archiveMove(RelativePath.of("f.txt"), file);
        assertEquals(NOW.minus(Duration.ofDays(31)), ArchiveCleaner.stamp(archived.getFileName().toString()));
        assertEquals(1, new ArchiveCleaner(root, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC)).clean());
        assertFalse(Files.exists(archived));
    }
}
