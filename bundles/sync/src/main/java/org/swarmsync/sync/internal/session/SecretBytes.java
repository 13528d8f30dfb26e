package org.swarmsync.sync.internal.session;

import java.util.Optional;

import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;

/**
 * The raw 20 key bytes behind a secret's text: base32 of a read-write secret (32 letters), or
 * of a read-only secret after its {@code R}. The api's {@link Secret} has no accessor for them
 * yet; when the secrets bundle grows one, this class goes. Messages never quote the text.
 */
final class SecretBytes {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int LETTERS = 32;
    private static final int BYTES = 20;

    private SecretBytes() {
    }

    /** @return the raw read-only secret, which every holder of the folder has */
    static byte[] readOnly(Secret secret) {
        String text = secret.readOnly().text();
        if (text.length() != LETTERS + 1 || text.charAt(0) != 'R') {
            throw new IllegalArgumentException("unsupported read-only secret form (" + text.length() + " characters)");
        }
        return decode(text, 1);
    }

    /** @return the raw read-write secret, if this is one */
    static Optional<byte[]> readWrite(Secret secret) {
        if (secret.access() != Access.READ_WRITE) {
            return Optional.empty();
        }
        String text = secret.text();
        if (text.length() != LETTERS) {
            throw new IllegalArgumentException("unsupported read-write secret form (" + text.length() + " characters)");
        }
        return Optional.of(decode(text, 0));
    }

    // 32 letters of 5 bits are exactly 160 bits: no padding and no spare bits to check.
    private static byte[] decode(String text, int from) {
        byte[] out = new byte[BYTES];
        long buffer = 0;
        int bits = 0;
        int next = 0;
        for (int i = from; i < from + LETTERS; i++) {
            int value = ALPHABET.indexOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("secret character " + (i + 1) + " is not base32");
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[next++] = (byte) (buffer >>> bits);
            }
        }
        return out;
    }
}
