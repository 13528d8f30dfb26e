package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * What one connection has received: the last in-order seq_nr ({@code ack_nr}), early packets,
 * the peer's FIN and our EOF, and the window and SACK we tell the peer about.
 */
final class Inbound {

    /** Outcome of {@link #onData}. */
    static final int IN_ORDER = 0;
    static final int EARLY = 1;
    static final int DUPLICATE = 2;
    static final int BEYOND_WINDOW = 3;
    static final int BEYOND_REORDER = 4;
    static final int BEYOND_FIN = 5;

    private final ReceiveBuffer buf;
    private int ackNr;
    private boolean peerFin;
    private int finSeq;
    private boolean eof;
    private boolean discard;
    private int highestEarly;
    private boolean sackPending;
    private int lastAdvertised;

    Inbound(int capacity, int maxReorder, int ackNr, DatagramKeeper keeper) {
        this.buf = new ReceiveBuffer(capacity, maxReorder, keeper);
        this.ackNr = ackNr & SeqNr.MASK;
        this.lastAdvertised = capacity;
    }

    int ackNr() {
        return ackNr;
    }

    /** Used by the dialler once the acceptor's first packet tells it where the peer's numbers start. */
    void resetAckNr(int ackNr) {
        this.ackNr = ackNr & SeqNr.MASK;
    }

    boolean eof() {
        return eof;
    }

    boolean peerFin() {
        return peerFin;
    }

    int available() {
        return buf.available();
    }

    boolean sackPending() {
        return sackPending;
    }

    /** @return the window to advertise now, and remember it */
    int advertise() {
        int w = discard ? buf.capacity() : buf.window();
        lastAdvertised = w;
        return w;
    }

    /**
     * @return whether the application's reading opened the window enough that the peer,
     *         possibly stalled on it, should hear about it now
     */
    boolean windowUpdateDue() {
        if (eof) {
            return false;
        }
        int w = buf.window();
        // an eighth, not more: a sender stalled on the window it last heard waits until then
        return w - lastAdvertised >= Math.max(1, buf.capacity() / 8);
    }

    /** Drops buffered data and discards whatever still arrives (after a local close). */
    void discard() {
        discard = true;
        buf.discardAll();
        sackPending = false;
    }

    int read(ByteBuffer dst) {
        return buf.read(dst);
    }

    /** Takes a DATA packet's payload. */
    int onData(int seq, ByteBuffer src, int off, int len) {
        if (peerFin && !SeqNr.before(seq, finSeq)) {
            return BEYOND_FIN;
        }
        int expected = SeqNr.add(ackNr, 1);
        if (seq == expected) {
            if (!discard) {
                if (len > buf.window()) {
                    return BEYOND_WINDOW;
                }
                buf.append(src, off, len);
            }
            ackNr = seq;
            pullEarly();
            return IN_ORDER;
        }
        if (!SeqNr.before(expected, seq)) {
            return DUPLICATE;
        }
        int ahead = SeqNr.distance(expected, seq);
        if (ahead > buf.maxReorder()) {
            return BEYOND_REORDER;
        }
        if (discard) {
            return EARLY;
        }
        if (len > buf.window()) {
            return BEYOND_WINDOW;
        }
        if (buf.storeEarly(seq, ahead, src, off, len)) {
            if (buf.earlyCount() == 1 || SeqNr.before(highestEarly, seq)) {
                highestEarly = seq;
            }
            sackPending = true;
        }
        return EARLY;
    }

    private void pullEarly() {
        while (buf.earlyCount() > 0) {
            int next = SeqNr.add(ackNr, 1);
            if (!buf.hasEarly(next)) {
                break;
            }
            buf.promoteEarly(next, discard);
            ackNr = next;
        }
        if (buf.earlyCount() == 0) {
            sackPending = false;
        }
        reachFin();
    }

    /**
     * Takes the peer's FIN, which carries the seq_nr after its last data packet. A FIN's
     * payload is ignored, as libtorrent does.
     */
    void onFin(int seq) {
        if (!peerFin) {
            peerFin = true;
            finSeq = seq;
            // early packets at or past the FIN can never be delivered
            if (buf.earlyCount() > 0 && !SeqNr.before(highestEarly, seq)) {
                for (int s = seq; ; s = SeqNr.add(s, 1)) {
                    buf.dropEarly(s);
                    if (s == highestEarly) {
                        break;
                    }
                }
                if (buf.earlyCount() == 0) {
                    sackPending = false;
                }
            }
        }
        reachFin();
    }

    private void reachFin() {
        if (peerFin && !eof && SeqNr.add(ackNr, 1) == finSeq) {
            ackNr = finSeq;
            eof = true;
        }
    }

    /** @return SACK bitmask length to send now: 0, or a multiple of 4 up to {@code max} */
    int sackLength(int max) {
        if (buf.earlyCount() == 0) {
            return 0;
        }
        int first = SeqNr.add(ackNr, 2);
        if (SeqNr.before(highestEarly, first)) {
            return 0;
        }
        int bits = SeqNr.distance(first, highestEarly) + 1;
        int bytes = ((bits + 31) / 32) * 4;
        return Math.min(bytes, max);
    }

    /**
     * Writes a SACK bitmask of {@code len} bytes: bit i of byte j (LSB first) stands for
     * seq_nr {@code ack_nr + 2 + 8j + i}.
     */
    void putSack(ByteBuffer b, int len) {
        int first = SeqNr.add(ackNr, 2);
        int bits = SeqNr.distance(first, highestEarly) + 1;
        for (int j = 0; j < len; j++) {
            int v = 0;
            for (int i = 0; i < 8; i++) {
                int k = 8 * j + i;
                if (k < bits && buf.hasEarly(SeqNr.add(first, k))) {
                    v |= 1 << i;
                }
            }
            b.put((byte) v);
        }
        sackPending = false;
    }
}
