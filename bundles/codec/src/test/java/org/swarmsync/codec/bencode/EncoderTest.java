package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.swarmsync.codec.bencode.Inputs.bytes;
import static org.swarmsync.codec.bencode.Inputs.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.Test;

/** Canonical encoding to arrays, streams and buffers. */
public class EncoderTest {

    private static final BDict SAMPLE = BDict.builder()
            .putUtf8("m", "ping")
            .put("peer", new byte[20])
            .put("port", 3838)
            .put("share", BBytes.wrap(new byte[20]))
            .build();

    @Test
    public void encodesIntegersMinimally() {
        assertEquals("i0e", text(BInteger.of(0).encode()));
        assertEquals("i-1e", text(BInteger.of(-1).encode()));
        assertEquals("i420e", text(BInteger.of(420).encode()));
        assertEquals("i9223372036854775807e", text(BInteger.of(Long.MAX_VALUE).encode()));
        assertEquals("i-9223372036854775808e", text(BInteger.of(Long.MIN_VALUE).encode()));
        assertEquals("i1000000000e", text(BInteger.of(1_000_000_000).encode()));
        assertEquals("i-10e", text(BInteger.of(-10).encode()));
    }

    @Test
    public void encodesStringsListsAndDicts() {
        assertEquals("0:", text(BBytes.EMPTY.encode()));
        assertEquals("4:spam", text(BBytes.ofAscii("spam").encode()));
        assertEquals("2:\u00c3\u00a9", text(BBytes.ofUtf8("\u00e9").encode()));
        assertEquals("le", text(BList.EMPTY.encode()));
        assertEquals("de", text(BDict.EMPTY.encode()));
        assertEquals("l4:spami-3eldeee", text(BList.builder().addUtf8("spam").add(-3).add(BList.of(BDict.EMPTY)).build().encode()));
        assertEquals("d1:m4:ping4:peer20:" + "\0".repeat(20) + "4:porti3838e5:share20:" + "\0".repeat(20) + "e",
                text(SAMPLE.encode()));
    }

    @Test
    public void encodedLengthIsExact() {
        BValue[] values = {BBytes.EMPTY, BInteger.of(Long.MIN_VALUE), BInteger.of(9), BInteger.of(10), SAMPLE,
            BList.of(SAMPLE, SAMPLE, BBytes.wrap(new byte[12345]))};
        for (BValue v : values) {
            assertEquals(v.toString(), v.encode().length, Bencode.encodedLength(v));
        }
    }

    @Test
    public void encodesToAStreamInChunks() throws IOException {
        // Larger than the encoder's 8 KiB chunk, with a string larger than a chunk in the middle.
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        BList value = BList.of(SAMPLE, BBytes.wrap(big), BInteger.of(5), SAMPLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bencode.encode(value, out);
        assertArrayEquals(value.encode(), out.toByteArray());
        assertEquals(value, Bencode.decode(out.toByteArray()));
    }

    @Test
    public void streamErrorsSurfaceAsIOException() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        IOException e = assertThrows(IOException.class, () -> Bencode.encode(SAMPLE, broken));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    public void encodesIntoHeapAndDirectBuffersAtTheirPosition() {
        byte[] expected = SAMPLE.encode();
        for (ByteBuffer buf : new ByteBuffer[] {ByteBuffer.allocate(200), ByteBuffer.allocateDirect(200),
            ByteBuffer.wrap(new byte[300], 50, 200).slice()}) {
            buf.put((byte) 'X');
            Bencode.encode(SAMPLE, buf);
            assertEquals(1 + expected.length, buf.position());
            buf.flip();
            assertEquals('X', buf.get());
            byte[] written = new byte[buf.remaining()];
            buf.get(written);
            assertArrayEquals(expected, written);
        }
    }

    @Test
    public void encodesLargeValuesIntoDirectBuffers() {
        BList value = BList.of(BBytes.wrap(new byte[20_000]), SAMPLE);
        ByteBuffer buf = ByteBuffer.allocateDirect(30_000);
        Bencode.encode(value, buf);
        buf.flip();
        assertEquals(value, Bencode.decode(buf));
    }

    @Test
    public void bufferTooSmallWritesNothing() {
        ByteBuffer small = ByteBuffer.allocate(10);
        small.put((byte) 1);
        assertThrows(BufferOverflowException.class, () -> Bencode.encode(SAMPLE, small));
        assertEquals(1, small.position());
        assertEquals(0, small.get(1));
    }

    @Test
    public void reEncodingStrictInputGivesTheSameBytes() {
        String[] inputs = {"i-5e", "d1:ad1:bi1e1:cl0:4:spamee2:zzdee", "l" + "\0".repeat(0) + "e",
            "d5:peersld1:a6:\0\1\2\3\4\5e" + "ee"};
        for (String in : inputs) {
            assertEquals(in, text(Bencode.decode(bytes(in)).encode()));
        }
    }
}
