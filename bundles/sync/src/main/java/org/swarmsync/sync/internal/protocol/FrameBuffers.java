package org.swarmsync.sync.internal.protocol;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The arrays behind large frame bodies, kept for the next frame of the same size once the
 * frame's last user gives them back. A node receiving a large file gets one frame per block,
 * 1 MiB and more: a new array for each was a heap allocation of its own (in a 256 MiB heap, G1
 * places arrays above half a region outside the young generation), zeroed and then filled,
 * and the allocations drove the collections; together 5% of the receiver's CPU
 * (bench/README.md, "Sixth session").
 *
 * <p>Giving back is optional: a frame never given back is collected as any array. Giving back
 * is a promise that nothing reads or writes the frame any more, since its array may be filled
 * with another frame at once. Shared by every session of the bundle; bounded in bytes.
 */
public final class FrameBuffers {

    /** Smaller frames (most messages) are allocated as before: cheap, and not worth keeping. */
    public static final int MIN_KEPT = 256 * 1024;
    /** Arrays are made in multiples of this, so frames of one block size share them. */
    static final int GRANULE = 4096;
    /** The most bytes of arrays kept between frames. */
    public static final long MAX_KEPT_BYTES = 24L << 20;

    private static final Map<Integer, Queue<byte[]>> FREE = new ConcurrentHashMap<>();
    private static final AtomicLong KEPT = new AtomicLong();

    private FrameBuffers() {
    }

    /**
     * @param length a frame body's length
     * @return a heap buffer for it, position 0 and limit and capacity {@code length}, backed by a
     *         kept array when there is one of its size
     */
    public static ByteBuffer forFrame(int length) {
        if (length < MIN_KEPT) {
            return ByteBuffer.allocate(length);
        }
        int size = roundUp(length);
        Queue<byte[]> free = FREE.get(size);
        byte[] array = free == null ? null : free.poll();
        if (array == null) {
            array = new byte[size];
        } else {
            KEPT.addAndGet(-size);
        }
        return ByteBuffer.wrap(array, 0, length).slice();
    }

    /**
     * Keeps the array behind a frame body from {@link #forFrame} for another frame, if it is one
     * of the kept sizes and there is room; does nothing for any other buffer.
     *
     * @param frame a frame body, or any view of it that shares its array; nothing may use it after
     */
    public static void giveBack(ByteBuffer frame) {
        if (!frame.hasArray()) {
            return; // read-only or direct: not one of ours
        }
        byte[] array = frame.array();
        if (array.length < MIN_KEPT || array.length % GRANULE != 0) {
            return;
        }
        if (KEPT.addAndGet(array.length) > MAX_KEPT_BYTES) {
            KEPT.addAndGet(-array.length);
            return;
        }
        FREE.computeIfAbsent(array.length, size -> new ConcurrentLinkedQueue<>()).offer(array);
    }

    /** @return how many bytes of arrays are kept now */
    static long keptBytes() {
        return KEPT.get();
    }

    private static int roundUp(int length) {
        long size = ((long) length + GRANULE - 1) / GRANULE * GRANULE;
        return (int) Math.min(size, Integer.MAX_VALUE - GRANULE + 1);
    }
}
