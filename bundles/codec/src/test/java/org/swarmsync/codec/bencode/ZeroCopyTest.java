package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.swarmsync.codec.bencode.Inputs.bytes;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.Test;

/** Decoding arrays and buffers without copying: byte strings are views until a copy is asked for. */
public class ZeroCopyTest {

    private static final String INPUT = "d4:peer6:abcdef4:porti80ee";

    @Test
    public void byteStringsViewTheInputArray() {
        byte[] input = bytes(INPUT);
        BBytes peer = Bencode.decode(input).asDict().bytes("peer");
        byte[] copy = peer.toByteArray();
        input[9] = 'X'; // the 'a' of "abcdef": the view sees it, the copy does not
        assertEquals("Xbcdef", peer.ascii());
        assertEquals("abcdef", new String(copy, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    public void decodesARangeOfAnArray() {
        byte[] input = bytes("junk" + INPUT + "junk");
        BDict d = Bencode.decode(input, 4, INPUT.length()).asDict();
        assertEquals(80, d.integer("port"));
        assertEquals("abcdef", d.ascii("peer"));
        assertThrows(IndexOutOfBoundsException.class, () -> Bencode.decode(input, 4, input.length));
    }

    @Test
    public void decodesHeapBufferFromItsPositionWithoutMovingIt() {
        byte[] backing = bytes("xx" + INPUT + "yy");
        ByteBuffer buf = ByteBuffer.wrap(backing, 1, INPUT.length() + 2).slice(); // arrayOffset 1
        buf.position(1).limit(1 + INPUT.length());
        BDict d = Bencode.decode(buf).asDict();
        assertEquals(1, buf.position());
        assertEquals("abcdef", d.ascii("peer"));
        backing[11] = 'Q'; // shared, not copied
        assertEquals("Qbcdef", d.ascii("peer"));
    }

    @Test
    public void decodesDirectBuffersWithoutCopying() {
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.put(bytes("##" + INPUT)).flip().position(2);
        BDict d = Bencode.decode(direct).asDict();
        assertEquals(80, d.integer("port"));
        direct.put(11, (byte) 'Z');
        // The view ignores later changes of the caller's position and limit.
        direct.clear().limit(3);
        BBytes peer = d.bytes("peer");
        assertEquals("Zbcdef", peer.ascii());
        assertEquals(BBytes.ofAscii("Zbcdef"), peer);
        assertEquals(BBytes.ofAscii("Zbcdef").hashCode(), peer.hashCode());
        assertTrue(peer.equalsUtf8("Zbcdef"));
        assertArrayEquals(bytes("Zbcdef"), peer.toByteArray());
        assertEquals('b', peer.asReadOnlyBuffer().get(1));
        assertTrue(BBytes.ofAscii("Zbcdef").compareTo(peer) == 0 && peer.compareTo(BBytes.ofAscii("Zz")) < 0);
    }

    @Test
    public void decodesReadOnlyBuffers() {
        ByteBuffer ro = ByteBuffer.wrap(bytes(INPUT)).asReadOnlyBuffer();
        assertFalse(ro.hasArray());
        BDict d = Bencode.decode(ro).asDict();
        assertEquals("abcdef", d.ascii("peer"));
        assertEquals(d, Bencode.decode(bytes(INPUT)));
    }

    @Test
    public void directBufferErrorsCountFromThePosition() {
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put(bytes("BSYNC\0i03e")).flip().position(6);
        BencodeException e = assertThrows(BencodeException.class, () -> Bencode.decode(direct));
        assertEquals(1, e.offset());
        assertEquals("leading zero in integer", e.problem());
    }

    @Test
    public void readOnlyViewCannotChangeTheInput() {
        BBytes b = Bencode.decode(bytes("3:abc")).asBytes();
        ByteBuffer view = b.asReadOnlyBuffer();
        assertEquals(3, view.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 1));
    }

    @Test
    public void copyDetachesAViewFromItsInput() {
        byte[] input = bytes(INPUT);
        BBytes view = Bencode.decode(input).asDict().bytes("peer");
        BBytes kept = view.copy();
        input[9] = 'X';
        assertEquals("Xbcdef", view.ascii());
        assertEquals("abcdef", kept.ascii());
        assertEquals(BBytes.ofAscii("abcdef"), kept);
    }

    @Test
    public void wrapSharesAndOfCopies() {
        byte[] raw = {1, 2, 3};
        BBytes wrapped = BBytes.wrap(raw);
        BBytes copied = BBytes.of(raw);
        raw[0] = 9;
        assertEquals(9, wrapped.byteAt(0));
        assertEquals(1, copied.byteAt(0));
    }
}
