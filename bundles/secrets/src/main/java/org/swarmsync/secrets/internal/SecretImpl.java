package org.swarmsync.secrets.internal;

import java.security.MessageDigest;
import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.ShareHash;

/**
 * A valid secret: its 20 key bytes, its text and everything derived from them, computed
 * once when it is made. The key bytes never leave this class; {@link #toString()} shows
 * only the access and the public share hash.
 */
final class SecretImpl implements Secret {

    /** Prefix letter of a 1.0–1.3 read-only secret. */
    static final char READ_ONLY_PREFIX = 'R';

    /** Hex digits of the share hash that {@link #toString()} shows. */
    private static final int SHOWN_HEX_DIGITS = 8;

    private final Access access;
    private final byte[] key;
    private final String text;
    private final ShareHash shareHash;
    private final SecretImpl readOnly;

    private SecretImpl(Access access, byte[] key, String text, ShareHash shareHash, SecretImpl readOnly) {
        this.access = access;
        this.key = key;
        this.text = text;
        this.shareHash = shareHash;
        this.readOnly = readOnly == null ? this : readOnly;
    }

    /**
     * @param key the 20 bytes of a read-write secret; copied
     * @return the secret with its read-only secret and share hash
     */
    static SecretImpl readWrite(byte[] key) {
        checkLength(key);
        SecretImpl readOnly = readOnly(KeyDerivation.readOnlyKey(key));
        return new SecretImpl(Access.READ_WRITE, key.clone(), Base32.encode(key), readOnly.shareHash, readOnly);
    }

    /**
     * @param key the 20 bytes of a read-only secret; copied
     * @return the secret with its share hash
     */
    static SecretImpl readOnly(byte[] key) {
        checkLength(key);
        return new SecretImpl(Access.READ_ONLY, key.clone(), READ_ONLY_PREFIX + Base32.encode(key),
                KeyDerivation.shareHash(key), null);
    }

    private static void checkLength(byte[] key) {
        if (key.length != KeyDerivation.KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "a key has " + KeyDerivation.KEY_LENGTH + " bytes, got " + key.length);
        }
    }

    @Override
    public Access access() {
        return access;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public Secret readOnly() {
        return readOnly;
    }

    @Override
    public ShareHash shareHash() {
        return shareHash;
    }

    /** Same access and same key; compared in constant time, as befits key material. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretImpl that
                && access == that.access
                && MessageDigest.isEqual(key, that.key);
    }

    /** Built from the public share hash, so that not even a hash code depends on the key alone. */
    @Override
    public int hashCode() {
        return 31 * shareHash.hashCode() + access.hashCode();
    }

    /** For example {@code Secret[read-write, share 474c188e…]}: never the secret itself. */
    @Override
    public String toString() {
        return "Secret[" + access.label() + ", share " + shareHash.hex().substring(0, SHOWN_HEX_DIGITS) + "…]";
    }
}
