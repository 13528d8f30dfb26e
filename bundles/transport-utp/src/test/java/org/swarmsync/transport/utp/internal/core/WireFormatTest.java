package org.swarmsync.transport.utp.internal.core;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.Test;

/** The bytes on the wire, checked field by field against BEP 29 as libutp and libtorrent run it. */
public class WireFormatTest {

    private static final InetSocketAddress A = new InetSocketAddress("10.0.0.1", 1000);
    private static final InetSocketAddress B = new InetSocketAddress("10.0.0.2", 2000);

    private long now = 7_000_000_000L;
    private final Raw.Capture outA = new Raw.Capture();
    private final Raw.Capture outB = new Raw.Capture();
    private final UtpEndpoint a = new UtpEndpoint(UtpConfig.defaults(), outA, new SplittableRandom(1));
    private final UtpEndpoint b = new UtpEndpoint(UtpConfig.defaults(), outB, new SplittableRandom(2));

    private static void deliver(Raw.Sent s, UtpEndpoint to, InetSocketAddress from, long now) {
        assertTrue(to.onDatagram(ByteBuffer.wrap(s.data()), from, now));
    }

    private boolean inject(UtpEndpoint to, byte[] datagram, InetSocketAddress from) {
        boolean utp = to.onDatagram(ByteBuffer.wrap(datagram), from, now);
        to.flush(now);
        return utp;
    }

    @Test
    public void headerRoundTripsAndTypeByteMatchesBep29() {
        int[] expected = {0x01, 0x11, 0x21, 0x31, 0x41};
        for (int type = 0; type < 5; type++) {
            ByteBuffer buf = ByteBuffer.allocate(64);
            UtpHeader.put(buf, type, 0, 0xBEEF, 0x89ABCDEF, 0x12345678, 0xFFFFFFF0, 0xFFFE, 0x0102);
            buf.flip();
            assertEquals(20, buf.remaining());
            assertEquals(expected[type], buf.get(0) & 0xff);
            // big-endian, field by field
            assertEquals((byte) 0xBE, buf.get(2));
            assertEquals((byte) 0xEF, buf.get(3));
            assertEquals((byte) 0x89, buf.get(4));
            assertEquals((byte) 0x01, buf.get(18));
            assertEquals((byte) 0x02, buf.get(19));
            InboundPacket p = new InboundPacket();
            assertNull(p.parse(buf));
            assertEquals(type, p.type);
            assertEquals(0xBEEF, p.connectionId);
            assertEquals(0x89ABCDEF, p.timestamp);
            assertEquals(0x12345678, p.timestampDiff);
            assertEquals(Integer.MAX_VALUE, p.wndSize); // u32 0xFFFFFFF0 clamps
            assertEquals(0xFFFE, p.seqNr);
            assertEquals(0x0102, p.ackNr);
            assertEquals(20, p.payloadOffset);
            assertEquals(0, p.payloadLength);
        }
    }

    @Test
    public void handshakeFieldsFollowTheConnectionIdRules() {
        b.setAcceptHandler(s -> SocketListener.NONE);
        UtpSocket dialer = a.connect(B, SocketListener.NONE, now);
        a.flush(now);
        InboundPacket syn = outA.sent.get(0).packet();
        assertEquals(PacketType.SYN, syn.type);
        // the SYN carries the dialler's *receive* id; everything later carries id+1
        assertEquals(dialer.receiveId(), syn.connectionId);
        assertEquals(SeqNr.add(dialer.receiveId(), 1), dialer.sendId());
        assertEquals(0, syn.ackNr);

        deliver(outA.only(), b, A, now);
        b.flush(now);
        UtpSocket acceptor = b.connections().get(0);
        assertEquals(SeqNr.add(syn.connectionId, 1), acceptor.receiveId());
        assertEquals(syn.connectionId, acceptor.sendId());
        InboundPacket state = outB.sent.get(0).packet();
        assertEquals(PacketType.STATE, state.type);
        assertEquals(syn.connectionId, state.connectionId);
        assertEquals(syn.seqNr, state.ackNr);
        assertEquals(0, state.payloadLength);
        assertEquals(A, outB.only().to());

        deliver(new Raw.Sent(Raw.of(0, 0).build(), A), b, A, now); // stray: counted, answered by RESET
        assertEquals(1, b.drops().get(DropReason.UNKNOWN_CONNECTION));
        assertEquals(PacketType.RESET, outB.only().packet().type);
        now += 10_000;
        deliver(new Raw.Sent(state.buf.array(), B), a, B, now);
        assertEquals(UtpSocket.State.CONNECTED, dialer.state());
        a.flush(now);
        // the dialler acknowledges the SYN-ACK at once: ack_nr = state.seq_nr - 1, seq not consumed
        InboundPacket ack = outA.sent.get(0).packet();
        assertEquals(PacketType.STATE, ack.type);
        assertEquals(dialer.sendId(), ack.connectionId);
        assertEquals(SeqNr.add(state.seqNr, -1), ack.ackNr);
        assertEquals(SeqNr.add(syn.seqNr, 1), ack.seqNr);
        deliver(outA.only(), b, A, now);

        // the acceptor's STATE did not consume its seq_nr: its first DATA reuses it
        acceptor.write(ByteBuffer.wrap(new byte[] {42}));
        b.flush(now);
        InboundPacket data = outB.only().packet();
        assertEquals(PacketType.DATA, data.type);
        assertEquals(state.seqNr, data.seqNr);
        assertEquals(syn.seqNr, data.ackNr);
        assertEquals(1, data.payloadLength);
        assertEquals(42, data.buf.get(data.payloadOffset));
    }

    @Test
    public void initialSequenceNumbersAreRandom() {
        Set<Integer> seqs = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            a.connect(B, SocketListener.NONE, now);
        }
        a.flush(now);
        for (Raw.Sent s : outA.take()) {
            seqs.add(s.packet().seqNr);
            ids.add(s.packet().connectionId);
        }
        assertTrue("seq_nrs " + seqs, seqs.size() > 15);
        assertEquals(20, ids.size());
    }

    @Test
    public void synWithZeroWindowFromLibtorrentIsAcceptedAndServed() {
        b.setAcceptHandler(s -> SocketListener.NONE);
        // libtorrent's SYN: wnd_size 0, no extension, random seq
        assertTrue(inject(b, Raw.of(PacketType.SYN, 500).seq(9000).wnd(0).build(), A));
        InboundPacket state = outB.only().packet();
        assertEquals(PacketType.STATE, state.type);
        assertEquals(9000, state.ackNr);
        UtpSocket s = b.connections().get(0);
        assertEquals(UtpSocket.State.CONNECTED, s.state());
        // libtorrent speaks first (the BitTorrent handshake); its packets carry id 501
        byte[] hello = "hello".getBytes();
        inject(b, Raw.of(PacketType.DATA, 501).seq(9001).ack(SeqNr.add(state.seqNr, -1)).wnd(0).payload(hello).build(), A);
        outB.take();
        ByteBuffer got = ByteBuffer.allocate(16);
        assertEquals(5, s.read(got));
        // even if it keeps advertising 0 in later packets, the persist timer gets data out
        s.write(ByteBuffer.wrap(new byte[100]));
        b.flush(now);
        assertTrue(outB.take().isEmpty());
        now += 2_000_000;
        b.onTimer(now);
        b.flush(now);
        List<Raw.Sent> sent = outB.take();
        assertFalse(sent.isEmpty());
        assertEquals(PacketType.DATA, sent.get(0).packet().type);
        assertEquals(state.seqNr, sent.get(0).packet().seqNr);
    }

    @Test
    public void synWithZeroWindowThenRealWindowSendsAtOnce() {
        b.setAcceptHandler(s -> SocketListener.NONE);
        inject(b, Raw.of(PacketType.SYN, 600).seq(100).wnd(0).build(), A);
        InboundPacket state = outB.only().packet();
        UtpSocket s = b.connections().get(0);
        inject(b, Raw.of(PacketType.STATE, 601).seq(101).ack(SeqNr.add(state.seqNr, -1)).wnd(1 << 20).build(), A);
        outB.take();
        s.write(ByteBuffer.wrap(new byte[3000]));
        b.flush(now);
        List<Raw.Sent> sent = outB.take();
        assertEquals(3, sent.size());
        assertEquals(1382, sent.get(0).packet().payloadLength);
        assertEquals(1382, sent.get(1).packet().payloadLength);
        assertEquals(236, sent.get(2).packet().payloadLength);
        assertEquals(101 - 1, sent.get(0).packet().ackNr);
    }

    /** A connected pair, the acceptor's side driven by raw packets; returns the dialler. */
    private UtpSocket connectToFakePeer(int peerSeq) {
        UtpSocket s = a.connect(B, SocketListener.NONE, now);
        a.flush(now);
        InboundPacket syn = outA.only().packet();
        inject(a, Raw.of(PacketType.STATE, syn.connectionId).seq(peerSeq).ack(syn.seqNr).build(), B);
        outA.take();
        assertEquals(UtpSocket.State.CONNECTED, s.state());
        return s;
    }

    /** @return the last seq_nr the socket sent, which a peer acknowledging everything names */
    private static int lastSent(UtpSocket s) {
        return SeqNr.add(s.out.buf.sendSeq(), -1);
    }

    @Test
    public void sackBitmaskBitOrderIsLsbFirst() {
        UtpSocket s = connectToFakePeer(1000);
        int id = s.receiveId();
        // 1000 in order; 1002, 1005, 1009 and 1040 early: bit i of byte j is 999+1+2+8j+i
        for (int seq : new int[] {1000, 1002, 1005, 1009, 1040}) {
            a.onDatagram(ByteBuffer.wrap(Raw.of(PacketType.DATA, id).seq(seq).ack(lastSent(s))
                    .payload(new byte[10]).build()), B, now);
        }
        a.flush(now);
        InboundPacket ack = outA.only().packet();
        assertEquals(PacketType.STATE, ack.type);
        assertEquals(1000, ack.ackNr);
        assertEquals(8, ack.sackLength); // 39 bits needed, rounded up to a multiple of 4 bytes
        byte[] mask = new byte[ack.sackLength];
        ack.buf.get(ack.sackOffset, mask);
        // 1002 -> bit 0, 1005 -> bit 3, 1009 -> bit 7, 1040 -> byte 4 bit 6
        assertArrayEquals(new byte[] {(byte) 0x89, 0, 0, 0, 0x40, 0, 0, 0}, mask);
    }

    @Test
    public void sackOfAnyLengthIsParsed() {
        for (int len = 1; len <= 20; len++) {
            Raw.Capture out = new Raw.Capture();
            UtpEndpoint ep = new UtpEndpoint(UtpConfig.defaults(), out, new SplittableRandom(len));
            UtpSocket s = ep.connect(B, SocketListener.NONE, now);
            ep.flush(now);
            InboundPacket syn = out.only().packet();
            ep.onDatagram(ByteBuffer.wrap(Raw.of(PacketType.STATE, syn.connectionId).seq(50).ack(syn.seqNr).build()), B, now);
            ep.flush(now);
            out.take();
            s.write(ByteBuffer.wrap(new byte[1382 * 4]));
            ep.flush(now);
            List<Raw.Sent> data = out.take();
            assertEquals(4, data.size());
            int first = data.get(0).packet().seqNr;
            // ack_nr = first-1: first is missing; SACK marks first+1..first+3 (bits 0..2), the rest of the
            // mask (up to len bytes) is set too but lies past anything sent and must be ignored
            byte[] mask = new byte[len];
            java.util.Arrays.fill(mask, (byte) 0xff);
            ep.onDatagram(ByteBuffer.wrap(Raw.of(PacketType.STATE, s.receiveId()).seq(50).ack(SeqNr.add(first, -1))
                    .ext(UtpHeader.EXT_SACK, mask).build()), B, now);
            ep.flush(now);
            int bitsUsable = Math.min(len * 8, 3);
            for (int i = 1; i <= 3; i++) {
                assertEquals("len " + len + " seq +" + i, i <= bitsUsable,
                        s.out.buf.has(SeqNr.add(first, i), SendBuffer.ACKED));
            }
            assertFalse(s.out.buf.has(first, SendBuffer.ACKED));
            // three packets acknowledged above the hole: it is fast-retransmitted once
            List<Raw.Sent> resent = out.take();
            if (bitsUsable >= 3) {
                assertEquals(PacketType.DATA, resent.get(0).packet().type);
                assertEquals(first, resent.get(0).packet().seqNr);
            }
            assertEquals(0, ep.drops().snapshot().size());
        }
    }

    @Test
    public void duplicateAcksTriggerFastRetransmit() {
        UtpSocket s = connectToFakePeer(70);
        s.write(ByteBuffer.wrap(new byte[1382 * 4]));
        a.flush(now);
        List<Raw.Sent> data = outA.take();
        int first = data.get(0).packet().seqNr;
        byte[] dupAck = Raw.of(PacketType.STATE, s.receiveId()).seq(70).ack(SeqNr.add(first, -1)).build();
        inject(a, dupAck, B);
        inject(a, dupAck, B);
        assertTrue(outA.take().isEmpty());
        inject(a, dupAck, B);
        List<Raw.Sent> resent = outA.take();
        assertEquals(1, resent.size());
        assertEquals(first, resent.get(0).packet().seqNr);
    }

    @Test
    public void extensionChainIsWalkedAndUnknownOnesSkipped() {
        UtpSocket s = connectToFakePeer(300);
        int id = s.receiveId();
        // unknown extension 0x7f, then libutp's extension bits (8 bytes), then close reason 3
        byte[] pkt = Raw.of(PacketType.DATA, id).seq(300).ack(lastSent(s))
                .ext(0x7f, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5)
                .ext(UtpHeader.EXT_BITS, new byte[8])
                .ext(UtpHeader.EXT_CLOSE_REASON, (byte) 0, (byte) 0, (byte) 0, (byte) 7)
                .payload("abc".getBytes()).build();
        assertTrue(inject(a, pkt, B));
        ByteBuffer got = ByteBuffer.allocate(10);
        assertEquals(3, s.read(got));
        assertEquals('a', got.get(0));
        assertEquals(7, s.peerCloseReason());
        assertEquals(0, a.drops().snapshot().size());
    }

    @Test
    public void keepAliveIsOneAckBehindAndToleratedWhenReceived() {
        UtpSocket s = connectToFakePeer(400);
        int id = s.receiveId();
        inject(a, Raw.of(PacketType.DATA, id).seq(400).ack(lastSent(s)).payload(new byte[5]).build(), B);
        outA.take();
        // libutp's keep-alive from the peer: ack_nr one behind what it acknowledged before
        inject(a, Raw.of(PacketType.STATE, id).seq(401).ack(SeqNr.add(lastSent(s), -1)).build(), B);
        assertEquals(UtpSocket.State.CONNECTED, s.state());
        assertEquals(0, a.drops().snapshot().size());
        assertTrue(outA.take().isEmpty());
        // ours after 29 s of silence
        now += 29_000_001;
        a.onTimer(now);
        a.flush(now);
        InboundPacket ka = outA.only().packet();
        assertEquals(PacketType.STATE, ka.type);
        assertEquals(SeqNr.add(400, -1), ka.ackNr);
    }

    @Test
    public void finIsAcknowledgedWithItsSeqAndEofWaitsForReorderedData() {
        UtpSocket s = connectToFakePeer(500);
        int id = s.receiveId();
        int ack = lastSent(s);
        inject(a, Raw.of(PacketType.DATA, id).seq(500).ack(ack).payload(new byte[] {1}).build(), B);
        // the FIN (seq 503) overtakes data 501 and 502
        inject(a, Raw.of(PacketType.FIN, id).seq(503).ack(ack).build(), B);
        inject(a, Raw.of(PacketType.DATA, id).seq(502).ack(ack).payload(new byte[] {3}).build(), B);
        ByteBuffer got = ByteBuffer.allocate(10);
        assertEquals(1, s.read(got));
        assertEquals(0, s.read(got));
        assertFalse(s.eof());
        outA.take();
        inject(a, Raw.of(PacketType.DATA, id).seq(501).ack(ack).payload(new byte[] {2}).build(), B);
        InboundPacket finAck = outA.only().packet();
        assertEquals(PacketType.STATE, finAck.type);
        assertEquals(503, finAck.ackNr);
        assertEquals(2, s.read(got));
        assertEquals(-1, s.read(got));
        assertTrue(s.eof());
        // data past the FIN is ignored
        inject(a, Raw.of(PacketType.DATA, id).seq(504).ack(ack).payload(new byte[] {9}).build(), B);
        assertEquals(-1, s.read(got));
    }

    @Test
    public void ourFinCarriesTheNextSeqAndIsRetransmittedUntilAcked() {
        UtpSocket s = connectToFakePeer(600);
        s.write(ByteBuffer.wrap(new byte[10]));
        s.shutdownOutput();
        a.flush(now);
        List<Raw.Sent> sent = outA.take();
        assertEquals(2, sent.size());
        InboundPacket data = sent.get(0).packet();
        InboundPacket fin = sent.get(1).packet();
        assertEquals(PacketType.FIN, fin.type);
        assertEquals(SeqNr.add(data.seqNr, 1), fin.seqNr);
        assertEquals(-1, s.write(ByteBuffer.wrap(new byte[1])));
        now += 1_100_000;
        a.onTimer(now);
        a.flush(now);
        List<Raw.Sent> again = outA.take();
        assertFalse(again.isEmpty());
        assertEquals(data.seqNr, again.get(0).packet().seqNr);
    }

    @Test
    public void resetEchoingOurSendIdLikeLibutpClosesTheConnection() {
        UtpSocket s = connectToFakePeer(700);
        CloseCause[] cause = new CloseCause[1];
        s.setListener(new SocketListener() {
            @Override
            public void onClosed(UtpSocket socket, CloseCause c) {
                cause[0] = c;
            }
        });
        inject(a, Raw.of(PacketType.RESET, s.sendId()).seq(1).ack(0).build(), B);
        assertEquals(CloseCause.RESET, cause[0]);
        assertEquals(0, a.connectionCount());
    }

    @Test
    public void dataForAnUnknownConnectionDrawsARateLimitedReset() {
        inject(a, Raw.of(PacketType.DATA, 4242).seq(77).payload(new byte[3]).build(), B);
        InboundPacket rst = outA.only().packet();
        assertEquals(PacketType.RESET, rst.type);
        assertEquals(4242, rst.connectionId);
        assertEquals(77, rst.ackNr);
        for (int i = 0; i < 500; i++) {
            inject(a, Raw.of(PacketType.DATA, 4242).seq(i).build(), B);
        }
        assertEquals(UtpConfig.defaults().maxResetsPerSecond() - 1, outA.take().size());
        assertEquals(501, a.drops().get(DropReason.UNKNOWN_CONNECTION));
        // no answer to STATE for unknown connections
        inject(a, Raw.of(PacketType.STATE, 4242).seq(1).build(), B);
        now += 2_000_000;
        inject(a, Raw.of(PacketType.STATE, 4242).seq(1).build(), B);
        assertTrue(outA.take().isEmpty());
    }

    @Test
    public void largeDatagramsAreUsedOnlyWhenBothSidesOffer() {
        Raw.Capture oa = new Raw.Capture();
        Raw.Capture ob = new Raw.Capture();
        UtpEndpoint la = new UtpEndpoint(UtpConfig.defaults(), oa, new SplittableRandom(3), r -> 65507);
        UtpEndpoint lb = new UtpEndpoint(UtpConfig.defaults(), ob, new SplittableRandom(4), r -> 65507);
        lb.setAcceptHandler(x -> SocketListener.NONE);
        UtpSocket s = la.connect(B, SocketListener.NONE, now);
        la.flush(now);
        Raw.Sent syn = oa.only();
        assertEquals(65507, syn.packet().peerLargeDatagram);
        deliver(syn, lb, A, now);
        lb.flush(now);
        Raw.Sent synAck = ob.only();
        assertEquals(65507, synAck.packet().peerLargeDatagram);
        assertEquals(65487, lb.connections().get(0).payloadSize());
        deliver(synAck, la, B, now);
        assertEquals(65487, s.payloadSize());
        la.flush(now);
        oa.take();

        // towards a peer that ignores the extension (libtorrent): standard sizes
        UtpSocket plain = la.connect(new InetSocketAddress("10.0.0.3", 3000), SocketListener.NONE, now);
        la.flush(now);
        InboundPacket syn2 = oa.only().packet();
        la.onDatagram(ByteBuffer.wrap(Raw.of(PacketType.STATE, syn2.connectionId).seq(5).ack(syn2.seqNr).build()),
                new InetSocketAddress("10.0.0.3", 3000), now);
        assertEquals(UtpSocket.State.CONNECTED, plain.state());
        assertEquals(1382, plain.payloadSize());
        // and an endpoint that does not offer never answers with it
        b.setAcceptHandler(x -> SocketListener.NONE);
        deliver(syn, b, A, now);
        b.flush(now);
        assertEquals(-1, outB.only().packet().peerLargeDatagram);
        assertEquals(1382, b.connections().get(0).payloadSize());
        assertNotNull(s);
        assertNotEquals(s.payloadSize(), plain.payloadSize());
    }
}
