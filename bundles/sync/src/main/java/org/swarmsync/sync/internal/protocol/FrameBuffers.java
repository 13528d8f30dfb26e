package org.swarmsync.sync.internal.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Arrays for large frame bodies, handed back by their last user so that the next frame of about
 * the same size reuses one instead of allocating it.
 *
 * <p>Why: a block frame of 1 MiB or more is a humongous object to G1 (with the 1 MiB regions of a
 * 256 MiB heap), and a 1 GiB download allocated 1 GiB of them: a collection every 150 ms, each a
 * pause of the whole receiver and the start of a concurrent cycle, the JVM zeroing every array and
 * the kernel every fresh page under it (bench/README.md, "Eighth session"). A frame is given back
 * only by the owner of everything that views it (a download, once the block is written); whatever
 * is never given back is an ordinary garbage array.
 *
 * <p>Shared by every session of the bundle, at most {@link #SPARE_BYTES} kept, the arrays given
 * back last reused first. Thread-safe.
 */
public final class FrameBuffers {

    /** Frames shorter than this are allocated as before: small arrays cost the JVM little. */
    public static final int MIN_POOLED = 128 * 1024;
    /** Array lengths are multiples of this, so frames of one block size share arrays. */
    static final int GRAIN = 64 * 1024;
    /**
     * The most memory kept in spare arrays: one frame of the largest block, or sixteen of 1 MiB
     * (a download keeps at most 16 MiB of requests in flight, so more would rarely be used).
     */
    static final long SPARE_BYTES = Limits.MAX_FRAME;

    private static final FrameBuffers SHARED = new FrameBuffers(SPARE_BYTES);

    private final long spareLimit;
    private final ArrayDeque<byte[]> spares = new ArrayDeque<>();
    private long spareBytes;

    FrameBuffers(long spareLimit) {
        this.spareLimit = spareLimit;
    }

    /** @return the pool every session of this bundle shares */
    public static FrameBuffers shared() {
        return SHARED;
    }

    /**
     * @param length the frame body's length
     * @return a buffer of exactly {@code length} bytes (position 0, limit and capacity
     *         {@code length}) over an array of its own: a spare one of the same grain if there is
     *         one; the array's content is whatever it held
     */
    public ByteBuffer take(int length) {
        if (length < MIN_POOLED) {
            return ByteBuffer.allocate(length);
        }
        int size = arrayLength(length);
        byte[] array = null;
        synchronized (this) {
            for (Iterator<byte[]> it = spares.iterator(); it.hasNext();) {
                byte[] spare = it.next();
                if (spare.length == size) {
                    it.remove();
                    spareBytes -= size;
                    array = spare;
                    break;
                }
            }
        }
        if (array == null) {
            array = new byte[size];
        }
        return ByteBuffer.wrap(array, 0, length).slice();
    }

    /**
     * Takes back a buffer {@link #take} returned, once nothing uses it or any view of it. Buffers
     * too small to be pooled, or not over a whole array of this pool's sizes, are left to the
     * garbage collector; spares beyond the limit too, the oldest first.
     */
    public void give(ByteBuffer frame) {
        if (!frame.hasArray() || frame.arrayOffset() != 0) {
            return;
        }
        byte[] array = frame.array();
        if (array.length < MIN_POOLED || array.length % GRAIN != 0 || array.length > spareLimit) {
            return;
        }
        synchronized (this) {
            spares.addFirst(array);
            spareBytes += array.length;
            while (spareBytes > spareLimit) {
                spareBytes -= spares.removeLast().length;
            }
        }
    }

    /** @return the bytes kept in spare arrays */
    synchronized long spareBytes() {
        return spareBytes;
    }

    private static int arrayLength(int length) {
        return (int) ((length + (long) GRAIN - 1) / GRAIN * GRAIN);
    }
}
