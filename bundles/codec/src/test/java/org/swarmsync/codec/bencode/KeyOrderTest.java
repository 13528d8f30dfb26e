package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.codec.bencode.Inputs.assertRejected;
import static org.swarmsync.codec.bencode.Inputs.bytes;
import static org.swarmsync.codec.bencode.Inputs.text;

import org.junit.Test;

/** Dictionary keys: unsigned byte order, shorter prefix first, no duplicates; and the lenient mode. */
public class KeyOrderTest {

    @Test
    public void comparesBytesAsUnsigned() {
        BBytes low = BBytes.wrap(new byte[] {0x7f});
        BBytes high = BBytes.wrap(new byte[] {(byte) 0x80});
        assertTrue(low.compareTo(high) < 0);
        assertTrue(high.compareTo(low) > 0);
        assertTrue(BBytes.ofAscii("a").compareTo(BBytes.ofAscii("ab")) < 0);
        assertTrue(BBytes.EMPTY.compareTo(BBytes.ofAscii("a")) < 0);
        assertEquals(0, BBytes.ofAscii("ab").compareTo(BBytes.wrap(bytes("xaby"), 1, 2)));
    }

    @Test
    public void acceptsBinaryKeysInUnsignedOrder() {
        BDict d = Bencode.decode(bytes("d1:\u007fi1e1:\u0080i2e1:\u00ffi3ee")).asDict();
        assertEquals(3, d.size());
        assertEquals(0x7f, d.keyAt(0).byteAt(0));
        assertEquals((byte) 0xff, d.keyAt(2).byteAt(0));
        assertEquals(2, d.find(BBytes.wrap(new byte[] {(byte) 0x80})).orElseThrow().asLong());
    }

    @Test
    public void rejectsSignedOrder() {
        // Signed comparison would put 0x80 before 0x7f; bencode does not.
        assertRejected("d1:\u0080i2e1:\u007fi1ee", 7, "dictionary key <7f> is not sorted after <80>");
    }

    @Test
    public void acceptsShorterPrefixFirstOnly() {
        assertEquals(2, Bencode.decode(bytes("d1:ai1e2:abi2ee")).asDict().size());
        assertRejected("d2:abi2e1:ai1ee", 8, "dictionary key \"a\" is not sorted after \"ab\"");
        assertEquals(2, Bencode.decode(bytes("d0:i0e1:\0i1ee")).asDict().size());
    }

    @Test
    public void encoderSortsKeysUnsignedWhateverTheInsertionOrder() {
        BDict d = BDict.builder()
                .put(BBytes.wrap(new byte[] {(byte) 0xff}), BInteger.of(3))
                .put("ab", 2)
                .put(BBytes.wrap(new byte[] {(byte) 0x80}), BInteger.of(4))
                .put("a", 1)
                .put("", 0)
                .build();
        assertEquals("d0:i0e1:ai1e2:abi2e1:\u0080i4e1:\u00ffi3ee", text(d.encode()));
    }

    @Test
    public void builderRejectsDuplicates() {
        BDict.Builder b = BDict.builder().put("peer", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.put("peer", 2));
        assertEquals("duplicate key \"peer\"", e.getMessage());
        assertEquals(2, b.remove("peer").put("peer", 2).build().integer("peer"));
    }

    @Test
    public void lenientDecoderSortsUnsortedKeys() {
        BencodeDecoder lenient = BencodeDecoder.strict().allowingUnsortedKeys();
        assertTrue(lenient.allowsUnsortedKeys());
        BDict d = lenient.decode(bytes("d1:ci3e1:ai1e1:bi2ee")).asDict();
        assertEquals("a", d.keyAt(0).ascii());
        assertEquals("c", d.keyAt(2).ascii());
        assertEquals(3, d.integer("c"));
        assertArrayEquals(bytes("d1:ai1e1:bi2e1:ci3ee"), d.encode());
    }

    @Test
    public void lenientDecoderStillRejectsDuplicates() {
        BencodeDecoder lenient = BencodeDecoder.strict().allowingUnsortedKeys();
        assertRejected(lenient, "d1:ai1e1:ai2ee", 7, "duplicate dictionary key \"a\"");
        // Not adjacent: found when the dictionary is sorted, reported at the dictionary.
        assertRejected(lenient, "ld1:bi1e1:ai2e1:bi3eee", 1, "duplicate dictionary key \"b\" in the dictionary");
    }

    @Test
    public void lenientDecoderKeepsEveryOtherRule() {
        BencodeDecoder lenient = BencodeDecoder.strict().allowingUnsortedKeys();
        assertRejected(lenient, "i03e", 1, "leading zero in integer");
        assertRejected(lenient, "i1ei2e", 3, "trailing bytes after the value (3 bytes)");
        assertRejected(lenient, "di1e0:e", 1, "dictionary key must be a byte string, found an integer");
    }
}
