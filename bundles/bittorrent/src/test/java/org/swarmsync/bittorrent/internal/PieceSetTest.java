package org.swarmsync.bittorrent.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;

import org.junit.Test;

public class PieceSetTest {

    @Test
    public void pieceZeroIsTheHighBitOfTheFirstByte() throws Exception {
        PieceSet set = new PieceSet(10);
        set.readBitfield(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x40}));
        assertTrue(set.has(0));
        assertTrue(set.has(9));
        assertFalse(set.has(1));
        assertEquals(2, set.cardinality());
    }

    @Test
    public void allPiecesEncodeWithZeroSpareBits() {
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xc0}, PieceSet.all(10).toBitfield().array());
    }

    @Test
    public void spareBitSetIsRefused() {
        WireException e = assertThrows(WireException.class,
                () -> new PieceSet(10).readBitfield(ByteBuffer.wrap(new byte[] {0, 0x20})));
        assertEquals("bitfield sets spare bit 10 beyond the last piece", e.getMessage());
    }

    @Test
    public void wrongLengthIsRefused() {
        assertThrows(WireException.class, () -> new PieceSet(10).readBitfield(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    public void haveOutOfRangeIsRefused() {
        WireException e = assertThrows(WireException.class, () -> new PieceSet(10).add(10));
        assertEquals("piece index 10 out of range 0..9", e.getMessage());
    }
}
