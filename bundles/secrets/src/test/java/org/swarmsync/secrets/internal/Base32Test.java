package org.swarmsync.secrets.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class Base32Test {

    /** RFC 4648 §10, padding removed since secrets carry none. */
    private static final String[][] RFC_4648_VECTORS = {
        {"", ""},
        {"f", "MY======"},
        {"fo", "MZXQ===="},
        {"foo", "MZXW6==="},
        {"foob", "MZXW6YQ="},
        {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI======"},
    };

    @Test
    public void encodesRfc4648Vectors() {
        for (String[] vector : RFC_4648_VECTORS) {
            assertEquals(vector[0], unpadded(vector[1]), Base32.encode(vector[0].getBytes(US_ASCII)));
        }
    }

    @Test
    public void decodesRfc4648Vectors() {
        for (String[] vector : RFC_4648_VECTORS) {
            assertArrayEquals(vector[0], vector[0].getBytes(US_ASCII), Base32.decode(unpadded(vector[1])));
        }
    }

    @Test
    public void eachLetterCarriesItsFiveBitValue() {
        // Five bytes = eight letters; a value v in the top five bits shows as letter v.
        for (int value = 0; value < 32; value++) {
            byte[] bytes = {(byte) (value << 3), 0, 0, 0, 0};
            String text = Base32.encode(bytes);
            assertEquals(Base32.ALPHABET.charAt(value) + "AAAAAAA", text);
            assertArrayEquals(bytes, Base32.decode(text));
        }
    }

    @Test
    public void roundTripsRandomBytesOfEveryLengthUpTo64() {
        Random random = new Random(4648);
        for (int length = 0; length <= 64; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base32.encode(bytes);
            assertEquals((length * 8 + 4) / 5, text.length());
            assertArrayEquals(bytes, Base32.decode(text));
        }
    }

    @Test
    public void twentyBytesAreExactly32LettersWithNoSpareBits() {
        // 160 bits fill 32 letters exactly, so every last letter is a different key.
        String prefix = "A".repeat(31);
        Set<String> decoded = new HashSet<>();
        for (char last : Base32.ALPHABET.toCharArray()) {
            byte[] bytes = Base32.decode(prefix + last);
            assertEquals(20, bytes.length);
            assertEquals(prefix + last, Base32.encode(bytes));
            decoded.add(new String(bytes, ISO_8859_1));
        }
        assertEquals(32, decoded.size());
    }

    @Test
    public void rejectsNonZeroTrailingBits() {
        // "MY" is 'f' with two zero bits left; "MZ" sets one of them.
        assertArrayEquals("f".getBytes(US_ASCII), Base32.decode("MY"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZ"));
        assertEquals("non-zero trailing bits: not canonical base32", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXR"));
    }

    @Test
    public void rejectsLengthsNoByteStringEncodesTo() {
        for (int length : new int[] {1, 3, 6, 9, 11, 14, 33}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Base32.decode("A".repeat(length)));
            assertEquals("no byte string encodes to " + length + " base32 letters", e.getMessage());
        }
    }

    @Test
    public void rejectsCharactersOutsideTheAlphabetByPositionOnly() {
        for (char bad : "abcz0189=-+/ \u00c4".toCharArray()) {
            String text = "MZXW6Y" + bad + "B";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode(text));
            assertEquals("character 7 is not a base32 letter (A-Z, 2-7)", e.getMessage());
        }
    }

    @Test
    public void rejectsPadding() {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXW6YQ="));
    }

    @Test
    public void isLetterAcceptsExactlyTheAlphabet() {
        int letters = 0;
        for (int c = -1; c < 0x3000; c++) {
            if (Base32.isLetter(c)) {
                letters++;
                assertTrue(Base32.ALPHABET.indexOf(c) >= 0);
            }
        }
        assertEquals(32, letters);
        assertFalse(Base32.isLetter(0x1F600));
    }

    private static String unpadded(String text) {
        return text.replace("=", "");
    }
}
