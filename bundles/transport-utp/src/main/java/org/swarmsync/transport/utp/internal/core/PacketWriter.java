package org.swarmsync.transport.utp.internal.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * How one connection's packets look on the wire. Every packet carries our clock, the echoed
 * delay, our free window and our ack_nr; the SYN carries the dialler's receive id, everything
 * else the sender's send id. Extensions: SACK on STATE, the large-datagram offer (0x53) on the
 * SYN and on the acceptor's STATE until the dialler is heard from.
 */
final class PacketWriter {

    private final UtpEndpoint ep;
    private final InetSocketAddress remote;
    private final int recvId;
    private final int sendId;
    private final Inbound in;
    private final Outbound out;
    private final DelayTracker delay;

    PacketWriter(UtpEndpoint ep, InetSocketAddress remote, int recvId, int sendId, Inbound in,
            Outbound out, DelayTracker delay) {
        this.ep = ep;
        this.remote = remote;
        this.recvId = recvId;
        this.sendId = sendId;
        this.in = in;
        this.out = out;
        this.delay = delay;
    }

    /** Sends a DATA packet straight from its slot in the send buffer, header written in front. */
    void data(int seq, long now) {
        ByteBuffer v = out.buf.slot(seq);
        UtpHeader.putAt(v, v.position(), PacketType.DATA, 0, sendId, (int) now, delay.replyMicro(),
                in.advertise(), seq, in.ackNr());
        ep.emitView(v, remote);
    }

    /**
     * Sends a SYN or FIN (no payload) through an output buffer.
     *
     * @param largeOffer the largest datagram we offer in a SYN, 0 for none
     */
    void control(ByteBuffer b, int seq, int largeOffer, long now) {
        int type = out.buf.type(seq);
        boolean syn = type == PacketType.SYN;
        boolean offer = syn && largeOffer > 0;
        UtpHeader.put(b, type, offer ? UtpHeader.EXT_LARGE_DATAGRAM : 0, syn ? recvId : sendId,
                (int) now, delay.replyMicro(), in.advertise(), seq, syn ? 0 : in.ackNr());
        if (offer) {
            putLargeOffer(b, largeOffer);
        }
        out.buf.copyPayload(seq, b);
        b.flip();
        ep.emit(b, remote);
    }

    /**
     * Sends a STATE: seq_nr is the next one we will send, which a STATE does not consume.
     *
     * @param sackMax SACK bytes allowed, 0 for none
     * @param largeOffer the largest datagram to (re)offer, 0 for none
     * @return false if the output is full
     */
    boolean state(int ackNr, int sackMax, int largeOffer, long now) {
        ByteBuffer b = ep.acquire();
        if (b == null) {
            return false;
        }
        int sack = sackMax > 0 ? in.sackLength(sackMax) : 0;
        boolean large = largeOffer > 0;
        int first = sack > 0 ? UtpHeader.EXT_SACK : large ? UtpHeader.EXT_LARGE_DATAGRAM : 0;
        UtpHeader.put(b, PacketType.STATE, first, sendId, (int) now, delay.replyMicro(), in.advertise(),
                out.buf.sendSeq(), ackNr);
        if (sack > 0) {
            b.put((byte) (large ? UtpHeader.EXT_LARGE_DATAGRAM : 0));
            b.put((byte) sack);
            in.putSack(b, sack);
        }
        if (large) {
            putLargeOffer(b, largeOffer);
        }
        b.flip();
        ep.emit(b, remote);
        return true;
    }

    private static void putLargeOffer(ByteBuffer b, int largeOffer) {
        b.put((byte) 0);
        b.put((byte) UtpHeader.LARGE_DATAGRAM_LEN);
        b.putShort((short) largeOffer);
        b.putShort((short) 0);
    }

    /** Sends RESET, best effort: a random seq_nr, ack_nr = our ack_nr, window 0. */
    void reset(long now) {
        ByteBuffer b = ep.acquire();
        if (b == null) {
            return;
        }
        UtpHeader.put(b, PacketType.RESET, 0, sendId, (int) now, delay.replyMicro(), 0,
                ep.randomSeq(), in.ackNr());
        b.flip();
        ep.emit(b, remote);
    }
}
