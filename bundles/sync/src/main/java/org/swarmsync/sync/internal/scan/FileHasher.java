package org.swarmsync.sync.internal.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.swarmsync.sync.internal.model.Hash256;

/**
 * Hashes a run of a file's blocks with SHA-256 (the JDK's, which uses the CPU's SHA
 * instructions where there are any). Each thread reuses one 1 MiB buffer and one digest.
 * Reads go through a {@link FileChannel} at explicit positions, never a memory map: a file
 * truncated by its writer while mapped would fault instead of reading short.
 */
final class FileHasher {

    /** The file ended before the blocks it was sized for: it changed under us. */
    static final class ShortReadException extends IOException {
        private static final long serialVersionUID = 1L;

        ShortReadException(Path file, long position) {
            super(file + " ended at " + position + " while being hashed");
        }
    }

    private static final int BUFFER_BYTES = 1 << 20;

    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_BYTES));
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(FileHasher::sha256);

    /**
     * @param file the file
     * @param size its size when observed
     * @param blockSize its block size
     * @param first the first block to hash
     * @param into where to put the hashes, at the blocks' indexes
     * @param count how many blocks
     * @return the bytes read
     * @throws ShortReadException if the file is shorter than {@code size} now
     */
    long hashBlocks(Path file, long size, int blockSize, int first, Hash256[] into, int count) throws IOException {
        ByteBuffer buffer = buffers.get();
        MessageDigest digest = digests.get();
        byte[] array = buffer.array();
        long read = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int block = first; block < first + count; block++) {
                long position = (long) block * blockSize;
                long end = Math.min(size, position + blockSize);
                digest.reset();
                while (position < end) {
                    buffer.clear().limit((int) Math.min(array.length, end - position));
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        throw new ShortReadException(file, position);
                    }
                    digest.update(array, 0, n);
                    position += n;
                    read += n;
                }
                into[block] = Hash256.wrap(digest.digest());
            }
        }
        return read;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
