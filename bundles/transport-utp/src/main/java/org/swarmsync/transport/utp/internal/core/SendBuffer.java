package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * Outgoing side of one connection, laid out as ready-to-send packets: slot {@code seq & mask}
 * of one buffer holds a 20-byte header followed by up to {@code payloadSize} bytes. The
 * application's bytes are copied straight into the payload of the newest ("open") packet, and
 * a DATA packet goes out as a view of its slot once the header is written in front of it, so
 * sending and retransmitting copy nothing. Per-packet records live in parallel arrays indexed
 * the same way. Slots are numbered by seq_nr, assigned when a packet starts to fill; SYN and
 * FIN take a slot without payload. The buffer grows lazily up to its bound.
 */
final class SendBuffer {

    static final int ACKED = 1;
    static final int RESEND = 2;
    static final int IN_FLIGHT = 4;

    private static final int MAX_PACKETS = 1 << 14;

    private final int maxBytes;
    private final IntFunction<ByteBuffer> allocator;
    private int payloadSize;
    private int stride;
    private ByteBuffer mem;
    private int mask;
    private int[] length;
    private byte[] type;
    private int[] transmissions;
    private long[] sentAt;
    private byte[] flags;

    /** Last sequence number cumulatively acknowledged by the peer. */
    private int ackedSeq;
    /** Next packet to transmit for the first time. */
    private int sendSeq;
    /** Sequence number the next new packet gets. */
    private int nextSeq;
    /** Whether packet nextSeq-1 is DATA still taking the application's bytes (hence unsent). */
    private boolean open;
    /** Payload bytes in packets after ackedSeq. */
    private long buffered;
    /** Payload bytes in packets not yet transmitted. */
    private long unsent;

    /**
     * @param allocator makes the packet memory (the driver gives direct buffers, so that the
     *        kernel sends straight from it)
     */
    SendBuffer(int maxBytes, int payloadSize, int firstSeq, IntFunction<ByteBuffer> allocator) {
        this.maxBytes = maxBytes;
        this.allocator = allocator;
        this.nextSeq = firstSeq & SeqNr.MASK;
        this.sendSeq = nextSeq;
        this.ackedSeq = SeqNr.add(firstSeq, -1);
        layout(payloadSize, 16);
    }

    private void layout(int payload, int slots) {
        payloadSize = payload;
        stride = UtpHeader.SIZE + payload;
        mem = allocator.apply(slots * stride);
        mask = slots - 1;
        length = new int[slots];
        type = new byte[slots];
        transmissions = new int[slots];
        sentAt = new long[slots];
        flags = new byte[slots];
    }

    static int ceilPow2(int v) {
        int p = Integer.highestOneBit(Math.max(1, v));
        return p == v ? p : p << 1;
    }

    int ackedSeq() {
        return ackedSeq;
    }

    /** @return the next sequence number to transmit for the first time (what STATE carries) */
    int sendSeq() {
        return sendSeq;
    }

    int payloadSize() {
        return payloadSize;
    }

    /** @return packets transmitted and not cumulatively acknowledged */
    int outstanding() {
        return SeqNr.distance(ackedSeq, sendSeq) - 1;
    }

    /** @return whether {@code seq} was transmitted and is not cumulatively acknowledged */
    boolean live(int seq) {
        int d = SeqNr.distance(ackedSeq, seq);
        return d >= 1 && d <= outstanding();
    }

    /** @return bytes the application may still write */
    int free() {
        return (int) (maxBytes - buffered);
    }

    /** @return payload bytes written but not yet transmitted */
    long unsent() {
        return unsent;
    }

    /** @return payload bytes held: unsent plus unacknowledged */
    long buffered() {
        return buffered;
    }

    /** @return whether a packet waits for its first transmission */
    boolean hasUnsent() {
        return sendSeq != nextSeq;
    }

    /** @return whether the packet waiting first is the open one, which may still grow */
    boolean unsentIsOpen() {
        return open && SeqNr.add(sendSeq, 1) == nextSeq;
    }

    /** Copies as much of {@code src} as fits into packets. @return bytes taken */
    int append(ByteBuffer src) {
        int taken = 0;
        while (src.hasRemaining() && buffered < maxBytes) {
            int last = SeqNr.add(nextSeq, -1);
            if (!open || length[last & mask] == payloadSize) {
                if (!canAddPacket()) {
                    break;
                }
                newPacket(PacketType.DATA);
                open = true;
                last = SeqNr.add(nextSeq, -1);
            }
            int i = last & mask;
            int n = (int) Math.min(Math.min(src.remaining(), payloadSize - length[i]), maxBytes - buffered);
            int at = i * stride + UtpHeader.SIZE + length[i];
            mem.put(at, src, src.position(), n);
            src.position(src.position() + n);
            length[i] += n;
            buffered += n;
            unsent += n;
            taken += n;
        }
        return taken;
    }

    /** @return whether another packet record fits */
    boolean canAddPacket() {
        return SeqNr.distance(ackedSeq, nextSeq) < MAX_PACKETS;
    }

    /** Creates a packet without payload (SYN or FIN), to be transmitted after every earlier one. */
    int newControl(int packetType) {
        open = false;
        return newPacket(packetType);
    }

    private int newPacket(int packetType) {
        if (SeqNr.distance(ackedSeq, nextSeq) > mask) {
            grow();
        }
        int seq = nextSeq;
        int i = seq & mask;
        length[i] = 0;
        type[i] = (byte) packetType;
        transmissions[i] = 0;
        sentAt[i] = 0;
        flags[i] = 0;
        nextSeq = SeqNr.add(nextSeq, 1);
        return seq;
    }

    /** Marks the first unsent packet as sent from now on (it stops growing). @return its seq */
    int cut() {
        int seq = sendSeq;
        sendSeq = SeqNr.add(sendSeq, 1);
        if (sendSeq == nextSeq) {
            open = false;
        }
        unsent -= length[seq & mask];
        return seq;
    }

    private void grow() {
        relayout(payloadSize, (mask + 1) * 2);
    }

    private void relayout(int payload, int slots) {
        int oldMask = mask;
        int oldStride = stride;
        ByteBuffer oldMem = mem;
        int[] oLength = length;
        byte[] oType = type;
        int[] oTx = transmissions;
        long[] oSent = sentAt;
        byte[] oFlags = flags;
        layout(payload, slots);
        for (int s = SeqNr.add(ackedSeq, 1); s != nextSeq; s = SeqNr.add(s, 1)) {
            int o = s & oldMask;
            int n = s & mask;
            mem.put(n * stride, oldMem, o * oldStride, UtpHeader.SIZE + oLength[o]);
            length[n] = oLength[o];
            type[n] = oType[o];
            transmissions[n] = oTx[o];
            sentAt[n] = oSent[o];
            flags[n] = oFlags[o];
        }
    }

    /**
     * Changes the payload size before any DATA was transmitted (the handshake agreed on large
     * datagrams): the unsent bytes are cut again into packets of the new size.
     */
    void repack(int newPayload) {
        if (newPayload == payloadSize) {
            return;
        }
        int firstData = sendSeq;
        byte[] pending = new byte[(int) unsent];
        int p = 0;
        for (int s = firstData; s != nextSeq; s = SeqNr.add(s, 1)) {
            int i = s & mask;
            mem.get(i * stride + UtpHeader.SIZE, pending, p, length[i]);
            p += length[i];
        }
        buffered -= unsent;
        unsent = 0;
        nextSeq = firstData;
        open = false;
        relayout(newPayload, mask + 1);
        append(ByteBuffer.wrap(pending));
    }

    /**
     * @return a view of packet {@code seq}'s slot from its header to the end of its payload;
     *         the caller writes the header at the view's position
     */
    ByteBuffer slot(int seq) {
        int i = seq & mask;
        int at = i * stride;
        return mem.duplicate().limit(at + UtpHeader.SIZE + length[i]).position(at);
    }

    /** Appends packet {@code seq}'s payload to {@code dst}. */
    void copyPayload(int seq, ByteBuffer dst) {
        int i = seq & mask;
        dst.put(dst.position(), mem, i * stride + UtpHeader.SIZE, length[i]);
        dst.position(dst.position() + length[i]);
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
     * Moves the cumulative acknowledgement to {@code seq}, freeing the packets it covers. The
     * caller has already accounted for each of them.
     */
    void ackThrough(int seq) {
        for (int s = SeqNr.add(ackedSeq, 1); ; s = SeqNr.add(s, 1)) {
            buffered -= length[s & mask];
            if (s == seq) {
                break;
            }
        }
        ackedSeq = seq;
    }
}
