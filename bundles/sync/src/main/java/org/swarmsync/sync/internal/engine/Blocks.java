package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reading and writing blocks of local files. */
final class Blocks {

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
}
