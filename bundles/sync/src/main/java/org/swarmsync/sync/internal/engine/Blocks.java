package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.swarmsync.sync.internal.model.Hash256;

/** Reading and writing blocks of local files, and checking them against their hashes. */
final class Blocks {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private Blocks() {
    }

    /** Reads until {@code buffer} is full. @return false at the end of the file first */
    static boolean readFully(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                return false;
            }
            at += n;
        }
        return true;
    }

    /** Writes all of {@code data} at {@code offset}. */
    static void writeFully(FileChannel channel, ByteBuffer data, long offset) throws IOException {
        long at = offset;
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
    }

    /** @return whether the remaining bytes of {@code data} hash to {@code hash}; leaves its position */
    static boolean matches(ByteBuffer data, Hash256 hash) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(data.duplicate());
        return hash.matches(digest.digest());
    }
}
