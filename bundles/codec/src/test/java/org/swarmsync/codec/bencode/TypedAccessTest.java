package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.codec.bencode.Inputs.bytes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.Test;

/** The typed getters later code relies on, and their error messages. */
public class TypedAccessTest {

    private static final byte[] PEER_ID = new byte[20];
    private static final byte[] ADDR = {127, 0, 0, 1, 0x0b, (byte) 0xb8};

    static {
        for (int i = 0; i < PEER_ID.length; i++) {
            PEER_ID[i] = (byte) (0xf0 + i);
        }
    }

    /** A tracker {@code peers} reply as in PROTOCOLS.md §1.4, encoded and decoded again. */
    private static BDict trackerReply() {
        BList peers = BList.of(
                BDict.builder().put("a", ADDR).put("la", ADDR).put("p", PEER_ID).build(),
                BDict.builder().put("a", ADDR).put("p", PEER_ID).build());
        BDict reply = BDict.builder()
                .putUtf8("m", "peers")
                .put("share", new byte[32])
                .put("time", 1_700_000_000L)
                .put("ea", ADDR)
                .put("peers", peers)
                .build();
        return Bencode.decode(reply.encode()).asDict();
    }

    private static String failure(Runnable r) {
        return assertThrows(BencodeTypeException.class, r::run).getMessage();
    }

    @Test
    public void readsATrackerReply() {
        BDict reply = trackerReply();
        assertTrue(reply.bytes("m").equalsUtf8("peers"));
        assertEquals(1_700_000_000L, reply.integer("time", 0, Long.MAX_VALUE));
        assertEquals(32, reply.bytes("share", 32).length());
        List<BDict> peers = reply.list("peers").dicts();
        assertEquals(2, peers.size());
        assertTrue(peers.get(0).bytes("p", 20).contentEquals(PEER_ID));
        assertEquals(Optional.empty(), peers.get(1).optionalBytes("la"));
        assertTrue(peers.get(0).optionalBytes("la").orElseThrow().contentEquals(ADDR));
        assertEquals("7f0000010bb8", peers.get(1).bytes("a", 6).toHex());
    }

    @Test
    public void missingKeyIsNamed() {
        BDict reply = trackerReply();
        assertEquals("missing key \"port\"", failure(() -> reply.integer("port")));
        assertEquals("missing key \"x\"", failure(() -> reply.value("x")));
        BencodeTypeException e = assertThrows(BencodeTypeException.class, () -> reply.bytes("nope"));
        assertEquals(-1, e.offset());
    }

    @Test
    public void wrongKindNamesKeyAndBothKinds() {
        BDict reply = trackerReply();
        assertEquals("key \"m\": expected integer, found byte string", failure(() -> reply.integer("m")));
        assertEquals("key \"time\": expected byte string, found integer", failure(() -> reply.bytes("time")));
        assertEquals("key \"peers\": expected dictionary, found list", failure(() -> reply.dict("peers")));
        assertEquals("key \"ea\": expected list, found byte string", failure(() -> reply.list("ea")));
        assertEquals("key \"time\": expected byte string, found integer", failure(() -> reply.optionalBytes("time")));
        assertEquals("key \"m\": expected integer, found byte string", failure(() -> reply.optionalInteger("m")));
        assertEquals("expected dictionary, found integer", failure(() -> BInteger.of(1).asDict()));
        assertEquals("expected integer, found list", failure(() -> BList.EMPTY.asLong()));
    }

    @Test
    public void lengthAndRangeChecksNameTheKey() {
        BDict reply = trackerReply();
        assertEquals("key \"share\": expected a byte string of 20 bytes, found 32 bytes",
                failure(() -> reply.bytes("share", 20)));
        assertEquals("key \"time\": expected an integer in [0, 65535], found 1700000000",
                failure(() -> reply.integer("time", 0, 65535)));
    }

    @Test
    public void listGettersNameTheIndex() {
        BList list = Bencode.decode(bytes("ldei5e3:abclee")).asList();
        assertEquals("index 1: expected dictionary, found integer", failure(() -> list.dict(1)));
        assertEquals("index 0: expected byte string, found dictionary", failure(() -> list.bytes(0)));
        assertEquals("index 2: expected list, found byte string", failure(() -> list.list(2)));
        assertEquals("index 3: expected integer, found list", failure(() -> list.integer(3)));
        assertEquals("index 1: expected dictionary, found integer", failure(list::dicts));
        assertEquals(5, list.integer(1));
        assertEquals(4, list.values().size());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(4));
        assertThrows(UnsupportedOperationException.class, () -> list.values().add(BList.EMPTY));
    }

    @Test
    public void typedListViews() {
        BList hashes = BList.of(BBytes.wrap(new byte[32]), BBytes.wrap(new byte[32]));
        assertEquals(2, hashes.byteStrings().size());
        assertEquals(32, hashes.byteStrings().get(1).length());
        BList numbers = Bencode.decode(bytes("li1ei-2ei3ee")).asList();
        assertEquals(-2, numbers.longs()[1]);
        assertEquals("index 0: expected list, found integer", failure(numbers::lists));
        int count = 0;
        for (BValue v : numbers) {
            count += (int) v.asLong();
        }
        assertEquals(2, count);
    }

    @Test
    public void textAccessorsAreExplicitAndStrict() {
        BDict d = Bencode.decode(bytes("d1:a2:\u00c3\u00a91:b1:\u00ff1:c5:helloe")).asDict();
        assertEquals("\u00e9", d.utf8("a"));
        assertEquals("key \"a\": expected ASCII text, found a byte string with non-ASCII bytes", failure(() -> d.ascii("a")));
        assertEquals("key \"b\": expected UTF-8 text, found a byte string that is not valid UTF-8", failure(() -> d.utf8("b")));
        assertEquals(Optional.of("hello"), d.optionalUtf8("c"));
        assertEquals(Optional.empty(), d.optionalUtf8("z"));
        assertTrue(d.bytes("a").equalsUtf8("\u00e9"));
        assertFalse(d.bytes("c").equalsUtf8("hellO"));
    }

    @Test
    public void optionalGettersReturnEmptyWhenAbsent() {
        BDict d = BDict.builder().put("n", 7).put("l", BList.EMPTY).put("d", BDict.EMPTY).build();
        assertEquals(OptionalLong.of(7), d.optionalInteger("n"));
        assertEquals(OptionalLong.empty(), d.optionalInteger("x"));
        assertEquals(Optional.of(BList.EMPTY), d.optionalList("l"));
        assertEquals(Optional.of(BDict.EMPTY), d.optionalDict("d"));
        assertEquals(Optional.empty(), d.optionalDict("x"));
        assertTrue(d.containsKey("n"));
        assertFalse(d.containsKey("nn"));
    }

    @Test
    public void nonAsciiKeysAreLookedUpAsUtf8() {
        BDict d = BDict.builder().put("cl\u00e9", 1).put("cle", 2).build();
        assertEquals(1, d.integer("cl\u00e9"));
        assertEquals(2, d.integer("cle"));
        assertEquals(-1, d.indexOf("cl\u00e8"));
    }

    @Test
    public void mapViewAndIterationFollowKeyOrder() {
        BDict d = BDict.builder().put("b", 2).put("a", 1).put("c", 3).build();
        Map<BBytes, BValue> map = d.asMap();
        assertEquals(3, map.size());
        assertEquals(BInteger.of(2), map.get(BBytes.ofAscii("b")));
        assertEquals(null, map.get("b"));
        StringBuilder keys = new StringBuilder();
        for (Map.Entry<BBytes, BValue> e : map.entrySet()) {
            keys.append(e.getKey().ascii());
        }
        assertEquals("abc", keys.toString());
        StringBuilder again = new StringBuilder();
        d.forEach((k, v) -> again.append(k.ascii()).append(v.asLong()));
        assertEquals("a1b2c3", again.toString());
        assertThrows(UnsupportedOperationException.class, () -> map.put(BBytes.EMPTY, BDict.EMPTY));
        assertEquals(d, d.toBuilder().build());
        assertEquals(4, d.toBuilder().put("d", 4).build().size());
    }

    @Test
    public void toStringShowsTextOrHex() {
        assertEquals("\"peers\"", BBytes.ofAscii("peers").toString());
        assertEquals("<7f0000010bb8>", BBytes.wrap(ADDR).toString());
        assertEquals("<" + "00".repeat(32) + "... (100 bytes)>", BBytes.wrap(new byte[100]).toString());
        assertEquals("{\"a\"=1, \"b\"=[\"x\", -2]}",
                Bencode.decode(bytes("d1:ai1e1:bl1:xi-2eee")).toString());
    }

    @Test
    public void textFactoriesAreExplicit() {
        assertThrows(IllegalArgumentException.class, () -> BBytes.ofAscii("\u00e9"));
        assertEquals(2, BBytes.ofUtf8("\u00e9").length());
        assertEquals(BInteger.of(5), BInteger.of(5));
        assertTrue(BInteger.of(5) == BInteger.of(5));
        assertEquals(new BInteger(1L << 40), BInteger.of(1L << 40));
    }
}
