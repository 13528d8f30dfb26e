package org.swarmsync.transport.utp.internal.core;

import java.util.SplittableRandom;

/**
 * Deterministic test data: byte i of stream s is {@code block[(i + s) % P] ^ (i / P)} with a
 * random block of prime length P, so that any misplaced, lost or duplicated range shows.
 */
public final class Pattern {

    static final int P = 65_521;
    private static final byte[] BLOCK = new byte[P];

    static {
        new SplittableRandom(42).nextBytes(BLOCK);
    }

    private Pattern() {
    }

    public static void fill(byte[] dst, int off, int len, long streamOffset, int stream) {
        for (int k = 0; k < len; ) {
            long i = streamOffset + k;
            int idx = (int) ((i + stream) % P);
            int run = Math.min(len - k, P - idx);
            byte x = (byte) ((i + stream) / P);
            for (int j = 0; j < run; j++) {
                dst[off + k + j] = (byte) (BLOCK[idx + j] ^ x);
            }
            k += run;
        }
    }

    /** @return the offset of the first mismatch, or -1 */
    public static long check(byte[] src, int off, int len, long streamOffset, int stream) {
        for (int k = 0; k < len; ) {
            long i = streamOffset + k;
            int idx = (int) ((i + stream) % P);
            int run = Math.min(len - k, P - idx);
            byte x = (byte) ((i + stream) / P);
            for (int j = 0; j < run; j++) {
                if (src[off + k + j] != (byte) (BLOCK[idx + j] ^ x)) {
                    return streamOffset + k + j;
                }
            }
            k += run;
        }
        return -1;
    }
}
