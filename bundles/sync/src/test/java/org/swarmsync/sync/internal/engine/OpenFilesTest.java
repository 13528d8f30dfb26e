package org.swarmsync.sync.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** The block server's open files: bounded, replaced when the index or the disk moves on, closed when done. */
public class OpenFilesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final AtomicLong now = new AtomicLong(1_000_000);
    private Path root;
    private OpenFiles open;

    @Before
    public void setUp() throws Exception {
        root = tmp.getRoot().toPath().toRealPath();
        open = new OpenFiles(new FolderFiles(root, Clock.systemUTC()), now::get);
    }

    private FileEntry file(String name, long sequence) throws Exception {
        Path file = root.resolve(name);
        if (!Files.exists(file)) {
            Files.write(file, name.getBytes());
        }
        return new FileEntry(RelativePath.of(name), EntryType.FILE, Files.size(file),
                Files.getLastModifiedTime(file).toMillis(), 0644, 0, List.of(), VersionVector.EMPTY, false, "", sequence);
    }

    @Test
    public void aFileIsOpenedOnceAndAtMostMaxStayOpen() throws Exception {
        FileEntry first = file("f0", 1);
        OpenFiles.Handle a;
        try (OpenFiles.Handle h = open.acquire(first)) {
            a = h;
        }
        try (OpenFiles.Handle h = open.acquire(first)) {
            assertSame("opened once", a, h);
        }
        List<OpenFiles.Handle> handles = new ArrayList<>();
        for (int i = 1; i <= OpenFiles.MAX; i++) {
            try (OpenFiles.Handle h = open.acquire(file("f" + i, 1))) {
                handles.add(h);
            }
        }
        assertEquals(OpenFiles.MAX, open.size());
        assertFalse("the least recently used one was closed", a.channel.isOpen());
        assertTrue(handles.get(handles.size() - 1).channel.isOpen());
        open.close();
        assertEquals(0, open.size());
        handles.forEach(h -> assertFalse(h.channel.isOpen()));
    }

    @Test
    public void aChannelInUseStaysOpenUntilItsReaderIsDone() throws Exception {
        OpenFiles.Handle held = open.acquire(file("f", 1));
        open.close();
        assertTrue("still being read", held.channel.isOpen());
        held.close();
        assertFalse(held.channel.isOpen());
    }

    @Test
    public void aNewVersionInTheIndexOrAReplacedFileGetsAFreshChannel() throws Exception {
        OpenFiles.Handle old;
        try (OpenFiles.Handle h = open.acquire(file("f", 1))) {
            old = h;
        }
        OpenFiles.Handle next;
        try (OpenFiles.Handle h = open.acquire(file("f", 2))) {
            next = h;
        }
        assertNotSame(old, next);
        assertFalse("the index's old version is closed", old.channel.isOpen());

        // Replaced on the disk by a rename: the handle's identity no longer matches the path's.
        Path other = Files.write(root.resolve("other"), "new content".getBytes());
        Files.move(other, root.resolve("f"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileStamp now = FileStamp.of(root.resolve("f"));
        assertNotNull(now);
        AtomicBoolean same = new AtomicBoolean();
        try (OpenFiles.Handle h = open.acquire(file("f", 2))) {
            same.set(now.fileKey().equals(h.opened.fileKey()));
            open.forget(h);
        }
        assertFalse("the cached channel is of the replaced file", same.get());
        assertFalse(next.channel.isOpen());
        try (OpenFiles.Handle h = open.acquire(file("f", 2))) {
            assertEquals(now.fileKey(), h.opened.fileKey());
        }
    }

    @Test
    public void nothingIsOpenedForAMissingFileADirectoryOrALink() throws Exception {
        FileEntry gone = file("gone", 1);
        Files.delete(root.resolve("gone"));
        assertNull(open.acquire(gone));
        Files.createDirectory(root.resolve("dir"));
        FileEntry dir = new FileEntry(RelativePath.of("dir"), EntryType.FILE, 0, 0, 0644, 0, List.of(),
                VersionVector.EMPTY, false, "", 1);
        assertNull(open.acquire(dir));
        // a link put where the file was must not be followed, wherever it points
        Path outside = Files.write(tmp.newFolder().toPath().resolve("secret"), "not ours".getBytes());
        FileEntry link = file("link", 1);
        Files.delete(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        assertNull("followed a link", open.acquire(link));
        assertEquals(0, open.size());
    }

    @Test
    public void filesNotReadForAWhileAreClosed() throws Exception {
        OpenFiles.Handle idle = open.acquire(file("idle", 1));
        idle.close();
        now.addAndGet(OpenFiles.IDLE_MILLIS / 2);
        OpenFiles.Handle busy = open.acquire(file("busy", 1));
        busy.close();
        open.closeIdle();
        assertEquals(2, open.size());
        now.addAndGet(OpenFiles.IDLE_MILLIS / 2 + 1);
        open.closeIdle();
        assertFalse(idle.channel.isOpen());
        assertTrue(busy.channel.isOpen());
        assertEquals(1, open.size());
    }
}
