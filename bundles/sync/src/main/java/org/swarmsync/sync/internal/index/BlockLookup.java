package org.swarmsync.sync.internal.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.EntryType;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * From a block hash to the local places holding it, kept in step with the local entries
 * by {@link FolderIndex}. Keys are hash (32 bytes), offset (8, big-endian), path (UTF-8);
 * values the block's length. The hash comes first so every place holding one block is a
 * contiguous key range; offset and path make each place its own key, so a block two files
 * share survives either one changing.
 */
final class BlockLookup {

    private final MVMap<byte[], Long> map;

    BlockLookup(MVMap<byte[], Long> map) {
        this.map = map;
    }

    /** Records where a live file's blocks lie. */
    void add(FileEntry entry) {
        if (holdsBlocks(entry)) {
            byte[] path = pathBytes(entry.path());
            for (Block block : entry.blocks()) {
                map.put(key(block, path), (long) block.length());
            }
        }
    }

    /** Forgets where an entry's blocks lay. */
    void remove(FileEntry entry) {
        if (holdsBlocks(entry)) {
            byte[] path = pathBytes(entry.path());
            for (Block block : entry.blocks()) {
                map.remove(key(block, path));
            }
        }
    }

    Optional<BlockLocation> find(Hash256 hash) {
        byte[] prefix = hash.toBytes();
        byte[] key = map.ceilingKey(prefix);
        if (key == null || !hasHash(key, prefix)) {
            return Optional.empty();
        }
        Long length = map.get(key);
        return length == null ? Optional.empty() : Optional.of(location(key, length));
    }

    List<BlockLocation> findAll(Hash256 hash, int max) {
        byte[] prefix = hash.toBytes();
        return Cursors.<byte[], Long, BlockLocation>stream(map.cursor(prefix),
                (key, length) -> hasHash(key, prefix) ? location(key, length) : Cursors.STOP).limit(max).toList();
    }

    private static boolean holdsBlocks(FileEntry entry) {
        return entry.type() == EntryType.FILE && !entry.deleted();
    }

    private static byte[] key(Block block, byte[] path) {
        ByteBuffer key = ByteBuffer.allocate(Hash256.LENGTH + Long.BYTES + path.length);
        return key.put(block.hash().toBytes()).putLong(block.offset()).put(path).array();
    }

    private static byte[] pathBytes(RelativePath path) {
        return path.text().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean hasHash(byte[] key, byte[] hash) {
        return key.length > Hash256.LENGTH && Arrays.equals(key, 0, Hash256.LENGTH, hash, 0, Hash256.LENGTH);
    }

    private static BlockLocation location(byte[] key, long length) {
        ByteBuffer buffer = ByteBuffer.wrap(key, Hash256.LENGTH, key.length - Hash256.LENGTH);
        long offset = buffer.getLong();
        String path = new String(key, Hash256.LENGTH + Long.BYTES, key.length - Hash256.LENGTH - Long.BYTES,
                StandardCharsets.UTF_8);
        return new BlockLocation(RelativePath.of(path), offset, (int) length);
    }
}
