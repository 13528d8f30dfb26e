package org.swarmsync.sync.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.model.VersionVector;

/** Entries for tests: files with random block hashes, directories, links, tombstones. */
final class Entries {

    private Entries() {
    }

    static Hash256 hash(Random random) {
        byte[] bytes = new byte[Hash256.LENGTH];
        random.nextBytes(bytes);
        return Hash256.wrap(bytes);
    }

    static List<Block> blocks(Random random, long size, int blockSize) {
        List<Block> blocks = new ArrayList<>();
        for (long offset = 0; offset < size; offset += blockSize) {
            blocks.add(new Block(offset, (int) Math.min(blockSize, size - offset), hash(random)));
        }
        return blocks;
    }

    static FileEntry file(String path, long size, Random random, long device) {
        int blockSize = size == 0 ? 0 : 128 * 1024;
        return new FileEntry(RelativePath.of(path), EntryType.FILE, size, 1_700_000_000_123L, 0644, blockSize,
                blocks(random, size, blockSize), VersionVector.EMPTY.bump(device), false, "", 0);
    }

    static FileEntry directory(String path, long device) {
        return new FileEntry(RelativePath.of(path), EntryType.DIRECTORY, 0, 1_700_000_000_000L, 0755, 0, List.of(),
                VersionVector.EMPTY.bump(device), false, "", 0);
    }

    static FileEntry link(String path, String target, long device) {
        return new FileEntry(RelativePath.of(path), EntryType.SYMLINK, 0, 1_700_000_000_000L, 0, 0, List.of(),
                VersionVector.EMPTY.bump(device), false, target, 0);
    }

    static FileEntry tombstone(FileEntry entry, long device) {
        return new FileEntry(entry.path(), entry.type(), 0, entry.modifiedMillis(), entry.permissions(), 0, List.of(),
                entry.version().bump(device), true, "", 0);
    }
}
