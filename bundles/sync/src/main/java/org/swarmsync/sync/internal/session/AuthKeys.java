package org.swarmsync.sync.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.swarmsync.api.secrets.Access;
import org.swarmsync.api.secrets.Secret;

/**
 * The authentication keys of one folder, derived once from its secret:
 * {@code K_ro = HMAC-SHA256(raw read-only secret, "swarmsync/v1/key-ro")} and, for a
 * read-write secret, {@code K_rw = HMAC-SHA256(raw read-write secret, "swarmsync/v1/key-rw")}.
 * Immutable and thread-safe; share one per folder among its sessions. The keys never leave
 * this class, and {@link #toString()} names only the access.
 */
public final class AuthKeys {

    private static final String HMAC = "HmacSHA256";

    private final Access access;
    private final byte[] readOnlyKey;
    private final byte[] readWriteKey;

    private AuthKeys(Access access, byte[] readOnlyKey, byte[] readWriteKey) {
        this.access = access;
        this.readOnlyKey = readOnlyKey;
        this.readWriteKey = readWriteKey;
    }

    /**
     * @param secret the folder's secret, read-write or read-only
     * @return its keys
     * @throws IllegalArgumentException if the secret is not of the 1.0–1.3 form this
     *         protocol derives keys from
     */
    public static AuthKeys of(Secret secret) {
        byte[] ro = SecretBytes.readOnly(secret);
        Optional<byte[]> rw = SecretBytes.readWrite(secret);
        try {
            return new AuthKeys(secret.access(), hmac(ro, "swarmsync/v1/key-ro".getBytes(StandardCharsets.US_ASCII)),
                    rw.map(raw -> hmac(raw, "swarmsync/v1/key-rw".getBytes(StandardCharsets.US_ASCII))).orElse(null));
        } finally {
            Arrays.fill(ro, (byte) 0);
            rw.ifPresent(raw -> Arrays.fill(raw, (byte) 0));
        }
    }

    /** @return what our secret lets us claim */
    public Access access() {
        return access;
    }

    /** @return whether we hold K_rw and so can check a peer's read-write proof */
    boolean hasReadWrite() {
        return readWriteKey != null;
    }

    /** @return HMAC-SHA256 under K_ro of the parts, concatenated */
    byte[] readOnlyProof(byte[]... parts) {
        return hmac(readOnlyKey, parts);
    }

    /** @return HMAC-SHA256 under K_rw of the parts, concatenated */
    byte[] readWriteProof(byte[]... parts) {
        if (readWriteKey == null) {
            throw new IllegalStateException("a read-only secret has no read-write key");
        }
        return hmac(readWriteKey, parts);
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "AuthKeys[" + access.label() + "]";
    }
}
