package org.swarmsync.crypto.mse.internal;

import java.nio.ByteBuffer;

/** A fixed-length piece of the handshake that may arrive split over several reads. */
final class Field {

    private final byte[] bytes;
    private int filled;

    Field(int length) {
        this.bytes = new byte[length];
    }

    /**
     * Takes as many bytes as are missing and available.
     *
     * @return whether the field is now complete
     */
    boolean fill(ByteBuffer in) {
        int n = Math.min(bytes.length - filled, in.remaining());
        in.get(bytes, filled, n);
        filled += n;
        return filled == bytes.length;
    }

    int filled() {
        return filled;
    }

    int length() {
        return bytes.length;
    }

    /** @return the backing array: the field owns no copy of its own */
    byte[] bytes() {
        return bytes;
    }
}
