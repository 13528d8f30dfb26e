package org.swarmsync.sync.internal.session;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.swarmsync.sync.internal.protocol.FrameBuffers;

/**
 * The answer to one of our block requests: the data, already checked against the requested
 * length and hash, and the frame it arrived in. Whoever consumes the data calls
 * {@link #release()} once neither the data nor any view of it is used any more (a download, after
 * writing the block), so that the frame's memory serves a later one; an answer never released is
 * simply collected.
 */
public final class ReceivedBlock {

    private final ByteBuffer data;
    private final ByteBuffer frame;
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param data the block's bytes, a read-only view of {@code frame} ({@link org.swarmsync.sync.internal.protocol.BlockData#data()})
     * @param frame the whole frame body, as the session's reader returned it
     */
    ReceivedBlock(ByteBuffer data, ByteBuffer frame) {
        this.data = data;
        this.frame = frame;
    }

    /** @return a read-only view of the block's bytes, from the first; invalid after {@link #release()} */
    public ByteBuffer data() {
        return data.duplicate();
    }

    /** Gives the frame's memory back for later frames; the second and later calls do nothing. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            FrameBuffers.shared().give(frame);
        }
    }

    @Override
    public String toString() {
        return "ReceivedBlock[" + data.remaining() + " bytes" + (released.get() ? ", released" : "") + "]";
    }
}
