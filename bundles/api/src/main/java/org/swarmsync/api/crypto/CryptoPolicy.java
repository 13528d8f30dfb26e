package org.swarmsync.api.crypto;

/**
 * Which payload ciphers a side accepts and which one it picks when it chooses.
 *
 * <p>The initiator offers every cipher its policy allows; the responder picks one from that
 * offer, by its own preference. A responder may also accept a peer that skipped the
 * handshake (for MSE: a plaintext BitTorrent handshake) only when its policy allows
 * {@link PayloadCipher#PLAINTEXT}.
 */
public enum CryptoPolicy {

    /** Only RC4; plaintext refused, and so is a peer that skips the handshake. */
    RC4_REQUIRED(false, true, PayloadCipher.RC4),

    /** Both allowed; a responder picks RC4 whenever the initiator offers it. */
    RC4_PREFERRED(true, true, PayloadCipher.RC4),

    /**
     * Both allowed; a responder picks plaintext whenever the initiator offers it (libtorrent's
     * default behaviour).
     */
    PLAINTEXT_PREFERRED(true, true, PayloadCipher.PLAINTEXT),

    /**
     * Only plaintext payload. The handshake itself is still obfuscated (MSE: offer and accept
     * only {@code crypto_provide} 0x01), which hides the key hash and the initial payload.
     */
    PLAINTEXT_REQUIRED(true, false, PayloadCipher.PLAINTEXT);

    private final boolean plaintext;
    private final boolean rc4;
    private final PayloadCipher preferred;

    CryptoPolicy(boolean plaintext, boolean rc4, PayloadCipher preferred) {
        this.plaintext = plaintext;
        this.rc4 = rc4;
        this.preferred = preferred;
    }

    /**
     * @param cipher a payload cipher
     * @return whether this policy accepts it
     */
    public boolean allows(PayloadCipher cipher) {
        return switch (cipher) {
            case PLAINTEXT -> plaintext;
            case RC4 -> rc4;
        };
    }

    /** @return the cipher a responder picks when the initiator offers both */
    public PayloadCipher preferred() {
        return preferred;
    }
}
