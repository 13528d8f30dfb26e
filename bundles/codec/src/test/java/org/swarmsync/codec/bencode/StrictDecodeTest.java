package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.swarmsync.codec.bencode.Inputs.assertRejected;
import static org.swarmsync.codec.bencode.Inputs.bytes;

import org.junit.Test;

/** Strict decoding: what is accepted, and every rejection of PROTOCOLS.md §5 with its offset. */
public class StrictDecodeTest {

    private static BValue decode(String input) {
        return Bencode.decode(bytes(input));
    }

    @Test
    public void decodesEachKindOfValue() {
        assertEquals(BBytes.ofAscii("spam"), decode("4:spam"));
        assertEquals(BBytes.EMPTY, decode("0:"));
        assertEquals(BInteger.of(42), decode("i42e"));
        assertEquals(BInteger.of(0), decode("i0e"));
        assertEquals(BInteger.of(-7), decode("i-7e"));
        assertEquals(BList.of(BBytes.ofAscii("spam"), BInteger.of(1)), decode("l4:spami1ee"));
        assertSame(BList.EMPTY, decode("le"));
        assertSame(BDict.EMPTY, decode("de"));
        BDict d = decode("d3:cow3:moo4:spaml1:a1:bee").asDict();
        assertEquals("moo", d.utf8("cow"));
        assertEquals(2, d.list("spam").size());
    }

    @Test
    public void decodesTheWholeSixtyFourBitRange() {
        assertEquals(Long.MAX_VALUE, decode("i9223372036854775807e").asLong());
        assertEquals(Long.MIN_VALUE, decode("i-9223372036854775808e").asLong());
        assertEquals(999_999_999_999_999_999L, decode("i999999999999999999e").asLong());
        assertEquals(-1_000_000_000_000_000_000L, decode("i-1000000000000000000e").asLong());
    }

    @Test
    public void rejectsIntegersBeyondSixtyFourBits() {
        assertRejected("i9223372036854775808e", 0, "integer does not fit in 64 bits");
        assertRejected("i-9223372036854775809e", 0, "integer does not fit in 64 bits");
        assertRejected("i10000000000000000000e", 0, "integer does not fit in 64 bits");
        // A long digit run is cut off at the 20th digit, never parsed whole.
        assertRejected("i" + "9".repeat(5000) + "e", 0, "integer does not fit in 64 bits");
    }

    @Test
    public void rejectsMalformedIntegers() {
        assertRejected("i03e", 1, "leading zero in integer");
        assertRejected("i00e", 1, "leading zero in integer");
        assertRejected("i-03e", 2, "leading zero in integer");
        assertRejected("i-0e", 0, "negative zero is not a valid integer");
        assertRejected("ie", 1, "empty integer");
        assertRejected("i-e", 2, "integer has no digits after '-'");
        assertRejected("i+5e", 1, "unexpected '+' in integer");
        assertRejected("i 5e", 1, "unexpected byte 0x20 in integer");
        assertRejected("i5 e", 2, "unexpected byte 0x20 in integer");
        assertRejected("i--5e", 2, "unexpected '-' in integer");
        assertRejected("i5.0e", 2, "unexpected '.' in integer");
        assertRejected("i0x10e", 2, "unexpected 'x' in integer");
    }

    @Test
    public void rejectsMalformedStringLengths() {
        assertRejected("03:abc", 0, "leading zero in string length");
        assertRejected("00:", 0, "leading zero in string length");
        assertRejected("-1:a", 0, "unexpected '-'");
        assertRejected("+1:a", 0, "unexpected '+'");
        assertRejected(" 1:a", 0, "unexpected byte 0x20");
        assertRejected("1 :a", 1, "expected ':' after string length, found byte 0x20");
        assertRejected("1x", 1, "expected ':' after string length, found 'x'");
        assertRejected("5:abc", 0, "string length 5 exceeds the 3 bytes remaining");
        assertRejected("12", 2, "unexpected end of input in string length");
    }

    @Test
    public void rejectsEmptyTruncatedAndTrailingInput() {
        assertRejected("", 0, "empty input");
        assertRejected("i42", 3, "unexpected end of input in integer");
        assertRejected("i", 1, "unexpected end of input in integer");
        assertRejected("i-", 2, "unexpected end of input in integer");
        assertRejected("l", 1, "unexpected end of input inside the list opened at offset 0");
        assertRejected("li1e", 4, "unexpected end of input inside the list opened at offset 0");
        assertRejected("d1:ad", 5, "unexpected end of input inside the dictionary opened at offset 4");
        assertRejected("d1:a1:b", 7, "unexpected end of input inside the dictionary opened at offset 0");
        assertRejected("i1ei2e", 3, "trailing bytes after the value (3 bytes)");
        assertRejected("lee", 2, "trailing bytes after the value (1 bytes)");
        assertRejected("4:spam\n", 6, "trailing bytes after the value (1 bytes)");
        assertRejected("de\0", 2, "trailing bytes after the value (1 bytes)");
    }

    @Test
    public void rejectsStrayBytes() {
        assertRejected("e", 0, "unexpected 'e' with no list or dictionary open");
        assertRejected("x", 0, "unexpected 'x'");
        assertRejected("l i1ee", 1, "unexpected byte 0x20");
        assertRejected("l\u00ffe", 1, "unexpected byte 0xff");
        assertRejected("\ti1e", 0, "unexpected byte 0x09");
    }

    @Test
    public void rejectsDictionaryKeysThatAreNotByteStrings() {
        assertRejected("di1e1:ae", 1, "dictionary key must be a byte string, found an integer");
        assertRejected("dle1:ae", 1, "dictionary key must be a byte string, found a list");
        assertRejected("dde1:ae", 1, "dictionary key must be a byte string, found a dictionary");
        assertRejected("d1:a1:bxe", 7, "dictionary key must be a byte string, found 'x'");
    }

    @Test
    public void rejectsAKeyWithoutValue() {
        assertRejected("d1:ae", 4, "dictionary key has no value");
        assertRejected("d1:a1:b1:ce", 10, "dictionary key has no value");
    }

    @Test
    public void rejectsUnsortedAndDuplicateKeys() {
        assertRejected("d1:b0:1:a0:e", 6, "dictionary key \"a\" is not sorted after \"b\"");
        assertRejected("d1:a0:1:a0:e", 6, "duplicate dictionary key \"a\"");
        assertRejected("d2:ab0:1:a0:e", 7, "dictionary key \"a\" is not sorted after \"ab\"");
        // Nested dictionaries are checked too, each against its own keys.
        assertRejected("d1:ad1:z0:1:y0:ee", 10, "dictionary key \"y\" is not sorted after \"z\"");
    }

    @Test
    public void errorOffsetsCountFromTheGivenOffset() {
        byte[] datagram = bytes("BSYNC\0d1:mi1e1:mi2ee");
        BencodeException e = org.junit.Assert.assertThrows(BencodeException.class,
                () -> Bencode.decode(datagram, 6, datagram.length - 6));
        assertEquals(7, e.offset());
        assertEquals("at offset 7: duplicate dictionary key \"m\"", e.getMessage());
    }

    @Test
    public void decodesAfterAPrefix() {
        byte[] datagram = bytes("BSYNC\0d1:m4:ping4:porti3838ee");
        BDict ping = Bencode.decode(datagram, 6, datagram.length - 6).asDict();
        assertEquals(3838, ping.integer("port"));
        assertEquals("ping", ping.ascii("m"));
    }
}
