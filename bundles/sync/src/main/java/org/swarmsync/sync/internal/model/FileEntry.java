package org.swarmsync.sync.internal.model;

import java.util.List;
import java.util.Objects;

/**
 * What a folder's index knows of one path: the version a device announced.
 *
 * @param path where the entry lives in the folder
 * @param type file, directory or symlink
 * @param size the file's length in bytes (0 for directories and links)
 * @param modifiedMillis the modification time, milliseconds since the epoch
 * @param permissions POSIX permission bits ({@code 0777} mask), or 0 where unknown
 * @param blockSize the size of every block but the last (0 when there are none)
 * @param blocks the file's blocks, in order; empty for empty files, directories and links
 * @param version the entry's history
 * @param deleted whether this version is a deletion (a tombstone)
 * @param symlinkTarget the link's target, as text, for symlinks; empty otherwise
 * @param sequence the local sequence number at which the index recorded this version
 */
public record FileEntry(RelativePath path, EntryType type, long size, long modifiedMillis, int permissions,
        int blockSize, List<Block> blocks, VersionVector version, boolean deleted, String symlinkTarget,
        long sequence) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(symlinkTarget, "symlinkTarget");
        blocks = List.copyOf(blocks);
        if (size < 0) {
            throw new IllegalArgumentException(path + ": negative size " + size);
        }
        if ((permissions & ~0777) != 0) {
            throw new IllegalArgumentException(path + ": permission bits outside 0777");
        }
    }

    /** @return the same entry recorded at another local sequence number */
    public FileEntry withSequence(long newSequence) {
        return new FileEntry(path, type, size, modifiedMillis, permissions, blockSize, blocks, version, deleted,
                symlinkTarget, newSequence);
    }

    /** @return whether this entry lists a block of that length and hash starting at {@code offset} */
    public boolean holds(long offset, int length, Hash256 hash) {
        if (blockSize == 0 || offset % blockSize != 0 || offset / blockSize >= blocks.size()) {
            return false;
        }
        Block block = blocks.get((int) (offset / blockSize));
        return block.offset() == offset && block.length() == length && block.hash().equals(hash);
    }

    /** @return whether both describe the same content and metadata, whatever their histories */
    public boolean sameContent(FileEntry other) {
        return type == other.type && size == other.size && deleted == other.deleted
                && permissions == other.permissions && blocks.equals(other.blocks)
                && symlinkTarget.equals(other.symlinkTarget);
    }
}
