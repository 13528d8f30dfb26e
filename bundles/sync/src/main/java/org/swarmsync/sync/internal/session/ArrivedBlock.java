package org.swarmsync.sync.internal.session;

import java.nio.ByteBuffer;

import org.swarmsync.sync.internal.protocol.FrameBuffers;

/**
 * The answer to one of our block requests: its data, already checked against the requested
 * hash, and the frame it arrived in. Whoever consumes the data calls {@link #done()} once it
 * has been written, so that the frame's array serves the next frame; a block whose
 * {@code done} is never called costs only the reuse.
 *
 * @param data a read-only view of the block's bytes
 * @param frame the frame body the data lies in
 */
public record ArrivedBlock(ByteBuffer data, ByteBuffer frame) {

    /** Gives the frame back for reuse: neither {@link #data} nor any view of it may be read after. */
    public void done() {
        FrameBuffers.giveBack(frame);
    }
}
