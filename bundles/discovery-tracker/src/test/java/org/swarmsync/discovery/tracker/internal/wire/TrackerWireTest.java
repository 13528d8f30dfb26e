package org.swarmsync.discovery.tracker.internal.wire;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.Test;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;

public class TrackerWireTest {

    static final PeerId PEER = PeerId.of(filled(20, 0x11));
    static final ShareHash SHARE = ShareHash.of(filled(32, 0x22));

    @Test
    public void requestBytesAreTheDocumentedLayoutWithKeysSorted() {
        byte[] datagram = TrackerWire.encode(new GetPeers(PEER, SHARE,
                Optional.of(new Endpoint(0x7F000001, 4000)), OptionalInt.of(5000)));
        byte[] expected = concat(ascii("BSYNC"), new byte[] {0}, ascii("d2:la6:"),
                new byte[] {127, 0, 0, 1, 0x0F, (byte) 0xA0}, ascii("1:m9:get_peers4:peer20:"), filled(20, 0x11),
                ascii("4:porti5000e5:share32:"), filled(32, 0x22), ascii("e"));
        assertArrayEquals(expected, datagram);
    }

    @Test
    public void requestRoundTripsWithAndWithoutOptionalKeys() throws Exception {
        GetPeers full = new GetPeers(PEER, SHARE, Optional.of(new Endpoint(0xC0A80102, 3838)), OptionalInt.of(1));
        byte[] d = TrackerWire.encode(full);
        assertEquals(full, TrackerWire.decodeGetPeers(d, d.length));
        GetPeers bare = new GetPeers(PEER, SHARE, Optional.empty(), OptionalInt.empty());
        d = TrackerWire.encode(bare);
        assertEquals(bare, TrackerWire.decodeGetPeers(d, d.length));
    }

    @Test
    public void unknownKeysAreIgnoredSoExtensionsPass() throws Exception {
        byte[] d = datagram("d1:m9:get_peers4:peer20:" + s(20) + "5:share32:" + s(32) + "3:zzzi1ee");
        assertEquals(SHARE.hex().length(), TrackerWire.decodeGetPeers(d, d.length).share().hex().length());
    }

    @Test
    public void aReplyEntryIsExactlyTheSizeTheServerBudgetsFor() {
        PeersReply none = new PeersReply(SHARE, 1_750_000_000L, new Endpoint(1, 2), List.of());
        PeersReply one = new PeersReply(SHARE, 1_750_000_000L, new Endpoint(1, 2),
                List.of(new ReplyPeer(new Endpoint(3, 4), new Endpoint(5, 6), PEER)));
        assertEquals(TrackerWire.PEER_ENTRY_BYTES, TrackerWire.encode(one).length - TrackerWire.encode(none).length);
        assertEquals(TrackerWire.encode(none).length, TrackerWire.emptyReplyLength(1_750_000_000L));
        PeersReply zero = new PeersReply(SHARE, 0, new Endpoint(1, 2), List.of());
        assertEquals(TrackerWire.encode(zero).length, TrackerWire.emptyReplyLength(0));
    }

    @Test
    public void replyRoundTripsAndAbsentLocalAddressReadsAsZero() throws Exception {
        PeersReply reply = new PeersReply(SHARE, 1_750_000_000L, new Endpoint(0x7F000001, 9),
                List.of(new ReplyPeer(new Endpoint(0x0A000001, 7), new Endpoint(0xC0A80001, 8), PEER)));
        byte[] d = TrackerWire.encode(reply);
        assertEquals(reply, TrackerWire.decodePeers(d, d.length));

        byte[] noLa = datagram("d2:ea6:" + s(6) + "1:m5:peers5:peersld1:a6:" + s(6) + "1:p20:" + s(20)
                + "ee5:share32:" + s(32) + "4:timei5ee");
        PeersReply parsed = TrackerWire.decodePeers(noLa, noLa.length);
        assertFalse(parsed.peers().get(0).local().isDialable());
    }

    @Test
    public void hostileRequestsAreRejectedWithTheRightReason() {
        String peer = "4:peer20:" + s(20);
        String share = "5:share32:" + s(32);
        rejectRequest(Drop.NOT_BSYNC, new byte[0]);
        rejectRequest(Drop.NOT_BSYNC, ascii("BSYNC"));
        rejectRequest(Drop.NOT_BSYNC, ascii("BSYNX\0d1:m9:get_peerse"));
        rejectRequest(Drop.NOT_BSYNC, ascii("d1:m9:get_peers" + peer + share + "e"));
        rejectRequest(Drop.MALFORMED, datagram(""));
        rejectRequest(Drop.MALFORMED, datagram("d1:m9:get_peers" + peer + share));
        rejectRequest(Drop.MALFORMED, datagram("d1:m9:get_peers" + peer + "5:share32:" + s(20)));
        rejectRequest(Drop.MALFORMED, datagram("l1:me"));
        rejectRequest(Drop.MALFORMED, datagram("i42e"));
        rejectRequest(Drop.MALFORMED, datagram("d1:m9:get_peers" + peer + share + "ee"));
        rejectRequest(Drop.MALFORMED, datagram(share + "1:m9:get_peers"));
        rejectRequest(Drop.MALFORMED, datagram("d5:share32:" + s(32) + "1:m9:get_peers" + peer + "e"));
        rejectRequest(Drop.MALFORMED, datagram("d1:m9:get_peers1:m9:get_peers" + peer + share + "e"));
        rejectRequest(Drop.MALFORMED, datagram("d1:xllllllllllllleeeeeeeeeeeeee"));
        rejectRequest(Drop.MALFORMED, datagram("d1:m9:get_peers4:peer99999999999:"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + share + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d" + peer + share + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers4:peer19:" + s(19) + share + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "5:share31:" + s(31) + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "5:share33:" + s(33) + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "5:share20:" + s(20) + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "5:sharei7ee"));
        rejectRequest(Drop.BAD_FIELD, datagram("d2:la4:" + s(4) + "1:m9:get_peers" + peer + share + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "4:porti0e" + share + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "4:porti65536e" + share + "e"));
        rejectRequest(Drop.BAD_FIELD, datagram("d1:m9:get_peers" + peer + "4:port4:3000" + share + "e"));
        rejectRequest(Drop.WRONG_MESSAGE, datagram("d1:mi4e" + peer + share + "e"));
        rejectRequest(Drop.WRONG_MESSAGE, datagram("d1:m4:ping" + peer + "4:porti1e" + share + "e"));
        rejectRequest(Drop.WRONG_MESSAGE, datagram("d1:m5:peers" + peer + share + "e"));
        byte[] big = Arrays.copyOf(datagram("d1:m9:get_peers" + peer + share + "e"), TrackerWire.MAX_REQUEST_BYTES + 1);
        rejectRequest(Drop.OVERSIZED, big);
    }

    @Test
    public void hostileRepliesAreRejectedWithTheRightReason() {
        String head = "d2:ea6:" + s(6) + "1:m5:peers5:peers";
        String tail = "5:share32:" + s(32) + "4:timei5ee";
        String entry = "d1:a6:" + s(6) + "2:la6:" + s(6) + "1:p20:" + s(20) + "e";
        rejectReply(Drop.BAD_FIELD, datagram(head + "d" + "e" + tail));
        rejectReply(Drop.BAD_FIELD, datagram(head + "l" + "i1e" + "e" + tail));
        rejectReply(Drop.BAD_FIELD, datagram(head + "ld1:a6:" + s(6) + "ee" + tail));
        rejectReply(Drop.BAD_FIELD, datagram(head + "ld1:a4:" + s(4) + "1:p20:" + s(20) + "ee" + tail));
        rejectReply(Drop.BAD_FIELD, datagram(head + "ld1:a6:" + s(6) + "1:p6:" + s(6) + "ee" + tail));
        rejectReply(Drop.BAD_FIELD, datagram(head + "le5:share20:" + s(20) + "4:timei5ee"));
        rejectReply(Drop.BAD_FIELD, datagram(head + "le5:share32:" + s(32) + "4:timei-5ee"));
        rejectReply(Drop.BAD_FIELD, datagram(head + "le5:share32:" + s(32) + "e"));
        rejectReply(Drop.BAD_FIELD, datagram("d2:ea4:" + s(4) + "1:m5:peers5:peersle" + tail));
        rejectReply(Drop.BAD_FIELD, datagram(head + "l" + entry.repeat(TrackerWire.MAX_REPLY_PEERS + 1) + "e" + tail));
        rejectReply(Drop.WRONG_MESSAGE, datagram("d2:ea6:" + s(6) + "1:m9:get_peers5:peersle" + tail));
        rejectReply(Drop.MALFORMED, datagram(head + "l" + entry));
        rejectReply(Drop.NOT_BSYNC, ascii(head + "le" + tail));
    }

    @Test
    public void everyTruncationOfAValidRequestIsDroppedNeverMisread() {
        byte[] d = TrackerWire.encode(new GetPeers(PEER, SHARE, Optional.of(new Endpoint(1, 2)), OptionalInt.of(3)));
        for (int n = 0; n < d.length; n++) {
            try {
                TrackerWire.decodeGetPeers(Arrays.copyOf(d, n), n);
                fail("a " + n + "-byte prefix was accepted");
            } catch (WireException e) {
                assertTrue(e.reason() == Drop.NOT_BSYNC || e.reason() == Drop.MALFORMED);
            }
        }
    }

    @Test
    public void endpointsAreBigEndianAndRoundTrip() {
        Endpoint e = new Endpoint(0xC0A80102, 0xABCD);
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, 2, (byte) 0xAB, (byte) 0xCD}, e.toBytes());
        assertEquals("192.168.1.2:43981", e.toString());
        assertEquals(e, Endpoint.of(e.toSocketAddress()).orElseThrow());
        assertFalse(new Endpoint(0, 5).isDialable());
        assertFalse(new Endpoint(5, 0).isDialable());
    }

    private static void rejectRequest(Drop reason, byte[] d) {
        try {
            TrackerWire.decodeGetPeers(d, d.length);
            fail("accepted: " + new String(d, StandardCharsets.ISO_8859_1));
        } catch (WireException e) {
            assertEquals(new String(d, StandardCharsets.ISO_8859_1) + " -> " + e.getMessage(), reason, e.reason());
        }
    }

    private static void rejectReply(Drop reason, byte[] d) {
        try {
            TrackerWire.decodePeers(d, d.length);
            fail("accepted: " + new String(d, StandardCharsets.ISO_8859_1));
        } catch (WireException e) {
            assertEquals(e.getMessage(), reason, e.reason());
        }
    }

    /** {@code BSYNC\0} + the text as ISO-8859-1 bytes. */
    static byte[] datagram(String bencode) {
        return concat(ascii("BSYNC"), new byte[] {0}, ascii(bencode));
    }

    /** n filler characters, standing for binary fields. */
    static String s(int n) {
        return "x".repeat(n);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
