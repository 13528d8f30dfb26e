package org.swarmsync.sync.internal.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** Valid index entries for tests, with deterministic pseudo-random hashes. */
public final class TestEntries {

    private static final Random RANDOM = new Random(42);

    private TestEntries() {
    }

    /** @return a file of {@code size} bytes in blocks of {@code blockSize}, with made-up hashes */
    public static FileEntry file(String path, long size, int blockSize, long sequence) {
        List<Block> blocks = new ArrayList<>();
        for (long offset = 0; offset < size; offset += blockSize) {
            byte[] hash = new byte[Hash256.LENGTH];
            RANDOM.nextBytes(hash);
            blocks.add(new Block(offset, (int) Math.min(blockSize, size - offset), Hash256.wrap(hash)));
        }
        return new FileEntry(RelativePath.of(path), EntryType.FILE, size, 1_700_000_000_123L, 0644,
                size == 0 ? 0 : blockSize, blocks, VersionVector.of(Map.of(0x0102030405060708L, 3L, -5L, 1L)), false, "",
                sequence);
    }

    /** @return a one-block file */
    public static FileEntry file(String path, long sequence) {
        return file(path, 1000, Limits.MIN_BLOCK_SIZE, sequence);
    }

    /** @return a directory */
    public static FileEntry directory(String path, long sequence) {
        return new FileEntry(RelativePath.of(path), EntryType.DIRECTORY, 0, 5L, 0755, 0, List.of(),
                VersionVector.EMPTY.bump(7), false, "", sequence);
    }

    /** @return a symbolic link */
    public static FileEntry symlink(String path, String target, long sequence) {
        return new FileEntry(RelativePath.of(path), EntryType.SYMLINK, 0, -5L, 0777, 0, List.of(),
                VersionVector.EMPTY.bump(7).bump(8), false, target, sequence);
    }

    /** @return many one-block files {@code f0}, {@code f1}, ... with sequences from 1 */
    public static List<FileEntry> files(int count) {
        List<FileEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(file("dir/f" + i, i + 1));
        }
        return entries;
    }
}
