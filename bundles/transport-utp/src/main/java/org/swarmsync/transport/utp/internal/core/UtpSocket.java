package org.swarmsync.transport.utp.internal.core;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One µTP connection, dialled or accepted. Single-threaded like its {@link UtpEndpoint}: the
 * driver calls every method under the endpoint's lock. The application side is non-blocking
 * ({@link #read} and {@link #write} return 0 when they would block); events tell when to retry.
 *
 * <p>Connection ids (PROTOCOLS.md 2.2): the dialler picks {@code r}, receives on {@code r} and
 * sends on {@code r+1}; its SYN carries {@code r}. The acceptor receives on {@code r+1} and sends
 * on {@code r}. Both start at a random seq_nr; the acceptor's STATE answer to the SYN carries
 * its first seq_nr without consuming it.
 */
public final class UtpSocket {

    /** Where a connection stands. */
    public enum State {
        /** SYN sent, no answer yet. */
        SYN_SENT,
        /** Established; each direction may be half-closed. */
        CONNECTED,
        /** Gone from the endpoint; see {@link #closeCause()}. */
        CLOSED
    }

    static final long NEVER = Deadlines.NEVER;
    /** Peer window assumed until the peer tells us one (libtorrent's SYN says 0). */
    static final int DEFAULT_PEER_WINDOW = 1 << 20;

    private final UtpEndpoint ep;
    private final UtpConfig cfg;
    private final InetSocketAddress remote;
    final int recvId;
    final int sendId;
    private final boolean accepted;
    final Outbound out;
    final Inbound in;
    private final DelayTracker delay = new DelayTracker();
    private final Deadlines timers;
    private final PacketWriter wire;
    private final Transmitter tx;
    private SocketListener listener = SocketListener.NONE;

    private State state;
    private CloseCause cause;
    /** The SYN's seq_nr: ours when dialling, the peer's when accepting. */
    private int synSeq;
    private boolean confirmed;
    private boolean finQueued;
    private boolean finSent;
    private boolean finAcked;
    private int finSeq;
    private boolean appClosed;
    private int peerCloseReason = -1;

    /** Managed by the endpoint: queued for the next flush. */
    boolean dirty;

    private UtpSocket(UtpEndpoint ep, InetSocketAddress remote, int recvId, int sendId,
            boolean accepted, int firstSeq, int ackNr, long now) {
        this.ep = ep;
        this.cfg = ep.config();
        this.remote = remote;
        this.recvId = recvId & SeqNr.MASK;
        this.sendId = sendId & SeqNr.MASK;
        this.accepted = accepted;
        int payload = remote.getAddress() instanceof Inet6Address ? cfg.maxPayloadV6() : cfg.maxPayloadV4();
        this.out = new Outbound(cfg, firstSeq, payload, DEFAULT_PEER_WINDOW, cfg.synRtoMicros(),
                ep.allocator());
        int maxReorder = Math.min(16_000, Math.max(64, cfg.recvBufferBytes() / 500));
        this.in = new Inbound(cfg.recvBufferBytes(), maxReorder, ackNr, ep.keeper());
        this.timers = new Deadlines(ep);
        this.wire = new PacketWriter(ep, remote, this.recvId, this.sendId, in, out, delay);
        this.tx = new Transmitter(ep, out, timers, wire, this, now);
    }

    /** Creates the dialling side; its SYN waits for the next flush. */
    static UtpSocket dial(UtpEndpoint ep, InetSocketAddress remote, int recvId, int firstSeq,
            int largeOffer, long now) {
        UtpSocket s = new UtpSocket(ep, remote, recvId, recvId + 1, false, firstSeq, 0, now);
        s.state = State.SYN_SENT;
        s.confirmed = true;
        s.tx.largeOffer = largeOffer;
        s.synSeq = s.out.buf.newControl(PacketType.SYN);
        s.out.buf.cut();
        s.out.markPending(s.synSeq);
        return s;
    }

    /** Creates the accepting side from a SYN; the STATE answer waits for the next flush. */
    static UtpSocket accept(UtpEndpoint ep, InetSocketAddress from, InboundPacket syn,
            int firstSeq, int largeOffer, long now) {
        UtpSocket s = new UtpSocket(ep, from, syn.connectionId + 1, syn.connectionId, true,
                firstSeq, syn.seqNr, now);
        s.state = State.CONNECTED;
        s.synSeq = syn.seqNr;
        s.timers.halfOpen = now + ep.config().halfOpenTimeoutMicros();
        // Like libutp, send no DATA before the dialler has shown it saw our STATE: a DATA that
        // overtakes that STATE would make the dialler guess our first seq_nr wrong. A dialler
        // that waits for us to speak first gets our data after one SYN timeout anyway.
        s.timers.dataHold = now + ep.config().synRtoMicros();
        // libtorrent's SYN advertises wnd 0: it means nothing, so keep the default then
        if (syn.wndSize > 0) {
            s.out.peerWnd = syn.wndSize;
        }
        if (largeOffer > 0 && syn.peerLargeDatagram > 0) {
            s.tx.largeOffer = largeOffer;
            s.useLarge(syn.peerLargeDatagram);
        }
        s.delay.onPacket(syn, now);
        s.tx.ackPending = true;
        return s;
    }

    private void useLarge(int peerLimit) {
        int datagram = Math.min(tx.largeOffer, peerLimit);
        out.usePayloadSize(datagram - UtpHeader.SIZE);
    }

    // ------------------------------------------------------------------ application side

    /** Sets who hears about this connection's events. */
    public void setListener(SocketListener listener) {
        this.listener = listener == null ? SocketListener.NONE : listener;
    }

    /**
     * Queues bytes for sending.
     *
     * @return bytes taken (0 when the send buffer is full), or -1 if the output was shut down
     *         or the connection is closed
     */
    public int write(ByteBuffer src) {
        if (state == State.CLOSED || finQueued) {
            return -1;
        }
        int n = out.buf.append(src);
        if (n > 0 && state == State.CONNECTED) {
            ep.markDirty(this);
        }
        return n;
    }

    /**
     * Takes received bytes. Still works after the connection closed normally, until the
     * buffered data is gone.
     *
     * @return bytes moved, 0 if none are ready, -1 at the end of the stream
     */
    public int read(ByteBuffer dst) {
        int n = in.read(dst);
        if (n > 0) {
            if (state == State.CONNECTED && in.windowUpdateDue()) {
                tx.ackPending = true;
                ep.markDirty(this);
            }
            return n;
        }
        return in.eof() && dst.hasRemaining() ? -1 : 0;
    }

    /** Sends a FIN once everything written so far has been sent. Reading goes on. */
    public void shutdownOutput() {
        if (state == State.CLOSED || finQueued) {
            return;
        }
        finQueued = true;
        if (state == State.CONNECTED) {
            ep.markDirty(this);
        }
    }

    /**
     * Closes gracefully: queued data and then a FIN are still sent; what arrives from now on is
     * acknowledged and dropped. The connection leaves the endpoint once our FIN is acknowledged.
     */
    public void close(long now) {
        if (state == State.CLOSED) {
            return;
        }
        appClosed = true;
        in.discard();
        if (state == State.SYN_SENT) {
            terminate(CloseCause.ABORTED);
            return;
        }
        finQueued = true;
        ep.markDirty(this);
        maybeFinish(now);
    }

    /** Sends RESET (best effort) and drops the connection at once. */
    public void abort(long now) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CONNECTED) {
            wire.reset(now);
        }
        terminate(CloseCause.ABORTED);
    }

    public State state() {
        return state;
    }

    /** @return why the connection closed, or null while it is open */
    public CloseCause closeCause() {
        return cause;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** @return bytes ready to read */
    public int available() {
        return in.available();
    }

    /** @return bytes {@link #write} would take now */
    public int writable() {
        return state == State.CLOSED || finQueued ? 0 : out.buf.free();
    }

    /** @return whether everything written was acknowledged by the peer */
    public boolean allAcknowledged() {
        return out.buf.buffered() == 0 && out.buf.outstanding() == 0;
    }

    /** @return whether the peer's FIN and everything before it have arrived */
    public boolean eof() {
        return in.eof();
    }

    /** @return payload bytes per DATA packet on this connection */
    public int payloadSize() {
        return out.payloadSize;
    }

    /** @return whether this side accepted the connection */
    public boolean accepted() {
        return accepted;
    }

    /** @return libtorrent close reason received (extension 3), or -1 */
    public int peerCloseReason() {
        return peerCloseReason;
    }

    public int receiveId() {
        return recvId;
    }

    public int sendId() {
        return sendId;
    }

    /** @return the current congestion window in bytes (for tests and statistics) */
    public long congestionWindow() {
        return out.cc.window();
    }

    boolean confirmed() {
        return confirmed;
    }

    // ------------------------------------------------------------------ network side

    /** @return whether a SYN is a retransmission of the one that created this connection */
    boolean isSameSyn(InboundPacket syn) {
        return accepted && syn.seqNr == synSeq && syn.connectionId == sendId;
    }

    /** Our STATE answer was lost and the dialler sent its SYN again: answer again. */
    void onRepeatedSyn() {
        tx.ackPending = true;
        ep.markDirty(this);
    }

    /** Handles a non-SYN, non-RESET packet addressed to this connection. */
    void onPacket(InboundPacket p, long now) {
        if (state == State.CLOSED || p.type == PacketType.SYN) {
            return;
        }
        boolean connectedNow = false;
        if (state == State.SYN_SENT) {
            if (p.ackNr != synSeq || p.type == PacketType.RESET) {
                ep.drop(DropReason.INVALID_ACK);
                return;
            }
            // the acceptor's STATE carries its first seq_nr unconsumed; a DATA carries it consumed
            in.resetAckNr(SeqNr.add(p.seqNr, -1));
            if (tx.largeOffer > 0 && p.peerLargeDatagram > 0) {
                useLarge(p.peerLargeDatagram);
            }
            state = State.CONNECTED;
            connectedNow = true;
            // acknowledge the SYN-ACK at once, so that the acceptor knows we are here
            tx.ackPending = true;
        } else if (out.ackBeyondSent(p.ackNr)) {
            ep.drop(DropReason.INVALID_ACK);
            return;
        }
        if (!confirmed) {
            confirmed = true;
            timers.halfOpen = NEVER;
            timers.dataHold = NEVER;
            ep.halfOpenDone();
        }
        boolean hasSample = delay.onPacket(p, now);
        if (p.closeReason >= 0) {
            peerCloseReason = p.closeReason;
        }
        out.peerWnd = p.wndSize;
        // any valid packet shows the peer is alive: restart the timeout (libtorrent does so)
        out.timeouts = 0;
        out.rtt.resetBackoff();
        // ACKs from before the last few are stale (libtorrent ignores them, and so the keep-alive one behind passes)
        if (!SeqNr.before(p.ackNr, SeqNr.add(out.buf.ackedSeq(), -Outbound.DUP_ACK_LIMIT))) {
            processAck(p, hasSample, now);
        }
        timers.rto = NEVER;
        if (out.buf.outstanding() > 0) {
            timers.setRto(now + out.rtt.rto());
        }
        if (connectedNow) {
            listener.onConnected(this);
        }
        if (p.type == PacketType.DATA) {
            onData(p);
        } else if (p.type == PacketType.FIN) {
            in.onFin(p.seqNr);
            tx.ackPending = true;
            if (in.eof()) {
                listener.onReadable(this);
            }
        }
        if (state == State.CONNECTED) {
            ep.markDirty(this);
            maybeFinish(now);
        }
    }

    private void processAck(InboundPacket p, boolean hasSample, long now) {
        long inFlightBefore = out.bytesInFlight;
        boolean moved = out.onAck(p, now);
        if (out.ackedBytes > 0 || moved) {
            if (hasSample && out.ackedBytes > 0) {
                // the one-way delay cannot exceed the round trip
                long queuing = Math.min(delay.queuingDelay(), out.minRtt);
                out.cc.onAck(out.ackedBytes, queuing, inFlightBefore, out.bytesInFlight, out.payloadSize);
            }
            if (finSent && !finAcked && !SeqNr.before(out.buf.ackedSeq(), finSeq)) {
                finAcked = true;
            }
            if (out.buf.free() > 0 && !finQueued) {
                listener.onWritable(this);
            }
        }
        if (out.resendCount > 0) {
            out.cc.onLoss(out.resend[0], out.buf.sendSeq(), now, out.payloadSize);
            for (int i = 0; i < out.resendCount; i++) {
                tx.retransmit(out.resend[i], now);
            }
        }
    }

    private void onData(InboundPacket p) {
        tx.ackPending = true;
        int r = in.onData(p.seqNr, p.buf, p.payloadOffset, p.payloadLength);
        if (r == Inbound.IN_ORDER) {
            if (in.available() > 0 || in.eof()) {
                listener.onReadable(this);
            }
        } else if (r == Inbound.BEYOND_WINDOW) {
            ep.drop(DropReason.WINDOW_OVERFLOW);
        } else if (r == Inbound.BEYOND_REORDER) {
            ep.drop(DropReason.OUT_OF_WINDOW);
        }
    }

    /** The peer reset the connection. */
    void onReset() {
        terminate(state == State.SYN_SENT ? CloseCause.REFUSED : CloseCause.RESET);
    }

    private void maybeFinish(long now) {
        if (state == State.CONNECTED && finAcked && (in.eof() || appClosed) && timers.linger == NEVER) {
            // linger so that a repeated FIN from the peer is acknowledged again, not reset: if
            // our ACK of its FIN is lost, the peer resends it one of its timeouts later, and again
            // after a doubled one; with timeouts like ours, four of ours cover both
            timers.setLinger(now + 4 * out.rtt.rto());
        }
    }

    // ------------------------------------------------------------------ sending

    /** Sends whatever is due: retransmissions, new data, our FIN, then an ACK if still owed. */
    void flush(long now) {
        if (state == State.CLOSED) {
            return;
        }
        int seq;
        while ((seq = out.nextResend()) >= 0) {
            ByteBuffer b = ep.acquire();
            if (b == null) {
                return;
            }
            tx.control(b, seq, now);
        }
        if (state == State.SYN_SENT || (timers.dataHold != NEVER && now < timers.dataHold)) {
            if (tx.ackPending) {
                sendState(now, in.ackNr(), true);
            }
            return;
        }
        if (finQueued && !finSent) {
            // the FIN takes the seq_nr after the last data packet and leaves after it
            finSeq = out.buf.newControl(PacketType.FIN);
            finSent = true;
        }
        while ((seq = out.nextNew(finQueued)) >= 0) {
            if (out.buf.type(seq) == PacketType.DATA) {
                out.buf.cut();
                tx.data(seq, now);
            } else {
                ByteBuffer b = ep.acquire();
                if (b == null) {
                    return;
                }
                out.buf.cut();
                tx.control(b, seq, now);
            }
        }
        if (timers.persist == NEVER && out.zeroWindowStall()) {
            timers.setPersist(now + out.rtt.rto());
        }
        if (tx.ackPending || in.sackPending()) {
            sendState(now, in.ackNr(), true);
        }
    }

    private void sendState(long now, int ackNr, boolean withSack) {
        // the acceptor repeats its large-datagram answer until the dialler is heard from
        tx.state(now, ackNr, withSack, accepted && !confirmed ? tx.largeOffer : 0);
    }

    // ------------------------------------------------------------------ timers

    /** @return the earliest time {@link #onTimer} has something to do */
    long nextDeadline() {
        if (state == State.CLOSED) {
            return NEVER;
        }
        return timers.earliest(state == State.CONNECTED ? tx.lastSend + cfg.keepAliveMicros() : NEVER);
    }

    void onTimer(long now) {
        if (state == State.CLOSED) {
            return;
        }
        if (now >= timers.linger) {
            terminate(CloseCause.NORMAL);
            return;
        }
        if (now >= timers.halfOpen) {
            terminate(CloseCause.TIMED_OUT);
            return;
        }
        if (now >= timers.rto
                && tx.onRetransmitTimeout(now, state == State.SYN_SENT, synSeq, accepted && !confirmed)) {
            terminate(CloseCause.TIMED_OUT);
            return;
        }
        if (now >= timers.dataHold) {
            timers.dataHold = NEVER;
            ep.markDirty(this);
        }
        if (now >= timers.persist) {
            timers.persist = NEVER;
            if (state == State.CONNECTED) {
                tx.probeZeroWindow(now);
            }
        }
        if (state == State.CONNECTED && now - tx.lastSend >= cfg.keepAliveMicros()) {
            // libutp's keep-alive: an ACK deliberately one behind, which changes nothing
            sendState(now, SeqNr.add(in.ackNr(), -1), false);
        }
    }

    /** The endpoint is shutting down: a FIN if nothing of ours is pending, else a RESET. */
    void shutdown(long now) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CONNECTED) {
            if (out.buf.buffered() == 0) {
                if (!finSent) {
                    finSeq = out.buf.newControl(PacketType.FIN);
                    finSent = true;
                }
                while (out.buf.hasUnsent()) {
                    out.buf.cut();
                }
                if (!finAcked) {
                    // no retransmission will follow, so send it twice
                    for (int i = 0; i < 2; i++) {
                        ByteBuffer b = ep.acquire();
                        if (b != null) {
                            tx.control(b, finSeq, now);
                        }
                    }
                }
            } else {
                wire.reset(now);
            }
        }
        terminate(CloseCause.SHUTDOWN);
    }

    private void terminate(CloseCause why) {
        if (state == State.CLOSED) {
            return;
        }
        if (accepted && !confirmed) {
            confirmed = true;
            ep.halfOpenDone();
        }
        state = State.CLOSED;
        cause = why;
        timers.clearAll();
        ep.remove(this);
        listener.onClosed(this, why);
    }

    @Override
    public String toString() {
        return "utp[" + remote + " recv=" + recvId + " send=" + sendId + " " + state + "]";
    }
}
