package org.swarmsync.transport.utp.internal.core;

/**
 * LEDBAT congestion window in bytes, following libtorrent's {@code do_ledbat}:
 * {@code gain = gainBytes * (acked / inFlight) * ((target - delay) / target)}, applied only when
 * the window is actually used; TCP-like slow start until the delay reaches the target or a
 * loss; multiplicative decrease by half on loss at most once per 100 ms and once per window.
 *
 * <p>The gain is meant for standard packets: with larger ones (the loopback-only large datagrams
 * between two of our peers) it grows in proportion to the packet size, so that the window
 * regains the same number of packets per round trip. Otherwise one loss at 64 KiB packets would
 * leave a halved window growing by 3000 bytes, less than a tenth of a packet, per round trip.
 */
final class Ledbat {

    private static final long LOSS_DECAY_MICROS = 100_000;

    private final long target;
    private final int gainBytes;
    private final int standardPacket;
    private final long maxWindow;
    private long cwnd;
    private long ssthresh;
    private boolean slowStart = true;
    private long lastDecay = Long.MIN_VALUE / 2;
    private int lossSeq;

    /**
     * @param standardPacket the payload size the gain is meant for (1382); larger packets scale it
     */
    Ledbat(long targetDelayMicros, int gainBytes, int standardPacket, long initialWindow, long maxWindow,
            int startSeq) {
        this.target = Math.max(1, targetDelayMicros);
        this.gainBytes = gainBytes;
        this.standardPacket = Math.max(1, standardPacket);
        this.maxWindow = maxWindow;
        this.cwnd = initialWindow;
        this.lossSeq = SeqNr.add(startSeq, -1);
    }

    long window() {
        return cwnd;
    }

    /** Raises the window to at least {@code w} (when the packet size grows after the handshake). */
    void ensureAtLeast(long w) {
        cwnd = Math.max(cwnd, Math.min(w, maxWindow));
    }

    boolean slowStart() {
        return slowStart;
    }

    /**
     * Grows or shrinks the window after an ACK.
     *
     * @param acked bytes newly acknowledged
     * @param delay our queuing delay estimate, µs
     * @param inFlightBefore bytes in flight before this ACK
     * @param inFlightNow bytes in flight after it
     * @param packetSize our current payload size
     */
    void onAck(int acked, long delay, long inFlightBefore, long inFlightNow, int packetSize) {
        if (acked <= 0 || inFlightBefore <= 0) {
            return;
        }
        boolean saturated = inFlightNow + acked + packetSize > cwnd;
        if (delay >= target && slowStart) {
            ssthresh = cwnd / 2;
            slowStart = false;
        }
        double windowFactor = Math.min(1.0, (double) acked / inFlightBefore);
        double delayFactor = (double) (target - delay) / target;
        double perPacket = Math.max(1.0, (double) packetSize / standardPacket);
        double linear = windowFactor * delayFactor * gainBytes * perPacket;
        double gain;
        if (!saturated) {
            gain = 0;
        } else if (slowStart) {
            if (ssthresh != 0 && cwnd + acked > ssthresh) {
                slowStart = false;
                gain = linear;
            } else {
                gain = Math.max(acked, linear);
            }
        } else {
            gain = linear;
        }
        cwnd = clamp((long) (cwnd + gain), packetSize);
    }

    /**
     * Reacts to a packet lost (fast retransmit). Halves the window, at most once per 100 ms
     * and once per window of packets.
     *
     * @param seq the lost packet
     * @param nextSeq the next sequence number we will send
     */
    void onLoss(int seq, int nextSeq, long now, int packetSize) {
        if (SeqNr.before(seq, SeqNr.add(lossSeq, 1)) || now - lastDecay < LOSS_DECAY_MICROS) {
            return;
        }
        cwnd = clamp(cwnd / 2, packetSize);
        lossSeq = nextSeq;
        lastDecay = now;
        if (slowStart) {
            ssthresh = cwnd;
            slowStart = false;
        }
    }

    /**
     * Reacts to a retransmission timeout: if the direction was idle, decay the window to 2/3;
     * otherwise collapse it to one packet and slow-start again.
     */
    void onTimeout(boolean idle, int nextSeq, int packetSize) {
        if (idle && cwnd >= packetSize) {
            cwnd = clamp(cwnd * 2 / 3, packetSize);
        } else {
            cwnd = packetSize;
        }
        lossSeq = nextSeq;
        slowStart = true;
    }

    private long clamp(long w, int packetSize) {
        return Math.max(packetSize, Math.min(w, maxWindow));
    }
}
