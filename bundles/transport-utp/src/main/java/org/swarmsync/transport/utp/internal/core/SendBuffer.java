package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * Outgoing side of one connection: a byte ring holding what the application wrote and the
 * peer has not acknowledged, and a ring of packet records indexed by {@code seq & mask}.
 * Packets are cut from the byte stream when first sent, so a packet's payload is just a range
 * of the ring: nothing is allocated per packet. Both rings grow lazily up to their bounds.
 */
final class SendBuffer {

    static final int ACKED = 1;
    static final int RESEND = 2;
    static final int IN_FLIGHT = 4;

    private static final int MAX_PACKETS = 1 << 14;

    private final int maxBytes;
    private byte[] data;
    private int dataMask;
    /** Stream offset of the first byte not cumulatively acknowledged. */
    private long head;
    /** Stream offset after the last byte the application wrote. */
    private long tail;
    /** Stream offset after the last byte cut into a packet. */
    private long sentEnd;

    private int mask;
    private long[] start;
    private int[] length;
    private byte[] type;
    private int[] transmissions;
    private long[] sentAt;
    private byte[] flags;

    /** Last sequence number cumulatively acknowledged by the peer. */
    private int ackedSeq;
    /** Sequence number the next new packet gets. */
    private int nextSeq;

    SendBuffer(int maxBytes, int firstSeq) {
        this.maxBytes = maxBytes;
        this.data = new byte[Math.min(1 << 16, ceilPow2(maxBytes))];
        this.dataMask = data.length - 1;
        allocPackets(64);
        this.nextSeq = firstSeq & SeqNr.MASK;
        this.ackedSeq = SeqNr.add(firstSeq, -1);
    }

    private void allocPackets(int n) {
        mask = n - 1;
        start = new long[n];
        length = new int[n];
        type = new byte[n];
        transmissions = new int[n];
        sentAt = new long[n];
        flags = new byte[n];
    }

    static int ceilPow2(int v) {
        int p = Integer.highestOneBit(Math.max(1, v));
        return p == v ? p : p << 1;
    }

    int ackedSeq() {
        return ackedSeq;
    }

    int nextSeq() {
        return nextSeq;
    }

    /** @return packets sent and not cumulatively acknowledged */
    int outstanding() {
        return SeqNr.distance(ackedSeq, nextSeq) - 1;
    }

    /** @return whether {@code seq} is a packet sent and not cumulatively acknowledged */
    boolean live(int seq) {
        int d = SeqNr.distance(ackedSeq, seq);
        return d >= 1 && d <= outstanding();
    }

    /** @return bytes the application may still write */
    int free() {
        return (int) (maxBytes - (tail - head));
    }

    /** @return bytes written but not yet cut into packets */
    long unsent() {
        return tail - sentEnd;
    }

    /** @return bytes held: unsent plus unacknowledged */
    long buffered() {
        return tail - head;
    }

    /** Copies as much of {@code src} as fits. @return bytes taken */
    int append(ByteBuffer src) {
        int n = Math.min(src.remaining(), free());
        if (n <= 0) {
            return 0;
        }
        ensureData(tail - head + n);
        int idx = (int) (tail & dataMask);
        int first = Math.min(n, data.length - idx);
        src.get(data, idx, first);
        if (n > first) {
            src.get(data, 0, n - first);
        }
        tail += n;
        return n;
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
        for (long off = head; off < tail; ) {
            int from = (int) (off & dataMask);
            int to = (int) (off & nextMask);
            int n = (int) Math.min(tail - off, Math.min(data.length - from, cap - to));
            System.arraycopy(data, from, next, to, n);
            off += n;
        }
        data = next;
        dataMask = nextMask;
    }

    /** @return whether another packet record fits */
    boolean canAddPacket() {
        return outstanding() + 1 < MAX_PACKETS;
    }

    /**
     * Cuts the next {@code len} unsent bytes into a new packet (len 0 for SYN and FIN).
     *
     * @return its sequence number
     */
    int newPacket(int packetType, int len) {
        if (outstanding() + 1 >= mask + 1) {
            growPackets();
        }
        int seq = nextSeq;
        int i = seq & mask;
        start[i] = sentEnd;
        length[i] = len;
        type[i] = (byte) packetType;
        transmissions[i] = 0;
        sentAt[i] = 0;
        flags[i] = 0;
        sentEnd += len;
        nextSeq = SeqNr.add(nextSeq, 1);
        return seq;
    }

    private void growPackets() {
        int oldMask = mask;
        long[] oStart = start;
        int[] oLength = length;
        byte[] oType = type;
        int[] oTx = transmissions;
        long[] oSent = sentAt;
        byte[] oFlags = flags;
        allocPackets((oldMask + 1) * 2);
        for (int s = SeqNr.add(ackedSeq, 1); s != nextSeq; s = SeqNr.add(s, 1)) {
            int o = s & oldMask;
            int n = s & mask;
            start[n] = oStart[o];
            length[n] = oLength[o];
            type[n] = oType[o];
            transmissions[n] = oTx[o];
            sentAt[n] = oSent[o];
            flags[n] = oFlags[o];
        }
    }

    /** Appends packet {@code seq}'s payload to {@code dst}. */
    void copyPayload(int seq, ByteBuffer dst) {
        int i = seq & mask;
        int n = length[i];
        int idx = (int) (start[i] & dataMask);
        int first = Math.min(n, data.length - idx);
        dst.put(data, idx, first);
        if (n > first) {
            dst.put(data, 0, n - first);
        }
    }

    int length(int seq) {
        return length[seq & mask];
    }

    int type(int seq) {
        return type[seq & mask];
    }

    int transmissions(int seq) {
        return transmissions[seq & mask];
    }

    long sentAt(int seq) {
        return sentAt[seq & mask];
    }

    boolean has(int seq, int flag) {
        return (flags[seq & mask] & flag) != 0;
    }

    void set(int seq, int flag) {
        flags[seq & mask] |= (byte) flag;
    }

    void clear(int seq, int flag) {
        flags[seq & mask] &= (byte) ~flag;
    }

    /** Records one transmission of {@code seq}. */
    void transmitted(int seq, long now) {
        int i = seq & mask;
        transmissions[i]++;
        sentAt[i] = now;
        flags[i] = (byte) ((flags[i] | IN_FLIGHT) & ~RESEND);
    }

    /**
     * Moves the cumulative acknowledgement to {@code seq} and frees the bytes before it. The
     * caller has already accounted for each packet it covers.
     */
    void ackThrough(int seq) {
        int i = seq & mask;
        head = start[i] + length[i];
        ackedSeq = seq;
    }
}
