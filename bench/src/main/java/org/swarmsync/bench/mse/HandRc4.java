package org.swarmsync.bench.mse;

/**
 * A plain-Java RC4 written for comparison only: the bundle uses a library cipher, and this
 * shows what the JIT makes of the textbook loop with the state held in an {@code int[]}.
 */
final class HandRc4 {

    private final int[] s = new int[256];
    private int i;
    private int j;

    HandRc4(byte[] key) {
        for (int k = 0; k < 256; k++) {
            s[k] = k;
        }
        int jj = 0;
        for (int k = 0; k < 256; k++) {
            jj = (jj + s[k] + (key[k % key.length] & 0xff)) & 0xff;
            int t = s[k];
            s[k] = s[jj];
            s[jj] = t;
        }
    }

    void apply(byte[] buffer, int offset, int length) {
        int[] state = s;
        int x = i;
        int y = j;
        for (int k = offset, end = offset + length; k < end; k++) {
            x = (x + 1) & 0xff;
            int sx = state[x];
            y = (y + sx) & 0xff;
            int sy = state[y];
            state[x] = sy;
            state[y] = sx;
            buffer[k] ^= (byte) state[(sx + sy) & 0xff];
        }
        i = x;
        j = y;
    }
}
