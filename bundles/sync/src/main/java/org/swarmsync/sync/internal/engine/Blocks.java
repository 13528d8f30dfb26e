package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.swarmsync.sync.internal.model.Hash256;

/** Reading blocks from local files and checking them against their hashes. */
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

    /**
     * Reads {@code length} bytes at {@code offset} of {@code file}, not following a link at
     * {@code file} itself (the caller checked the directories above it).
     *
     * @return the bytes, if the file holds that many there and they hash to {@code hash};
     *         null if it is gone, shorter, or holds something else now
     */
    static ByteBuffer readVerified(Path file, long offset, int length, Hash256 hash) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!readFully(channel, data, offset)) {
                return null;
            }
        } catch (IOException e) {
            // Gone, unreadable, a directory, or a link (ELOOP from O_NOFOLLOW): not a source.
            return null;
        }
        data.flip();
        return matches(data, hash) ? data : null;
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
