package org.swarmsync.sync.internal.protocol;

import java.nio.ByteBuffer;

/**
 * {@code block} with {@code data}: the content a request asked for.
 *
 * <p>Decoded, {@link #data()} is a read-only view of the frame's own buffer, which nothing
 * else uses or reuses: it stays valid as long as it is referenced, and costs no copy until the
 * consumer writes it somewhere. Encoded, the data is written to the connection from the
 * caller's buffer without being copied into the frame.
 *
 * @param id the id of the request this answers
 * @param data the block's bytes, at most 16 MiB, from position to limit
 */
public record BlockData(long id, ByteBuffer data) implements Message {

    /** The wire type. */
    public static final String TYPE = "block";

    /** Checks ranges and keeps a read-only view, so neither side's position moves the other's. */
    public BlockData {
        if (id < 0) {
            throw new IllegalArgumentException("block id " + id);
        }
        if (data.remaining() > Limits.MAX_BLOCK_LENGTH) {
            throw new IllegalArgumentException("block of " + data.remaining() + " bytes");
        }
        data = data.asReadOnlyBuffer();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @return a fresh read-only view of the data, from its first byte */
    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public String toString() {
        return "BlockData[id " + id + ", " + data.remaining() + " bytes]";
    }
}
