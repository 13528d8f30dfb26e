package org.swarmsync.discovery.lan.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;

public class LanCoreTest {

    static final ShareHash HELD = ShareHash.of(filled(32, 0x22));
    static final ShareHash OTHER = ShareHash.of(filled(32, 0x33));
    static final PeerId ME = PeerId.of(filled(20, 0x01));
    static final PeerId THEM = PeerId.of(filled(20, 0x02));
    static final InetSocketAddress FROM = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);

    private final LanCore core = new LanCore(30_000, 1_000, new SplittableRandom(1));

    @Test
    public void pingBytesAreTheDocumentedLayout() {
        byte[] expected = concat("BSYNC\0d1:m4:ping4:peer20:".getBytes(StandardCharsets.ISO_8859_1), filled(20, 1),
                "4:porti3838e5:share32:".getBytes(StandardCharsets.ISO_8859_1), filled(32, 0x22),
                "e".getBytes(StandardCharsets.ISO_8859_1));
        assertArrayEquals(expected, LanWire.encode(new Ping(ME, 3838, HELD)));
    }

    @Test
    public void hostilePingsAreDroppedWithTheirReason() {
        String peer = "4:peer20:" + "x".repeat(20);
        String share = "5:share32:" + "x".repeat(32);
        reject(LanDrop.NOT_BSYNC, "d1:m4:ping" + peer + "4:porti1e" + share + "e", false);
        reject(LanDrop.MALFORMED, "d1:m4:ping" + peer + "4:porti1e" + share, true);
        reject(LanDrop.MALFORMED, "d4:porti1e1:m4:ping" + peer + share + "e", true);
        reject(LanDrop.WRONG_MESSAGE, "d1:m9:get_peers" + peer + "4:porti1e" + share + "e", true);
        reject(LanDrop.WRONG_MESSAGE, "d1:mi1e" + peer + "4:porti1e" + share + "e", true);
        reject(LanDrop.FOREIGN_SHARE_ID, "d1:m4:ping" + peer + "4:porti1e5:share20:" + "x".repeat(20) + "e", true);
        reject(LanDrop.BAD_FIELD, "d1:m4:ping" + peer + "4:porti1e5:share31:" + "x".repeat(31) + "e", true);
        reject(LanDrop.BAD_FIELD, "d1:m4:ping" + peer + "4:porti0e" + share + "e", true);
        reject(LanDrop.BAD_FIELD, "d1:m4:ping" + peer + "4:porti65536e" + share + "e", true);
        reject(LanDrop.BAD_FIELD, "d1:m4:ping4:peer19:" + "x".repeat(19) + "4:porti1e" + share + "e", true);
        reject(LanDrop.BAD_FIELD, "d1:m4:ping" + peer + share + "e", true);
        reject(LanDrop.OVERSIZED, "d1:m4:ping" + peer + "4:porti1e" + share + "3:pad600:" + "x".repeat(600) + "e",
                true);
    }

    @Test
    public void aPingForAHeldShareIsReportedAndAnsweredWithOurPing() {
        core.add(HELD, ME, 5000, p -> { }, 0);
        LanCore.Outcome o = feed(new Ping(THEM, 6000, HELD), FROM, true, 0);
        assertEquals(1, o.reports().size());
        assertEquals(new InetSocketAddress(FROM.getAddress(), 6000), o.reports().get(0).peer().address());
        assertEquals(Optional.of(THEM), o.reports().get(0).peer().peerId());
        assertEquals("lan", o.reports().get(0).peer().source());
        assertEquals(1, o.replies().size());
        assertArrayEquals(LanWire.encode(new Ping(ME, 5000, HELD)), o.replies().get(0));
    }

    @Test
    public void aPingForAShareWeDoNotHoldIsNeitherReportedNorAnswered() {
        core.add(HELD, ME, 5000, p -> { }, 0);
        LanCore.Outcome o = feed(new Ping(THEM, 6000, OTHER), FROM, true, 0);
        assertTrue(o.reports().isEmpty());
        assertTrue(o.replies().isEmpty());
        assertEquals(1, core.metrics().ignoredNotHeld());
    }

    @Test
    public void ourOwnPingLoopedBackIsIgnored() {
        core.add(HELD, ME, 5000, p -> { }, 0);
        LanCore.Outcome o = feed(new Ping(ME, 5000, HELD), FROM, true, 0);
        assertTrue(o.reports().isEmpty());
        assertTrue(o.replies().isEmpty());
        assertEquals(1, core.metrics().ignoredOwn());
    }

    @Test
    public void twoIdentitiesInOneNodeHearEachOtherButNeverAnswerThemselves() {
        core.add(HELD, ME, 5000, p -> { }, 0);
        LanCore.Registration other = core.add(HELD, THEM, 6000, p -> { }, 0);
        LanCore.Outcome o = feed(new Ping(ME, 5000, HELD), FROM, true, 0);
        assertEquals(1, o.reports().size());
        assertTrue(o.reports().get(0).registration() == other);
        assertTrue(o.replies().isEmpty());
    }

    @Test
    public void aUnicastPingIsReportedButNeverAnsweredSoNodesCannotPingPong() {
        core.add(HELD, ME, 5000, p -> { }, 0);
        LanCore.Outcome o = feed(new Ping(THEM, 6000, HELD), FROM, false, 0);
        assertEquals(1, o.reports().size());
        assertTrue(o.replies().isEmpty());
    }

    @Test
    public void oneAnswerPerSourceAndSharePerGap() {
        core.add(HELD, ME, 5000, p -> { }, 0);
        assertEquals(1, feed(new Ping(THEM, 6000, HELD), FROM, true, 0).replies().size());
        assertEquals(0, feed(new Ping(THEM, 6000, HELD), FROM, true, 999).replies().size());
        InetSocketAddress elsewhere = new InetSocketAddress(FROM.getAddress(), 40_001);
        assertEquals("another source", 1, feed(new Ping(THEM, 6000, HELD), elsewhere, true, 999).replies().size());
        assertEquals(1, feed(new Ping(THEM, 6000, HELD), FROM, true, 1_000).replies().size());
        assertEquals(1, core.metrics().repliesSuppressed());
        assertEquals(3, core.metrics().repliesSent());
    }

    @Test
    public void pingsAreDueAtOnceThenEveryIntervalAndOnRefresh() {
        LanCore.Registration r = core.add(HELD, ME, 5000, p -> { }, 1_000);
        assertEquals(1, core.duePings(1_000).size());
        assertTrue(core.duePings(1_001).isEmpty());
        long next = core.nextDue();
        assertTrue("30 s +-10 %: " + next, next >= 1_000 + 27_000 && next <= 1_000 + 33_000);
        core.refresh(r, 1_500);
        assertEquals("not more than once a second", 2_000, core.nextDue());
        assertEquals(1, core.duePings(2_000).size());
        core.remove(r);
        assertEquals(Long.MAX_VALUE, core.nextDue());
        assertTrue(core.duePings(100_000).isEmpty());
    }

    @Test
    public void ipv6SourcesAreDropped() throws Exception {
        core.add(HELD, ME, 5000, p -> { }, 0);
        LanCore.Outcome o = feed(new Ping(THEM, 6000, HELD), new InetSocketAddress(InetAddress.getByName("::1"), 1),
                true, 0);
        assertTrue(o.reports().isEmpty());
        assertEquals(1, core.metrics().dropped(LanDrop.WRONG_FAMILY));
    }

    private LanCore.Outcome feed(Ping ping, InetSocketAddress from, boolean viaGroup, long now) {
        byte[] d = LanWire.encode(ping);
        return core.onDatagram(d, d.length, from, viaGroup, now);
    }

    private static void reject(LanDrop reason, String bencode, boolean magic) {
        byte[] body = bencode.getBytes(StandardCharsets.ISO_8859_1);
        byte[] d = magic ? concat("BSYNC\0".getBytes(StandardCharsets.ISO_8859_1), body) : body;
        try {
            LanWire.decode(d, d.length);
            fail("accepted " + bencode);
        } catch (LanWireException e) {
            assertEquals(bencode + " -> " + e.getMessage(), reason, e.reason());
        }
        LanCore c = new LanCore(1_000, 1_000, new SplittableRandom(1));
        c.add(HELD, ME, 1, p -> { }, 0);
        LanCore.Outcome o = c.onDatagram(d, d.length, FROM, true, 0);
        assertTrue(o.reports().isEmpty() && o.replies().isEmpty());
        assertEquals(1, c.metrics().dropped(reason));
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : List.of(parts)) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
