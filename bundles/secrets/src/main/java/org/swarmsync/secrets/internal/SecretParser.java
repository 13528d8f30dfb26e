package org.swarmsync.secrets.internal;

import java.util.Arrays;
import java.util.Objects;
import org.swarmsync.api.secrets.InvalidSecretException;

/**
 * Turns what a user typed or pasted into a {@link SecretImpl}, or says precisely what is
 * wrong with it. Two forms are accepted: a 1.0–1.3 read-write secret (32 letters) and a
 * read-only secret ({@code R} + 32 letters).
 *
 * <p>Checks run from coarse to fine (empty, length, alphabet, prefix) so that the first
 * message is the most useful one. Messages name lengths and 1-based positions in the
 * trimmed text; they never quote the text, not even one character of it.
 *
 * <p>Lower case is refused rather than folded: a secret then has one spelling, the one
 * BitTorrent Sync and Resilio clients show, and the message says what to fix.
 */
final class SecretParser {

    /** Letters in a read-write secret: 20 bytes of base32. */
    static final int READ_WRITE_LENGTH = 32;

    /** Characters in a read-only secret: the prefix and 32 letters. */
    static final int READ_ONLY_LENGTH = 1 + READ_WRITE_LENGTH;

    /** Shortest custom secret Resilio accepts, and longer than any 1.4+ key but E (65). */
    private static final int CUSTOM_MIN_LENGTH = 40;

    private SecretParser() {
    }

    /**
     * @param input the secret as typed; white space around it is ignored
     * @return the secret
     * @throws InvalidSecretException if it is not a secret we accept
     * @throws NullPointerException if input is null
     */
    static SecretImpl parse(String input) {
        Objects.requireNonNull(input, "secret text");
        String text = strip(input);
        if (text.isEmpty()) {
            throw new InvalidSecretException("secret is empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length != READ_WRITE_LENGTH && length != READ_ONLY_LENGTH) {
            throw new InvalidSecretException("expected " + READ_WRITE_LENGTH + " or " + READ_ONLY_LENGTH
                    + " characters, got " + length
                    + (length >= CUSTOM_MIN_LENGTH ? "; 1.4+ keys and custom secrets are not supported yet" : ""));
        }
        checkAlphabet(text);
        // From here on every character is one of 32 ASCII letters, one char each.
        if (length == READ_ONLY_LENGTH && text.charAt(0) != SecretImpl.READ_ONLY_PREFIX) {
            throw new InvalidSecretException("unknown secret type: a " + READ_ONLY_LENGTH
                    + "-character secret must start with R (read-only); the 1.4+ key types A-F"
                    + " are not supported yet, as their derivations are not public");
        }
        byte[] key = decode(length == READ_WRITE_LENGTH ? text : text.substring(1));
        try {
            return length == READ_WRITE_LENGTH ? SecretImpl.readWrite(key) : SecretImpl.readOnly(key);
        } finally {
            Arrays.fill(key, (byte) 0); // the secret holds its own copy
        }
    }

    private static void checkAlphabet(String text) {
        int position = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            position++;
            if (c >= 'a' && c <= 'z') {
                throw new InvalidSecretException("character " + position
                        + " is lower case; secrets are written in upper case (A-Z, 2-7)");
            }
            if (!Base32.isLetter(c)) {
                throw new InvalidSecretException("character " + position + " " + Base32.NOT_A_LETTER);
            }
        }
    }

    private static byte[] decode(String letters) {
        try {
            return Base32.decode(letters);
        } catch (IllegalArgumentException e) {
            // Unreachable for 32 letters (160 bits, no spare bits), kept so that a future
            // length cannot slip a non-canonical secret through. Its message has no text.
            throw new InvalidSecretException("secret is not canonical base32: " + e.getMessage());
        }
    }

    /**
     * Like {@link String#strip()}, and also drops the invisible characters that copying from
     * web pages and documents brings along: no-break spaces, zero-width space, byte-order mark.
     */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }
}
