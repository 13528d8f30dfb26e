package org.swarmsync.transport.utp.internal.core;

import java.nio.ByteBuffer;

/**
 * How one connection puts packets on the wire: first transmissions and retransmissions of its
 * packets, its ACKs (STATE), the retransmission timeout with its back-off, and the zero-window
 * probe. It also remembers when we last sent and whether an ACK is owed. Like its
 * {@link UtpSocket}, it runs under the endpoint's serialization.
 */
final class Transmitter {

    private final UtpEndpoint ep;
    private final UtpConfig cfg;
    private final Outbound out;
    private final Deadlines timers;
    private final PacketWriter wire;
    private final UtpSocket owner;

    /** Largest datagram we offered (extension 0x53), 0 if none. */
    int largeOffer;
    /** Whether the peer is owed an ACK. */
    boolean ackPending;
    /** When we last sent anything (for the keep-alive). */
    long lastSend;

    Transmitter(UtpEndpoint ep, Outbound out, Deadlines timers, PacketWriter wire, UtpSocket owner, long now) {
        this.ep = ep;
        this.cfg = ep.config();
        this.out = out;
        this.timers = timers;
        this.wire = wire;
        this.owner = owner;
        this.lastSend = now;
    }

    /** Sends DATA packet {@code seq} straight from the send buffer. */
    void data(int seq, long now) {
        wire.data(seq, now);
        sent(seq, now, false);
    }

    /** Sends SYN or FIN packet {@code seq} through the output buffer {@code b}. */
    void control(ByteBuffer b, int seq, long now) {
        wire.control(b, seq, largeOffer, now);
        sent(seq, now, out.buf.type(seq) == PacketType.SYN);
    }

    private void sent(int seq, long now, boolean syn) {
        out.transmitted(seq, now);
        lastSend = now;
        if (!syn) {
            ackPending = false;
        }
        if (timers.rto == Deadlines.NEVER) {
            timers.setRto(now + out.rtt.rto());
        }
    }

    /** Sends packet {@code seq} again now, or queues it if the output is full. */
    void retransmit(int seq, long now) {
        if (out.buf.type(seq) == PacketType.DATA) {
            data(seq, now);
            return;
        }
        ByteBuffer b = ep.acquire();
        if (b == null) {
            out.requeue(seq);
            ep.markDirty(owner);
            return;
        }
        control(b, seq, now);
    }

    /**
     * Sends a STATE.
     *
     * @param withSack whether a SACK may go with it; only such a STATE settles the owed ACK
     * @param large the largest datagram to (re)offer, 0 for none
     */
    void state(long now, int ackNr, boolean withSack, int large) {
        if (wire.state(ackNr, withSack ? cfg.maxSackBytes() : 0, large, now)) {
            lastSend = now;
            if (withSack) {
                ackPending = false;
            }
        }
    }

    /**
     * The retransmission timer fired: resend the SYN, or presume everything in flight lost and
     * resend the oldest, backing off.
     *
     * @param synSeq our SYN's seq_nr while dialling, else ignored
     * @param unconfirmedAcceptor we accepted and never heard from the dialler after its SYN
     * @return true if the connection should give up (TIMED_OUT)
     */
    boolean onRetransmitTimeout(long now, boolean dialling, int synSeq, boolean unconfirmedAcceptor) {
        timers.rto = Deadlines.NEVER;
        if (dialling) {
            if (out.buf.transmissions(synSeq) >= cfg.maxSynTransmissions()) {
                return true;
            }
            out.rtt.backOff();
            retransmit(synSeq, now);
            timers.setRto(now + out.rtt.rto());
            return false;
        }
        if (out.buf.outstanding() == 0) {
            return false;
        }
        out.timeouts++;
        // an accepted connection never heard from after its SYN dies on its first timeout
        if (out.timeouts > cfg.maxRetransmits() || unconfirmedAcceptor) {
            return true;
        }
        int oldest = out.onTimeout();
        out.rtt.backOff();
        if (oldest >= 0) {
            retransmit(oldest, now);
        }
        timers.setRto(now + out.rtt.rto());
        ep.markDirty(owner);
        return false;
    }

    /** The persist timer fired: if the peer's window still stops us, send the next packet anyway. */
    void probeZeroWindow(long now) {
        if (out.zeroWindowStall()) {
            data(out.buf.cut(), now);
        }
    }
}
