package org.swarmsync.crypto.mse.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.swarmsync.api.transport.Connection;

/** A man in the middle on the write path: once armed, flips bits of one byte. */
final class TamperingConnection extends ForwardingConnection {

    /** Bytes still to pass before the one to flip; negative when disarmed. */
    private long untilFlip = -1;
    private int mask;

    TamperingConnection(Connection raw) {
        super(raw);
    }

    /**
     * @param offset which byte of what is written next (counting across writes) gets flipped
     * @param bits which of its bits
     */
    synchronized void flipNext(long offset, int bits) {
        untilFlip = offset;
        mask = bits;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        if (untilFlip < 0 || untilFlip >= src.remaining()) {
            int n = raw.write(src);
            untilFlip -= untilFlip < 0 ? 0 : n;
            return n;
        }
        ByteBuffer copy = ByteBuffer.allocate(src.remaining()).put(src.duplicate()).flip();
        int at = (int) untilFlip;
        copy.put(at, (byte) (copy.get(at) ^ mask));
        untilFlip = -1;
        int total = copy.remaining();
        while (copy.hasRemaining()) {
            raw.write(copy);
        }
        src.position(src.limit());
        return total;
    }
}
