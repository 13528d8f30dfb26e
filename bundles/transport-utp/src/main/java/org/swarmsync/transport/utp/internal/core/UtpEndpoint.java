package org.swarmsync.transport.utp.internal.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demultiplexer: every connection of one UDP port, keyed by (remote address, our receive
 * connection id). It is fed datagrams and the time by a driver, says for each datagram whether
 * it was µTP at all (so another protocol can share the port), counts what it drops, writes
 * datagrams to a {@link DatagramOutput} and reports the next timer deadline. No threads, no
 * sockets, no clock, no hidden randomness; not thread-safe.
 *
 * <p>ACKs are deferred, as in libutp and libtorrent: {@link #onDatagram} only updates state; the
 * driver calls {@link #flush} once its socket is drained, and every connection then sends its
 * data, retransmissions and at most one ACK.
 */
public final class UtpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(UtpEndpoint.class);
    private static final int STANDARD_DATAGRAM_V4 = 1402;

    private final UtpConfig cfg;
    private final DatagramOutput output;
    private final RandomGenerator random;
    private final ToIntFunction<InetSocketAddress> largeDatagramLimit;
    private final IntFunction<ByteBuffer> allocator;
    private DatagramKeeper keeper = DatagramKeeper.NONE;
    private final Map<ConnectionKey, UtpSocket> sockets = new HashMap<>();
    private final InboundPacket packet = new InboundPacket();
    private final DropCounters drops = new DropCounters();
    private final ArrayDeque<UtpSocket> dirty = new ArrayDeque<>();
    private AcceptHandler acceptHandler;
    private UtpSocket last;
    private int halfOpen;
    private long deadline = UtpSocket.NEVER;
    private boolean blocked;
    private long resetWindowStart = Long.MIN_VALUE;
    private int resetsInWindow;

    /**
     * @param largeDatagramLimit for a remote address, the largest datagram we may offer to
     *        exchange with it (extension 0x53), or 0 to keep the standard sizes
     */
    public UtpEndpoint(UtpConfig cfg, DatagramOutput output, RandomGenerator random,
            ToIntFunction<InetSocketAddress> largeDatagramLimit) {
        this(cfg, output, random, largeDatagramLimit, ByteBuffer::allocate);
    }

    /**
     * @param allocator makes each connection's send memory; direct buffers let the kernel send
     *        DATA packets straight from it
     */
    public UtpEndpoint(UtpConfig cfg, DatagramOutput output, RandomGenerator random,
            ToIntFunction<InetSocketAddress> largeDatagramLimit, IntFunction<ByteBuffer> allocator) {
        this.cfg = cfg;
        this.output = output;
        this.random = random;
        this.largeDatagramLimit = largeDatagramLimit;
        this.allocator = allocator;
    }

    /** An endpoint that never offers large datagrams. */
    public UtpEndpoint(UtpConfig cfg, DatagramOutput output, RandomGenerator random) {
        this(cfg, output, random, a -> 0);
    }

    public UtpConfig config() {
        return cfg;
    }

    public DropCounters drops() {
        return drops;
    }

    /**
     * Lets connections keep received datagram buffers holding large payloads, which the
     * application then reads without another copy. Set before the first connection.
     */
    public void setDatagramKeeper(DatagramKeeper keeper) {
        this.keeper = keeper == null ? DatagramKeeper.NONE : keeper;
    }

    /** Starts (non-null) or stops (null) accepting connections. */
    public void setAcceptHandler(AcceptHandler handler) {
        this.acceptHandler = handler;
    }

    public boolean accepting() {
        return acceptHandler != null;
    }

    public int connectionCount() {
        return sockets.size();
    }

    public int halfOpenCount() {
        return halfOpen;
    }

    /** @return a snapshot of the open connections */
    public List<UtpSocket> connections() {
        return new ArrayList<>(sockets.values());
    }

    /**
     * Handles one received datagram; it is read from its position to its limit, and may be
     * reused by the caller afterwards. Never throws.
     *
     * @return false if it was not µTP (too short, or not version 1): the caller may hand it to
     *         another protocol; true if it was µTP, whether used or dropped
     */
    public boolean onDatagram(ByteBuffer datagram, InetSocketAddress from, long now) {
        DropReason bad = packet.parse(datagram);
        if (bad == DropReason.SHORT || bad == DropReason.BAD_VERSION) {
            drops.increment(bad);
            return false;
        }
        if (bad != null) {
            drops.increment(bad);
            return true;
        }
        try {
            dispatch(from, now);
        } catch (RuntimeException e) {
            // a bug must not kill the receive loop; the counter makes it visible
            drops.increment(DropReason.INTERNAL_ERROR);
            LOG.warn("µTP packet from {} caused an internal error: {}", from, packet, e);
        }
        return true;
    }

    private void dispatch(InetSocketAddress from, long now) {
        int id = packet.connectionId;
        switch (packet.type) {
            case PacketType.SYN:
                onSyn(from, now);
                break;
            case PacketType.RESET:
                UtpSocket r = lookup(from, id);
                if (r == null) {
                    // libutp answers with the id the offending packet carried, i.e. our send id
                    r = lookup(from, SeqNr.add(id, 1));
                    if (r != null && r.sendId != id) {
                        r = null;
                    }
                }
                if (r == null) {
                    r = lookup(from, SeqNr.add(id, -1));
                    if (r != null && r.sendId != id) {
                        r = null;
                    }
                }
                if (r == null) {
                    drops.increment(DropReason.UNKNOWN_RESET);
                } else {
                    r.onReset();
                }
                break;
            default:
                UtpSocket s = lookup(from, id);
                if (s == null) {
                    drops.increment(DropReason.UNKNOWN_CONNECTION);
                    if (packet.type == PacketType.DATA || packet.type == PacketType.FIN) {
                        resetUnknown(from, now);
                    }
                } else {
                    s.onPacket(packet, now);
                }
                break;
        }
    }

    private void onSyn(InetSocketAddress from, long now) {
        int recvId = SeqNr.add(packet.connectionId, 1);
        UtpSocket existing = lookup(from, recvId);
        if (existing != null) {
            if (existing.isSameSyn(packet)) {
                existing.onRepeatedSyn();
            } else {
                drops.increment(DropReason.STRAY_SYN);
            }
            return;
        }
        AcceptHandler handler = acceptHandler;
        if (handler == null) {
            drops.increment(DropReason.NOT_LISTENING);
            return;
        }
        if (sockets.size() >= cfg.maxConnections() || halfOpen >= cfg.maxHalfOpen()) {
            drops.increment(DropReason.SYN_FLOOD);
            return;
        }
        UtpSocket s = UtpSocket.accept(this, from, packet, randomSeq(), largeOffer(from), now);
        sockets.put(new ConnectionKey(from, s.recvId), s);
        halfOpen++;
        noteDeadline(s.nextDeadline());
        markDirty(s);
        SocketListener l = handler.onAccept(s);
        if (l == null) {
            s.abort(now);
        } else {
            s.setListener(l);
        }
    }

    private int largeOffer(InetSocketAddress remote) {
        int limit = largeDatagramLimit.applyAsInt(remote);
        return limit > STANDARD_DATAGRAM_V4 ? Math.min(limit, 65507) : 0;
    }

    /**
     * Dials a peer: picks a free connection id and queues the SYN for the next {@link #flush}.
     *
     * @throws IllegalStateException if the connection bound is reached
     */
    public UtpSocket connect(InetSocketAddress remote, SocketListener listener, long now) {
        if (sockets.size() >= cfg.maxConnections()) {
            throw new IllegalStateException("too many µTP connections (" + sockets.size() + ")");
        }
        for (int attempt = 0; attempt < 256; attempt++) {
            int id = random.nextInt(0x10000);
            // the peer will send to us on id and expect us on id+1: both must be free here
            if (sockets.containsKey(new ConnectionKey(remote, id))
                    || sockets.containsKey(new ConnectionKey(remote, SeqNr.add(id, 1)))) {
                continue;
            }
            UtpSocket s = UtpSocket.dial(this, remote, id, randomSeq(), largeOffer(remote), now);
            s.setListener(listener);
            sockets.put(new ConnectionKey(remote, id), s);
            markDirty(s);
            noteDeadline(s.nextDeadline());
            return s;
        }
        throw new IllegalStateException("no free µTP connection id towards " + remote);
    }

    /**
     * Sends what every connection has due (deferred ACKs, data, retransmissions). Stops early
     * when the output is full; {@link #hasPendingOutput()} then stays true.
     */
    public void flush(long now) {
        blocked = false;
        UtpSocket s;
        while (!blocked && (s = dirty.poll()) != null) {
            s.dirty = false;
            s.flush(now);
            if (blocked && !s.dirty && s.state() != UtpSocket.State.CLOSED) {
                s.dirty = true;
                dirty.addFirst(s);
            }
        }
    }

    /** @return whether a connection still has something to send */
    public boolean hasPendingOutput() {
        return !dirty.isEmpty();
    }

    /** @return the earliest time {@link #onTimer} must be called; {@code Long.MAX_VALUE} if none */
    public long nextDeadline() {
        return deadline;
    }

    /** Runs every connection timer that is due. */
    public void onTimer(long now) {
        if (now < deadline) {
            return;
        }
        deadline = UtpSocket.NEVER;
        for (UtpSocket s : new ArrayList<>(sockets.values())) {
            if (s.nextDeadline() <= now) {
                s.onTimer(now);
            }
        }
        long min = UtpSocket.NEVER;
        for (UtpSocket s : sockets.values()) {
            min = Math.min(min, s.nextDeadline());
        }
        deadline = Math.min(deadline, min);
    }

    /** Shuts every connection down (FIN if it has nothing pending, else RESET) and forgets them. */
    public void closeAll(long now) {
        acceptHandler = null;
        for (UtpSocket s : new ArrayList<>(sockets.values())) {
            s.shutdown(now);
        }
    }

    // ------------------------------------------------------------------ used by UtpSocket

    ByteBuffer acquire() {
        ByteBuffer b = output.acquire();
        if (b == null) {
            blocked = true;
        }
        return b;
    }

    void emit(ByteBuffer datagram, InetSocketAddress to) {
        output.send(datagram, to);
    }

    void emitView(ByteBuffer view, InetSocketAddress to) {
        output.sendView(view, to);
    }

    IntFunction<ByteBuffer> allocator() {
        return allocator;
    }

    DatagramKeeper keeper() {
        return keeper;
    }

    void markDirty(UtpSocket s) {
        if (!s.dirty) {
            s.dirty = true;
            dirty.add(s);
        }
    }

    void noteDeadline(long t) {
        if (t < deadline) {
            deadline = t;
        }
    }

    void drop(DropReason reason) {
        drops.increment(reason);
    }

    void halfOpenDone() {
        halfOpen--;
    }

    void remove(UtpSocket s) {
        sockets.remove(new ConnectionKey(s.remote(), s.recvId), s);
        if (last == s) {
            last = null;
        }
    }

    int randomSeq() {
        return random.nextInt(0x10000);
    }

    private UtpSocket lookup(InetSocketAddress from, int id) {
        UtpSocket l = last;
        if (l != null && l.recvId == id && l.remote().equals(from)) {
            return l;
        }
        UtpSocket s = sockets.get(new ConnectionKey(from, id));
        if (s != null) {
            last = s;
        }
        return s;
    }

    /** libutp answers data for an unknown connection with RESET (ack_nr = its seq_nr); rate-limited. */
    private void resetUnknown(InetSocketAddress from, long now) {
        if (now - resetWindowStart >= 1_000_000) {
            resetWindowStart = now;
            resetsInWindow = 0;
        }
        if (resetsInWindow >= cfg.maxResetsPerSecond()) {
            return;
        }
        ByteBuffer b = acquire();
        if (b == null) {
            return;
        }
        resetsInWindow++;
        UtpHeader.put(b, PacketType.RESET, 0, packet.connectionId, (int) now, 0, 0,
                randomSeq(), packet.seqNr);
        b.flip();
        output.send(b, from);
    }

    /** Key of the connection map. */
    private record ConnectionKey(InetSocketAddress address, int id) {
    }
}
