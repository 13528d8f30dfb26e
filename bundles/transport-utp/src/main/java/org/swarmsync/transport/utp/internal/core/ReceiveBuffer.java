package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * Incoming side of one connection: a byte ring of in-order data waiting for the application,
 * and a bounded reorder ring of early packets indexed by {@code seq & mask}. Their sum never
 * exceeds the capacity, which is what we advertise as {@code wnd_size}.
 */
final class ReceiveBuffer {

    private final int capacity;
    private byte[] data;
    private int dataMask;
    private long readPos;
    private long writePos;

    private final int maxReorder;
    private byte[][] early;
    private int earlyMask;
    private int earlyCount;
    private long earlyBytes;

    /**
     * @param capacity the receive window in bytes
     * @param maxReorder how far ahead of the next expected packet we keep packets
     */
    ReceiveBuffer(int capacity, int maxReorder) {
        this.capacity = capacity;
        this.data = new byte[Math.min(1 << 16, SendBuffer.ceilPow2(capacity))];
        this.dataMask = data.length - 1;
        this.maxReorder = maxReorder;
        this.early = new byte[16][];
        this.earlyMask = 15;
    }

    /** @return bytes ready for the application */
    int available() {
        return (int) (writePos - readPos);
    }

    /** @return free window to advertise */
    int window() {
        long w = capacity - (writePos - readPos) - earlyBytes;
        return (int) Math.max(0, w);
    }

    int capacity() {
        return capacity;
    }

    int maxReorder() {
        return maxReorder;
    }

    /** Appends {@code len} bytes at absolute offset {@code off} of {@code src}; the caller checked the window. */
    void append(ByteBuffer src, int off, int len) {
        ensureData(writePos - readPos + len);
        int idx = (int) (writePos & dataMask);
        int first = Math.min(len, data.length - idx);
        src.get(off, data, idx, first);
        if (len > first) {
            src.get(off + first, data, 0, len - first);
        }
        writePos += len;
    }

    private void append(byte[] src) {
        ensureData(writePos - readPos + src.length);
        int idx = (int) (writePos & dataMask);
        int first = Math.min(src.length, data.length - idx);
        System.arraycopy(src, 0, data, idx, first);
        if (src.length > first) {
            System.arraycopy(src, first, data, 0, src.length - first);
        }
        writePos += src.length;
    }

    private void ensureData(long needed) {
        if (needed <= data.length) {
            return;
        }
        int cap = data.length;
        while (cap < needed) {
            cap <<= 1;
        }
        byte[] next = new byte[cap];
        int nextMask = cap - 1;
        for (long off = readPos; off < writePos; ) {
            int from = (int) (off & dataMask);
            int to = (int) (off & nextMask);
            int n = (int) Math.min(writePos - off, Math.min(data.length - from, cap - to));
            System.arraycopy(data, from, next, to, n);
            off += n;
        }
        data = next;
        dataMask = nextMask;
    }

    /** Moves up to {@code dst.remaining()} bytes to the application. @return bytes moved */
    int read(ByteBuffer dst) {
        int n = (int) Math.min(dst.remaining(), writePos - readPos);
        if (n <= 0) {
            return 0;
        }
        int idx = (int) (readPos & dataMask);
        int first = Math.min(n, data.length - idx);
        dst.put(data, idx, first);
        if (n > first) {
            dst.put(data, 0, n - first);
        }
        readPos += n;
        return n;
    }

    /** Drops everything buffered (after a local close, data is acknowledged but discarded). */
    void discardAll() {
        readPos = writePos;
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
        // live entries lie within maxReorder before seq+ahead; re-index them by seq
        int oldMask = earlyMask;
        byte[][] old = early;
        early = new byte[(oldMask + 1) * 2][];
        earlyMask = early.length - 1;
        int base = SeqNr.add(seq, -ahead);
        for (int d = 1; d <= oldMask + 1; d++) {
            int s = SeqNr.add(base, d);
            byte[] b = old[s & oldMask];
            if (b != null && early[s & earlyMask] == null) {
                early[s & earlyMask] = b;
            }
        }
    }

    /** @return whether an early packet with this seq is held */
    boolean hasEarly(int seq) {
        return earlyCount > 0 && early[seq & earlyMask] != null;
    }

    /** Moves the early packet {@code seq}, which is now next in order, to the in-order ring. */
    void promoteEarly(int seq) {
        int i = seq & earlyMask;
        byte[] b = early[i];
        early[i] = null;
        earlyCount--;
        earlyBytes -= b.length;
        append(b);
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
