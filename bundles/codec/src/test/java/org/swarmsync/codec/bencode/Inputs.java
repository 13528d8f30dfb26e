package org.swarmsync.codec.bencode;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;

/** Test helpers: inputs written as Latin-1 strings (one char per byte) and rejection checks. */
final class Inputs {

    private Inputs() {
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Asserts that strict decoding of {@code input} fails at {@code offset} with {@code problem}. */
    static BencodeException assertRejected(String input, long offset, String problem) {
        return assertRejected(BencodeDecoder.strict(), input, offset, problem);
    }

    static BencodeException assertRejected(BencodeDecoder decoder, String input, long offset, String problem) {
        BencodeException e = assertThrows(BencodeException.class, () -> decoder.decode(bytes(input)));
        assertEquals("offset for " + input, offset, e.offset());
        assertEquals("problem for " + input, problem, e.problem());
        assertEquals("at offset " + offset + ": " + problem, e.getMessage());
        return e;
    }
}
