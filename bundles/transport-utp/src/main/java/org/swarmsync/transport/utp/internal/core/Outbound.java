package org.swarmsync.transport.utp.internal.core;

/**
 * What one connection has sent: the packets in flight, what the peer acknowledged (cumulative
 * and selective), duplicate-ACK and SACK driven fast retransmit (PROTOCOLS.md 2.5), the
 * timeout state (2.6), the congestion window (2.4) and the peer's advertised window (2.8).
 * It decides; the socket writes the packets.
 */
final class Outbound {

    static final int DUP_ACK_LIMIT = 3;
    /** Fast retransmits triggered by one SACK, as libutp (4). */
    static final int MAX_FAST_RESEND = 4;

    final SendBuffer buf;
    final Ledbat cc;
    final RttEstimator rtt;
    long bytesInFlight;
    long peerWnd;
    int payloadSize;
    int timeouts;
    private int dupAcks;
    private int fastResendSeq;
    private int resendPending;
    private int smallSeq = -1;

    /** Results of the last {@link #onAck}. */
    int ackedBytes;
    long minRtt;
    final int[] resend = new int[MAX_FAST_RESEND + 1];
    int resendCount;

    Outbound(UtpConfig cfg, int firstSeq, int payloadSize, long peerWnd, long synRto,
            java.util.function.IntFunction<java.nio.ByteBuffer> allocator) {
        this.buf = new SendBuffer(cfg.sendBufferBytes(), payloadSize, firstSeq, allocator);
        this.payloadSize = payloadSize;
        this.peerWnd = peerWnd;
        this.fastResendSeq = firstSeq & SeqNr.MASK;
        // start with a few packets, like TCP's initial window; slow start grows it from there
        this.cc = new Ledbat(cfg.targetDelayMicros(), cfg.gainBytes(), cfg.maxPayloadV4(), 4L * payloadSize,
                cfg.maxWindowBytes(), firstSeq);
        this.rtt = new RttEstimator(cfg.minRtoMicros(), cfg.maxRtoMicros(), synRto);
    }

    /** Switches to a larger payload size, agreed in the handshake. */
    void usePayloadSize(int size) {
        if (size > payloadSize) {
            payloadSize = size;
            buf.repack(size);
            cc.ensureAtLeast(4L * size);
        }
    }

    /** @return bytes we may have in flight now */
    long window() {
        return Math.min(cc.window(), peerWnd);
    }

    boolean hasResends() {
        return resendPending > 0;
    }

    /** Queues a packet created but not yet transmitted (the SYN, when the output was full). */
    void markPending(int seq) {
        buf.set(seq, SendBuffer.RESEND);
        resendPending++;
    }

    /** Puts a packet back in the retransmission queue (the output was full when it was due). */
    void requeue(int seq) {
        if (buf.has(seq, SendBuffer.IN_FLIGHT)) {
            bytesInFlight -= buf.length(seq);
            buf.clear(seq, SendBuffer.IN_FLIGHT);
        }
        if (!buf.has(seq, SendBuffer.RESEND)) {
            buf.set(seq, SendBuffer.RESEND);
            resendPending++;
        }
    }

    /**
     * @return the next packet waiting for retransmission that the window admits, or -1
     */
    int nextResend() {
        if (resendPending == 0) {
            return -1;
        }
        long window = window();
        for (int s = SeqNr.add(buf.ackedSeq(), 1); s != buf.sendSeq(); s = SeqNr.add(s, 1)) {
            if (buf.has(s, SendBuffer.RESEND)) {
                if (bytesInFlight > 0 && bytesInFlight + buf.length(s) > window) {
                    return -1;
                }
                return s;
            }
        }
        resendPending = 0;
        return -1;
    }

    /**
     * @param flushAll no more data will follow (a FIN is queued), so a short packet may go now
     * @return the next packet to transmit for the first time, if the windows admit it, or -1
     */
    int nextNew(boolean flushAll) {
        if (!buf.hasUnsent()) {
            return -1;
        }
        int seq = buf.sendSeq();
        if (buf.type(seq) != PacketType.DATA) {
            return seq;
        }
        int len = buf.length(seq);
        // Nagle, as libtorrent: at most one undersized packet in flight
        if (len < payloadSize && !flushAll && buf.unsentIsOpen() && smallInFlight()) {
            return -1;
        }
        // one packet may always be in flight, whatever the congestion window says
        if (bytesInFlight > 0 && bytesInFlight + len > window()) {
            return -1;
        }
        if (bytesInFlight == 0 && len > peerWnd) {
            return -1;
        }
        return seq;
    }

    /** @return whether the peer's window, not ours, stops us with nothing in flight */
    boolean zeroWindowStall() {
        return buf.hasUnsent() && bytesInFlight == 0 && buf.type(buf.sendSeq()) == PacketType.DATA
                && peerWnd < buf.length(buf.sendSeq());
    }

    private boolean smallInFlight() {
        return smallSeq >= 0 && buf.live(smallSeq) && !buf.has(smallSeq, SendBuffer.ACKED);
    }

    /** Records a new packet's first transmission or a retransmission. */
    void transmitted(int seq, long now) {
        if (buf.has(seq, SendBuffer.RESEND)) {
            resendPending--;
        }
        if (!buf.has(seq, SendBuffer.IN_FLIGHT)) {
            bytesInFlight += buf.length(seq);
        }
        if (buf.type(seq) == PacketType.DATA && buf.length(seq) < payloadSize
                && buf.transmissions(seq) == 0) {
            smallSeq = seq;
        }
        buf.transmitted(seq, now);
    }

    /** @return whether ack_nr acknowledges something we never sent */
    boolean ackBeyondSent(int ackNr) {
        return SeqNr.before(SeqNr.add(buf.sendSeq(), -1), ackNr);
    }

    /**
     * Applies the cumulative ack_nr and any SACK of a valid packet. Fills {@link #ackedBytes},
     * {@link #minRtt} and the fast-retransmit list.
     *
     * @return whether the cumulative acknowledgement moved
     */
    boolean onAck(InboundPacket p, long now) {
        ackedBytes = 0;
        minRtt = Long.MAX_VALUE;
        resendCount = 0;
        int ack = p.ackNr;
        boolean moved = false;
        int acked = buf.ackedSeq();
        if (SeqNr.before(acked, ack)) {
            for (int s = SeqNr.add(acked, 1); ; s = SeqNr.add(s, 1)) {
                if (!buf.has(s, SendBuffer.ACKED)) {
                    acknowledge(s, now);
                }
                if (s == ack) {
                    break;
                }
            }
            buf.ackThrough(ack);
            moved = true;
            dupAcks = 0;
            timeouts = 0;
            rtt.resetBackoff();
            if (SeqNr.before(fastResendSeq, SeqNr.add(ack, 1))) {
                fastResendSeq = SeqNr.add(ack, 1);
            }
        } else if (ack == acked && p.type == PacketType.STATE && buf.outstanding() > 0) {
            // only STATE counts: a stream of DATA says nothing about loss of ours
            dupAcks++;
        }
        if (p.sackOffset >= 0 && buf.outstanding() > 0) {
            selectiveAck(p, now);
        }
        if (resendCount == 0 && dupAcks >= DUP_ACK_LIMIT) {
            int s = SeqNr.add(buf.ackedSeq(), 1);
            if (s == fastResendSeq && buf.live(s) && isLossCandidate(s)) {
                resend[resendCount++] = s;
                fastResendSeq = SeqNr.add(s, 1);
                dupAcks = 0;
            }
        }
        return moved;
    }

    private void acknowledge(int s, long now) {
        int len = buf.length(s);
        ackedBytes += len;
        if (buf.has(s, SendBuffer.IN_FLIGHT)) {
            bytesInFlight -= len;
        }
        if (buf.has(s, SendBuffer.RESEND)) {
            resendPending--;
        }
        if (buf.transmissions(s) == 1) {
            long sample = now - buf.sentAt(s);
            rtt.sample(sample);
            minRtt = Math.min(minRtt, sample);
        }
        buf.clear(s, SendBuffer.IN_FLIGHT | SendBuffer.RESEND);
        buf.set(s, SendBuffer.ACKED);
    }

    /**
     * Bit i of byte j (LSB first) acknowledges seq {@code ack_nr + 2 + 8j + i}; any length is
     * accepted. A hole with at least {@link #DUP_ACK_LIMIT} acknowledged packets above it is
     * presumed lost (libutp's rule), and each packet is fast-retransmitted at most once.
     */
    private void selectiveAck(InboundPacket p, long now) {
        int base = SeqNr.add(p.ackNr, 2);
        int bits = p.sackLength * 8;
        // bits past the last packet we sent are meaningless
        int maxBits = SeqNr.distance(base, buf.sendSeq());
        if (!SeqNr.before(base, buf.sendSeq()) && base != buf.sendSeq()) {
            return;
        }
        bits = Math.min(bits, maxBits);
        int setTotal = 0;
        for (int i = 0; i < bits; i++) {
            if (p.sackBit(i)) {
                setTotal++;
                int s = SeqNr.add(base, i);
                if (buf.live(s) && !buf.has(s, SendBuffer.ACKED)) {
                    acknowledge(s, now);
                }
            }
        }
        if (setTotal < DUP_ACK_LIMIT) {
            return;
        }
        // holes below at least DUP_ACK_LIMIT acknowledged packets; ack_nr + 1 is one by definition
        int above = setTotal;
        for (int i = -1; i < bits && resendCount < MAX_FAST_RESEND; i++) {
            if (i >= 0 && p.sackBit(i)) {
                above--;
                if (above < DUP_ACK_LIMIT) {
                    break;
                }
                continue;
            }
            int s = SeqNr.add(base, i);
            if (buf.live(s) && isLossCandidate(s) && !SeqNr.before(s, fastResendSeq)) {
                resend[resendCount++] = s;
            }
        }
        if (resendCount > 0) {
            fastResendSeq = SeqNr.add(resend[resendCount - 1], 1);
            dupAcks = 0;
        }
    }

    private boolean isLossCandidate(int s) {
        return buf.transmissions(s) > 0
                && !buf.has(s, SendBuffer.ACKED) && !buf.has(s, SendBuffer.RESEND);
    }

    /**
     * A retransmission timeout: every packet in flight is presumed lost and queued for
     * retransmission; the caller resends the oldest at once.
     *
     * @return the oldest unacknowledged packet, or -1
     */
    int onTimeout() {
        cc.onTimeout(bytesInFlight == 0, buf.sendSeq(), payloadSize);
        int oldest = -1;
        for (int s = SeqNr.add(buf.ackedSeq(), 1); s != buf.sendSeq(); s = SeqNr.add(s, 1)) {
            if (buf.has(s, SendBuffer.ACKED)) {
                continue;
            }
            if (oldest < 0) {
                oldest = s;
            }
            if (buf.has(s, SendBuffer.IN_FLIGHT)) {
                buf.clear(s, SendBuffer.IN_FLIGHT);
                buf.set(s, SendBuffer.RESEND);
                resendPending++;
            }
        }
        bytesInFlight = 0;
        dupAcks = 0;
        if (oldest >= 0 && fastResendSeq == oldest) {
            fastResendSeq = SeqNr.add(oldest, 1);
        }
        return oldest;
    }
}
