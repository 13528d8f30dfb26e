package org.swarmsync.secrets.internal;

import java.util.Arrays;

/**
 * RFC 4648 §6 base32 in the one spelling secrets use: upper-case {@code A-Z} and
 * {@code 2-7}, no padding. The JDK has none, and a library for forty lines is not worth a
 * dependency.
 *
 * <p>Decoding is strict so that one byte string has exactly one text: no lower case, no
 * {@code =}, no impossible lengths, and unused trailing bits must be zero. Error messages
 * name a position, never a character, because the text being decoded is usually a secret.
 */
final class Base32 {

    /** The 32 letters, index = 5-bit value. */
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** The wording every "bad character" message shares. */
    static final String NOT_A_LETTER = "is not a base32 letter (A-Z, 2-7)";

    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base32() {
    }

    /**
     * @param codePoint any code point
     * @return whether it is one of the 32 letters
     */
    static boolean isLetter(int codePoint) {
        return codePoint >= 0 && codePoint < VALUES.length && VALUES[codePoint] >= 0;
    }

    /**
     * @param data bytes to encode
     * @return {@code ceil(8 * length / 5)} letters, unpadded
     */
    static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET.charAt((buffer >>> bits) & 31));
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /**
     * @param text unpadded upper-case base32
     * @return the decoded bytes, {@code floor(5 * length / 8)} of them
     * @throws IllegalArgumentException if the text is not the canonical encoding of any
     *         byte string; the message does not contain the text
     */
    static byte[] decode(CharSequence text) {
        int length = text.length();
        int rest = length % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            // 5, 15 or 30 bits left over: a whole letter that carries no byte.
            throw new IllegalArgumentException(
                    "no byte string encodes to " + length + " base32 letters");
        }
        byte[] out = new byte[length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int next = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!isLetter(c)) {
                throw new IllegalArgumentException("character " + (i + 1) + " " + NOT_A_LETTER);
            }
            buffer = (buffer << 5) | VALUES[c];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[next++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        if (buffer != 0) {
            // Another text with these bits cleared decodes to the same bytes.
            throw new IllegalArgumentException("non-zero trailing bits: not canonical base32");
        }
        return out;
    }
}
