package org.swarmsync.sync.internal.model;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The identity of a file's content as one hash: SHA-256 over the size, the block size and
 * the block hashes. Two entries with the same content hash hold the same bytes laid out in
 * the same blocks, whatever their names, times or histories. A download's resume state is
 * keyed by it, so a temporary file is only ever resumed towards the content it was started
 * for.
 */
public final class ContentHash {

    private static final byte[] DOMAIN = "swarmsync content v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ContentHash() {
    }

    /** @return the content hash of {@code entry} (its path, times and version play no part) */
    public static Hash256 of(FileEntry entry) {
        MessageDigest digest = sha256();
        digest.update(DOMAIN);
        ByteBuffer header = ByteBuffer.allocate(Long.BYTES + Integer.BYTES + Integer.BYTES + 1);
        header.putLong(entry.size()).putInt(entry.blockSize()).putInt(entry.blocks().size())
                .put((byte) entry.type().ordinal());
        digest.update(header.array());
        for (Block block : entry.blocks()) {
            digest.update(block.hash().toBytes());
        }
        return Hash256.wrap(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
