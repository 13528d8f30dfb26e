package org.swarmsync.sync.internal.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.swarmsync.sync.internal.model.Block;
import org.swarmsync.sync.internal.model.Hash256;
import org.swarmsync.sync.internal.model.RelativePath;

/**
 * Keys of the block lookup map: hash (32 bytes), offset (8, big-endian), path (UTF-8). The
 * hash comes first so every place holding one block is a contiguous key range; offset and
 * path make each place its own key, so a block held by two files survives either one
 * changing.
 */
final class BlockKeys {

    private BlockKeys() {
    }

    static byte[] key(Block block, byte[] path) {
        ByteBuffer key = ByteBuffer.allocate(Hash256.LENGTH + Long.BYTES + path.length);
        return key.put(block.hash().toBytes()).putLong(block.offset()).put(path).array();
    }

    static byte[] pathBytes(RelativePath path) {
        return path.text().getBytes(StandardCharsets.UTF_8);
    }

    /** @return whether {@code key} belongs to {@code hash} */
    static boolean hasHash(byte[] key, byte[] hash) {
        return key.length > Hash256.LENGTH && java.util.Arrays.equals(key, 0, Hash256.LENGTH, hash, 0, Hash256.LENGTH);
    }

    static BlockLocation location(byte[] key, long length) {
        ByteBuffer buffer = ByteBuffer.wrap(key, Hash256.LENGTH, key.length - Hash256.LENGTH);
        long offset = buffer.getLong();
        String path = new String(key, Hash256.LENGTH + Long.BYTES, key.length - Hash256.LENGTH - Long.BYTES,
                StandardCharsets.UTF_8);
        return new BlockLocation(RelativePath.of(path), offset, (int) length);
    }
}
