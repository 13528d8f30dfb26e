package org.swarmsync.transport.utp.internal.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

/**
 * Hostile and foreign datagrams: each is dropped and counted by reason, nothing throws out of
 * the core, and a good connection on the same endpoint keeps working afterwards.
 */
public class DemuxRobustnessTest {

    @Rule
    public final Timeout timeout = Timeout.seconds(60);

    private static final long MINUTE = 60_000_000L;
    private final InetSocketAddress evil = new InetSocketAddress("10.6.6.6", 6666);

    private SimNetwork net;
    private SimNetwork.Node server;
    private SimNetwork.Node client;
    private final List<StreamPump> accepted = new ArrayList<>();

    @Before
    public void setUp() {
        net = new SimNetwork(99);
        UtpConfig cfg = UtpConfig.builder().maxHalfOpen(10).maxConnections(20).build();
        server = net.node("10.0.0.2", 2000, cfg);
        client = net.node("10.0.0.1", 1000, UtpConfig.defaults());
        server.endpoint.setAcceptHandler(s -> {
            StreamPump p = new StreamPump(0, 1, 0, false);
            p.socket = s;
            accepted.add(p);
            net.addPump(p);
            return p;
        });
    }

    private StreamPump goodConnection(long bytes) {
        StreamPump p = new StreamPump(bytes, 0, 1, false);
        p.socket = client.endpoint.connect(server.address, p, net.now);
        net.addPump(p);
        return p;
    }

    private long drops(DropReason r) {
        return server.endpoint.drops().get(r);
    }

    @Test
    public void shortAndForeignDatagramsAreNotUtp() {
        for (int len = 0; len < 20; len++) {
            byte[] d = new byte[len];
            if (len > 0) {
                d[0] = 0x01;
            }
            assertFalse("length " + len, server.inject(d, evil));
        }
        assertEquals(20, drops(DropReason.SHORT));
        byte[] bsync = "BSYNC\0d1:m4:ping4:peer20:aaaaaaaaaaaaaaaaaaaa4:porti3838e5:share20:bbbbbbbbbbbbbbbbbbbbe"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(server.inject(bsync, evil));
        byte[] dht = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe".getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(server.inject(dht, evil));
        assertEquals(2, drops(DropReason.BAD_VERSION));
        assertEquals(22, server.foreign);
    }

    @Test
    public void badTypesAndExtensionsAreDroppedAndCounted() {
        for (int type = 5; type < 16; type++) {
            byte[] d = Raw.of(0, 1).build();
            d[0] = (byte) ((type << 4) | 1);
            assertTrue(server.inject(d, evil));
        }
        assertEquals(11, drops(DropReason.BAD_TYPE));

        // extension announced, nothing follows
        byte[] d = Raw.of(PacketType.SYN, 5).build();
        d[1] = 1;
        assertTrue(server.inject(d, evil));
        // a length running past the end
        byte[] e = Raw.of(PacketType.SYN, 5).ext(1, new byte[8]).build();
        assertTrue(server.inject(java.util.Arrays.copyOf(e, e.length - 1), evil));
        // a chain whose second entry is cut off
        byte[] f = Raw.of(PacketType.SYN, 5).ext(0x20, new byte[2]).build();
        f[20] = 1; // next = SACK, but the datagram ends
        assertTrue(server.inject(f, evil));
        // only one byte of the next entry's header
        byte[] g = Raw.of(PacketType.SYN, 5).ext(0x20, new byte[2]).payload(new byte[1]).build();
        g[20] = 1;
        assertTrue(server.inject(g, evil));
        // libutp's extension 2 must be 8 bytes long
        assertTrue(server.inject(Raw.of(PacketType.SYN, 5).ext(UtpHeader.EXT_BITS, new byte[4]).build(), evil));
        assertEquals(5, drops(DropReason.BAD_EXTENSION));
        assertEquals(0, server.endpoint.connectionCount());
    }

    @Test
    public void unknownConnectionIdsAreCounted() {
        for (int i = 0; i < 50; i++) {
            server.inject(Raw.of(PacketType.STATE, i).build(), evil);
            server.inject(Raw.of(PacketType.DATA, i).payload(new byte[10]).build(), evil);
            server.inject(Raw.of(PacketType.RESET, i).build(), evil);
        }
        assertEquals(100, drops(DropReason.UNKNOWN_CONNECTION));
        assertEquals(50, drops(DropReason.UNKNOWN_RESET));
    }

    @Test
    public void synFloodIsBoundedAndTheGoodConnectionStillWorks() {
        for (int i = 0; i < 500; i++) {
            InetSocketAddress spoofed = new InetSocketAddress("10.9." + (i / 250) + "." + (i % 250 + 1), 4000 + i);
            server.inject(Raw.of(PacketType.SYN, 1000 + i).seq(i).build(), spoofed);
        }
        assertEquals(10, server.endpoint.halfOpenCount());
        assertEquals(490, drops(DropReason.SYN_FLOOD));
        // the half-open ones never answer: they die on their own
        net.runFor(2 * MINUTE);
        assertEquals(0, server.endpoint.halfOpenCount());
        assertEquals(0, server.endpoint.connectionCount());

        StreamPump good = goodConnection(2_000_000);
        net.runUntil(() -> !accepted.isEmpty() && accepted.get(accepted.size() - 1).received == 2_000_000, MINUTE);
        assertEquals(-1, accepted.get(accepted.size() - 1).firstMismatch);
        assertEquals(0, drops(DropReason.INTERNAL_ERROR));
        assertTrue(good.connected);
    }

    @Test
    public void randomGarbageNeverThrowsAndServiceContinues() {
        StreamPump good = goodConnection(20_000_000);
        net.runUntil(() -> !accepted.isEmpty() && accepted.get(0).received > 1_000_000, MINUTE);
        UtpSocket victim = accepted.get(0).socket;
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            byte[] d = new byte[r.nextInt(80)];
            r.nextBytes(d);
            if (d.length > 0 && r.nextBoolean()) {
                d[0] = (byte) ((r.nextInt(5) << 4) | 1); // valid type and version
            }
            if (d.length >= 4 && r.nextInt(4) == 0) {
                // aim at the live connection's id (from another address, so it must not match)
                d[2] = (byte) (victim.receiveId() >> 8);
                d[3] = (byte) victim.receiveId();
            }
            server.endpoint.onDatagram(java.nio.ByteBuffer.wrap(d), evil, net.now);
        }
        server.endpoint.flush(net.now);
        assertEquals(0, drops(DropReason.INTERNAL_ERROR));
        assertTrue(server.endpoint.drops().snapshot().size() >= 4);
        net.runUntil(() -> accepted.get(0).received == 20_000_000, 10 * MINUTE);
        assertEquals(-1, accepted.get(0).firstMismatch);
        assertTrue(good.closed == null);
    }
}
