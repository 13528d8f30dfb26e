package org.swarmsync.discovery.tracker.internal.server;

import org.swarmsync.api.secrets.ShareHash;

/**
 * A share hash as four longs: the table's map key, half the size of a {@code ShareHash} with
 * its array, and hashed without a loop.
 */
record ShareKey(long a, long b, long c, long d) {

    static ShareKey of(ShareHash share) {
        byte[] h = share.toBytes();
        return new ShareKey(read(h, 0), read(h, 8), read(h, 16), read(h, 24));
    }

    private static long read(byte[] h, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | h[at + i] & 0xFF;
        }
        return v;
    }
}
