package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Incoming side of one connection: the in-order bytes waiting for the application, as a queue
 * of segments, and a bounded reorder ring of early packets indexed by {@code seq & mask}.
 * A large payload stays in the datagram buffer it arrived in (when the driver lets the core
 * keep it), so the application's read is its only copy; small ones are packed into heap
 * chunks. In-order plus early bytes never exceed the capacity, which is what we advertise as
 * {@code wnd_size}.
 */
final class ReceiveBuffer {

    /** Payloads at least this long are kept in their datagram buffer rather than copied. */
    static final int KEEP_THRESHOLD = 8 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final int capacity;
    private final DatagramKeeper keeper;
    /** Unread bytes of each segment lie between its position and limit. */
    private final ArrayDeque<ByteBuffer> segments = new ArrayDeque<>();
    /** For each segment: the kept datagram buffer to hand back, {@link #CHUNK_KIND} or {@link #COPY_KIND}. */
    private final ArrayDeque<Object> owners = new ArrayDeque<>();
    private static final Object CHUNK_KIND = "chunk";
    private static final Object COPY_KIND = "copy";
    /** The heap chunk small payloads are appended to; also the last segment while it has room. */
    private ByteBuffer tail;
    private ByteBuffer spare;
    private long available;

    private final int maxReorder;
    private byte[][] early;
    private int earlyMask;
    private int earlyCount;
    private long earlyBytes;

    /**
     * @param capacity the receive window in bytes
     * @param maxReorder how far ahead of the next expected packet we keep packets
     */
    ReceiveBuffer(int capacity, int maxReorder, DatagramKeeper keeper) {
        this.capacity = capacity;
        this.maxReorder = maxReorder;
        this.keeper = keeper;
        this.early = new byte[16][];
        this.earlyMask = 15;
    }

    /** @return bytes ready for the application */
    int available() {
        return (int) Math.min(Integer.MAX_VALUE, available);
    }

    /** @return free window to advertise */
    int window() {
        long w = capacity - available - earlyBytes;
        return (int) Math.max(0, w);
    }

    int capacity() {
        return capacity;
    }

    int maxReorder() {
        return maxReorder;
    }

    /**
     * Appends {@code len} bytes at absolute offset {@code off} of the datagram {@code src}; the
     * caller checked the window.
     */
    void append(ByteBuffer src, int off, int len) {
        if (len >= KEEP_THRESHOLD && keeper.keep(src)) {
            segments.add(src.duplicate().limit(off + len).position(off));
            owners.add(src);
            tail = null;
            available += len;
            return;
        }
        while (len > 0) {
            if (tail == null || tail.limit() == tail.capacity()) {
                newChunk();
            }
            int n = Math.min(len, tail.capacity() - tail.limit());
            int at = tail.limit();
            tail.limit(at + n);
            tail.put(at, src, off, n);
            off += n;
            len -= n;
            available += n;
        }
    }

    private void appendCopy(byte[] b) {
        if (b.length >= KEEP_THRESHOLD) {
            // an early packet's private copy becomes a segment as it is
            segments.add(ByteBuffer.wrap(b));
            owners.add(COPY_KIND);
            tail = null;
            available += b.length;
        } else {
            append(ByteBuffer.wrap(b), 0, b.length);
        }
    }

    private void newChunk() {
        ByteBuffer c = spare != null ? spare : ByteBuffer.allocate(CHUNK);
        spare = null;
        c.clear().limit(0);
        tail = c;
        segments.add(c);
        owners.add(CHUNK_KIND);
    }

    /** Moves up to {@code dst.remaining()} bytes to the application. @return bytes moved */
    int read(ByteBuffer dst) {
        int moved = 0;
        ByteBuffer seg;
        while (dst.hasRemaining() && (seg = segments.peek()) != null) {
            int n = Math.min(dst.remaining(), seg.remaining());
            dst.put(dst.position(), seg, seg.position(), n);
            dst.position(dst.position() + n);
            seg.position(seg.position() + n);
            moved += n;
            available -= n;
            if (seg.hasRemaining()) {
                break;
            }
            if (seg == tail) {
                if (seg.limit() < seg.capacity()) {
                    // read out, but small payloads may still be appended to it
                    break;
                }
                tail = null;
            }
            dropHead();
        }
        return moved;
    }

    private void dropHead() {
        ByteBuffer seg = segments.poll();
        Object owner = owners.poll();
        if (owner == CHUNK_KIND) {
            spare = seg;
        } else if (owner instanceof ByteBuffer datagram) {
            keeper.release(datagram);
        }
    }

    /** Drops everything buffered (after a local close, data is acknowledged but discarded). */
    void discardAll() {
        tail = null;
        while (!segments.isEmpty()) {
            dropHead();
        }
        available = 0;
        for (int i = 0; i <= earlyMask; i++) {
            early[i] = null;
        }
        earlyCount = 0;
        earlyBytes = 0;
    }

    int earlyCount() {
        return earlyCount;
    }

    /**
     * Keeps a copy of an early packet.
     *
     * @param ahead distance from the next expected seq (1..maxReorder)
     * @return false if it was already held
     */
    boolean storeEarly(int seq, int ahead, ByteBuffer src, int off, int len) {
        while (ahead > earlyMask) {
            growEarly(seq, ahead);
        }
        int i = seq & earlyMask;
        if (early[i] != null) {
            return false;
        }
        byte[] copy = new byte[len];
        src.get(off, copy, 0, len);
        early[i] = copy;
        earlyCount++;
        earlyBytes += len;
        return true;
    }

    private void growEarly(int seq, int ahead) {
        // live entries lie within earlyMask after the expected seq; re-index them by seq
        int oldMask = earlyMask;
        byte[][] old = early;
        early = new byte[(oldMask + 1) * 2][];
        earlyMask = early.length - 1;
        int expected = SeqNr.add(seq, -ahead);
        for (int d = 1; d <= oldMask; d++) {
            int s = SeqNr.add(expected, d);
            early[s & earlyMask] = old[s & oldMask];
        }
    }

    /** @return whether an early packet with this seq is held */
    boolean hasEarly(int seq) {
        return earlyCount > 0 && early[seq & earlyMask] != null;
    }

    /** Moves the early packet {@code seq}, which is now next in order, to the in-order data. */
    void promoteEarly(int seq, boolean discard) {
        int i = seq & earlyMask;
        byte[] b = early[i];
        early[i] = null;
        earlyCount--;
        earlyBytes -= b.length;
        if (!discard) {
            appendCopy(b);
        }
    }

    /** Drops the early packet {@code seq} (when it turned out to lie past the peer's FIN). */
    void dropEarly(int seq) {
        int i = seq & earlyMask;
        byte[] b = early[i];
        if (b != null) {
            early[i] = null;
            earlyCount--;
            earlyBytes -= b.length;
        }
    }
}
