package org.swarmsync.secrets.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.swarmsync.api.secrets.ShareHash;

/**
 * The BitTorrent Sync 1.0–1.3 chain (PROTOCOLS.md §1.2): read-write key → read-only key →
 * share hash, each step one SHA-256.
 */
final class KeyDerivation {

    /** Bytes in a read-write or read-only key: 20, which base32 spells in 32 letters. */
    static final int KEY_LENGTH = 20;

    private KeyDerivation() {
    }

    /**
     * {@code ro = "R" + first 32 letters of base32(SHA-256(rw))}; 32 letters are 160 bits,
     * so the key behind them is the digest's first 20 bytes.
     *
     * @param readWriteKey the 20 bytes of a read-write secret
     * @return the 20 bytes of its read-only secret
     */
    static byte[] readOnlyKey(byte[] readWriteKey) {
        return Arrays.copyOf(sha256(readWriteKey), KEY_LENGTH);
    }

    /**
     * {@code shareHash = SHA-256(base32decode(ro without the R))}.
     *
     * @param readOnlyKey the 20 bytes of a read-only secret
     * @return the folder's share hash
     */
    static ShareHash shareHash(byte[] readOnlyKey) {
        return ShareHash.of(sha256(readOnlyKey));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest javadoc).
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
