package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.swarmsync.sync.internal.model.FileEntry;

/**
 * What one stat of a regular file shows that tells whether it still holds what the index
 * hashed: its size and modification time (the scanner's fast-path test), and which file it is.
 *
 * @param size the file's length
 * @param modifiedMillis its modification time, ms since the epoch, as the scanner reads it
 * @param fileKey the file system's identity of the file (device and inode on Linux), or null
 *        where the file system has none
 */
record FileStamp(long size, long modifiedMillis, Object fileKey) {

    /** @return the stamp of the regular file at {@code file}, links not followed; null if there is none */
    static FileStamp of(Path file) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile()) {
                return null;
            }
            return new FileStamp(attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.fileKey());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A read channel on a file, and its stamp if a stat before and after the open show the same
     * file (the channel is then that file, unchanged meanwhile); else the stamp is null.
     */
    record Opened(FileChannel channel, FileStamp stamp) {
    }

    /**
     * Stat, open (links not followed), stat.
     *
     * @return null if the file is not there at the first stat or cannot be opened
     */
    static Opened openRead(Path file) {
        FileStamp before = of(file);
        if (before == null) {
            return null;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // Gone, unreadable, or a link now (ELOOP from O_NOFOLLOW): not a source.
            return null;
        }
        FileStamp after = of(file);
        return new Opened(channel, before.sameFileAs(after) ? after : null);
    }

    /** @return whether size and time equal the entry's: the file passes the scanner's fast path */
    boolean matches(FileEntry entry) {
        return size == entry.size() && modifiedMillis == entry.modifiedMillis();
    }

    /** @return whether both stats show the same file, unchanged, and the file system names it */
    boolean sameFileAs(FileStamp other) {
        return other != null && fileKey != null && equals(other);
    }
}
