package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.codec.bencode.Inputs.bytes;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.Test;

/** Reading exactly one value per call from a stream, with the same rules and limits. */
public class StreamReadTest {

    /** Counts what was read; after its prefix it ends, or repeats a filler forever. */
    private static final class CountingStream extends InputStream {
        private final byte[] prefix;
        private final byte[] filler;
        long consumed;

        CountingStream(String prefix, boolean endless) {
            this(prefix, endless ? "7" : "");
        }

        CountingStream(String prefix, String filler) {
            this.prefix = bytes(prefix);
            this.filler = bytes(filler);
        }

        @Override
        public int read() {
            if (consumed < prefix.length) {
                return prefix[(int) consumed++] & 0xff;
            }
            if (filler.length == 0) {
                return -1;
            }
            return filler[(int) ((consumed++ - prefix.length) % filler.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int c = read();
                if (c < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) c;
                if (n == 1000) {
                    break; // a network read returns a little at a time
                }
            }
            return n;
        }
    }

    @Test
    public void readsConsecutiveValuesLeavingTheStreamRightAfterEach() throws IOException {
        String frames = "d1:m4:ping4:porti3838ee" + "i-12e" + "4:spam" + "le" + "l3:abcdee" + "TAIL";
        InputStream in = new ByteArrayInputStream(bytes(frames));
        assertEquals(3838, Bencode.read(in).asDict().integer("port"));
        assertEquals(-12, Bencode.read(in).asLong());
        assertEquals("spam", Bencode.read(in).asBytes().ascii());
        assertEquals(BList.EMPTY, Bencode.read(in));
        assertEquals(BList.of(BBytes.ofAscii("abc"), BDict.EMPTY), Bencode.read(in));
        assertArrayEquals(bytes("TAIL"), in.readAllBytes());
    }

    @Test
    public void readsLengthPrefixedStyleFramesWithSmallReads() throws IOException {
        BDict big = BDict.builder().put("blob", new byte[50_000]).put("n", 1).build();
        byte[] one = big.encode();
        CountingStream in = new CountingStream(Inputs.text(one) + Inputs.text(one), false);
        assertEquals(big, Bencode.read(in));
        assertEquals(one.length, in.consumed);
        assertEquals(big, Bencode.read(in));
        assertThrows(EOFException.class, () -> Bencode.read(in));
    }

    @Test
    public void cleanEndOfStreamIsEofException() {
        assertThrows(EOFException.class, () -> Bencode.read(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    public void truncatedValueIsABencodeErrorAtItsOffset() {
        BencodeException e = assertThrows(BencodeException.class,
                () -> Bencode.read(new ByteArrayInputStream(bytes("d1:ai1e"))));
        assertEquals(7, e.offset());
        assertEquals("unexpected end of input inside the dictionary opened at offset 0", e.problem());
        e = assertThrows(BencodeException.class, () -> Bencode.read(new ByteArrayInputStream(bytes("10:abc"))));
        assertEquals(0, e.offset());
        assertEquals("string length 10 exceeds the 3 bytes remaining", e.problem());
        e = assertThrows(BencodeException.class, () -> Bencode.read(new ByteArrayInputStream(bytes("i12"))));
        assertEquals("at offset 3: unexpected end of input in integer", e.getMessage());
    }

    @Test
    public void malformedValuesFailWithTheArrayDecodersMessages() {
        String[] bad = {"i03e", "i-0e", "ie", "i+1e", "03:abc", "d1:b0:1:a0:e", "d1:a0:1:a0:e", "di1e0:e",
            "d1:ae", "x", "e", "1x", "i" + "1".repeat(30) + "e", "1234567890123456789012:", "l i1ee"};
        for (String input : bad) {
            BencodeException fromArray = assertThrows(BencodeException.class, () -> Bencode.decode(bytes(input)));
            BencodeException fromStream = assertThrows(input, BencodeException.class,
                    () -> Bencode.read(new ByteArrayInputStream(bytes(input))));
            assertEquals(input, fromArray.getMessage(), fromStream.getMessage());
        }
    }

    @Test
    public void hugeClaimedStringReadsNothingBeyondTheLimit() {
        CountingStream in = new CountingStream("99999999999:", true);
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxStringLength(1 << 20));
        BencodeException e = assertThrows(BencodeException.class, () -> decoder.read(in));
        assertEquals("at offset 0: string length 99999999999 exceeds the limit of 1048576 bytes", e.getMessage());
        assertEquals(12, in.consumed);
    }

    @Test
    public void streamThatStallsAfterAClaimCostsOnlyWhatItSent() {
        // Within the default limits the claim is allowed, but the stream ends after 3 bytes:
        // the buffer grew with the data (chunked reads), not to the claimed 500 MB.
        CountingStream in = new CountingStream("500000000:abc", false);
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.read(in));
        assertEquals("at offset 0: string length 500000000 exceeds the 3 bytes remaining", e.getMessage());
        assertEquals(13, in.consumed);
    }

    @Test
    public void inputLimitStopsAnEndlessStream() {
        CountingStream in = new CountingStream("l", "0:"); // "l0:0:0:..." never ends
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxInputBytes(4096));
        BencodeException e = assertThrows(BencodeException.class, () -> decoder.read(in));
        assertEquals(4096, e.offset());
        assertEquals("input exceeds the limit of 4096 bytes", e.problem());
        assertTrue(in.consumed <= 4097);
    }

    @Test
    public void inputLimitAppliesToAClaimedStringBeforeReadingIt() {
        CountingStream in = new CountingStream("l5000:", true);
        BencodeDecoder decoder = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxInputBytes(4096));
        BencodeException e = assertThrows(BencodeException.class, () -> decoder.read(in));
        assertEquals("at offset 4096: input exceeds the limit of 4096 bytes", e.getMessage());
        assertEquals(6, in.consumed);
    }

    @Test
    public void depthAndCountLimitsApplyWhileReading() {
        CountingStream deep = new CountingStream("l".repeat(100_000), false);
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.read(deep));
        assertEquals("at offset 100: nesting depth exceeds the limit of 100", e.getMessage());
        assertEquals(101, deep.consumed);

        BencodeDecoder few = BencodeDecoder.strict(DecodeLimits.DEFAULT.withMaxValues(3));
        CountingStream many = new CountingStream("li1ei2ei3ei4ee", false);
        e = assertThrows(BencodeException.class, () -> few.read(many));
        assertEquals("at offset 7: more than 3 values", e.getMessage());
    }

    @Test
    public void valuesReadFromAStreamOwnTheirBytes() throws IOException {
        byte[] input = bytes("3:abc");
        BBytes b = Bencode.read(new ByteArrayInputStream(input)).asBytes();
        input[2] = 'X';
        assertEquals("abc", b.ascii());
    }
}
