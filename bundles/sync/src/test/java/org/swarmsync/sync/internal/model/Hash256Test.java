package org.swarmsync.sync.internal.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.Test;

public class Hash256Test {

    /** SHA-256("abc"), FIPS 180-2 appendix B.1. */
    private static final Hash256 ABC = Hash256.of(
            HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

    @Test
    public void checksOnlyTheRemainingBytesAndLeavesThePosition() {
        ByteBuffer data = ByteBuffer.wrap("xxabcyy".getBytes(StandardCharsets.US_ASCII));
        data.position(2).limit(5);
        assertTrue(ABC.isHashOf(data));
        assertEquals(2, data.position());
        assertEquals(5, data.limit());
        assertTrue("twice in a row, on one thread's digest", ABC.isHashOf(data));
    }

    @Test
    public void otherBytesDoNotMatch() {
        assertFalse(ABC.isHashOf(ByteBuffer.wrap("abd".getBytes(StandardCharsets.US_ASCII))));
        assertFalse(ABC.isHashOf(ByteBuffer.allocate(0)));
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put("abc".getBytes(StandardCharsets.US_ASCII)).flip();
        assertTrue("a direct buffer too", ABC.isHashOf(direct.asReadOnlyBuffer()));
    }
}
