package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import org.swarmsync.api.transport.Connection;

/**
 * Large transfers checked byte for byte without holding them in memory: byte {@code i} of the
 * stream is a function of the seed and {@code i}, so the reader recomputes what it should get.
 * Writes and reads come in random sizes, heap and direct.
 */
final class Bulk {

    private Bulk() {
    }

    /** @return byte {@code i} of the stream for {@code seed} */
    static byte at(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + (i >>> 3) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        z ^= z >>> 29;
        return (byte) (z >>> ((i & 7) * 8));
    }

    static Void write(Connection c, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[200_000];
        long written = 0;
        while (written < size) {
            int n = (int) Math.min(size - written, 1 + random.nextInt(random.nextBoolean() ? 300 : chunk.length));
            for (int k = 0; k < n; k++) {
                chunk[k] = at(seed, written + k);
            }
            ByteBuffer b = random.nextInt(4) == 0 ? ByteBuffer.allocateDirect(n).put(chunk, 0, n).flip()
                    : ByteBuffer.wrap(chunk, 0, n);
            c.write(b);
            written += n;
        }
        return null;
    }

    static Void readAndCheck(Connection c, long size, long seed) throws IOException {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        ByteBuffer heap = ByteBuffer.allocate(100_000);
        ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
        long read = 0;
        while (read < size) {
            ByteBuffer b = random.nextInt(4) == 0 ? direct : heap;
            b.clear().limit(1 + random.nextInt(random.nextBoolean() ? 100 : b.capacity()));
            int n = c.read(b);
            if (n < 0) {
                throw new IOException("end of stream after " + read + " of " + size + " bytes");
            }
            for (int k = 0; k < n; k++) {
                if (b.get(k) != at(seed, read + k)) {
                    throw new AssertionError("byte " + (read + k) + " differs");
                }
            }
            read += n;
        }
        return null;
    }
}
