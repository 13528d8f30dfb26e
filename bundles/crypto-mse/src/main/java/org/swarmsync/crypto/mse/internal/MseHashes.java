package org.swarmsync.crypto.mse.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-1 derivations of MSE: the req1/req2/req3 hashes and the two RC4 keys. */
final class MseHashes {

    private MseHashes() {
    }

    /** @return {@code SHA1("req1" ‖ S)}, sent in clear so the responder can synchronise */
    static byte[] req1(byte[] s) {
        return sha1("req1", s, null);
    }

    /** @return {@code SHA1("req2" ‖ SKEY)}, which names the key without revealing it */
    static byte[] req2(byte[] skey) {
        return sha1("req2", skey, null);
    }

    /** @return {@code SHA1("req3" ‖ S)}, the mask XORed onto req2 */
    static byte[] req3(byte[] s) {
        return sha1("req3", s, null);
    }

    /** @return {@code SHA1("keyA" ‖ S ‖ SKEY)}: the RC4 key from initiator to responder */
    static byte[] keyA(byte[] s, byte[] skey) {
        return sha1("keyA", s, skey);
    }

    /** @return {@code SHA1("keyB" ‖ S ‖ SKEY)}: the RC4 key from responder to initiator */
    static byte[] keyB(byte[] s, byte[] skey) {
        return sha1("keyB", s, skey);
    }

    /**
     * @return {@code SHA256("swarmsync-gcm keyA" ‖ S ‖ SKEY)}: bytes 0-15 are the AES-128 key
     *         from initiator to responder, bytes 16-19 its nonce salt
     */
    static byte[] gcmA(byte[] s, byte[] skey) {
        return sha256("swarmsync-gcm keyA", s, skey);
    }

    /** @return {@code SHA256("swarmsync-gcm keyB" ‖ S ‖ SKEY)}: the same from responder to initiator */
    static byte[] gcmB(byte[] s, byte[] skey) {
        return sha256("swarmsync-gcm keyB", s, skey);
    }

    /** @return {@code a XOR b}, both 20 bytes */
    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /**
     * The session binding handed to the protocol above: SHA-256 of a label, S, and
     * crypto_provide and crypto_select as this end sent or received them. Both ends of one
     * handshake get the same 32 bytes; a relay that ran two handshakes holds two different S
     * and so two different bindings; and a man in the middle who flipped bits of the offer or
     * the choice (RC4 is malleable: clearing 0x04 would push two swarmsync peers down to RC4)
     * leaves the two ends with different bindings, so the session's authentication fails.
     * One-way, and labelled apart from the RC4 and AES-GCM keys.
     */
    static byte[] binding(byte[] secret, int provide, int select) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("swarmsync/mse-session-binding".getBytes(StandardCharsets.US_ASCII));
            sha256.update(secret);
            sha256.update(java.nio.ByteBuffer.allocate(8).putInt(provide).putInt(select).array());
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static byte[] sha256(String label, byte[] first, byte[] second) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(label.getBytes(StandardCharsets.US_ASCII));
            sha256.update(first);
            sha256.update(second);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static byte[] sha1(String label, byte[] first, byte[] second) {
        MessageDigest sha1 = newSha1();
        sha1.update(label.getBytes(StandardCharsets.US_ASCII));
        sha1.update(first);
        if (second != null) {
            sha1.update(second);
        }
        return sha1.digest();
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-1", e);
        }
    }
}
