package org.swarmsync.api.crypto;

/**
 * Which payload ciphers a side accepts and which one it picks when it chooses.
 *
 * <p>The initiator offers every cipher its policy allows; the responder picks one from that
 * offer, by its own preference. A responder may also accept a peer that skipped the
 * handshake (for MSE: a plaintext BitTorrent handshake) only when its policy allows
 * {@link PayloadCipher#PLAINTEXT}.
 *
 * <p>The names date from when RC4 was the only encrypted cipher; "RC4" in them now means
 * "encrypted". Every policy that allows {@link PayloadCipher#RC4} also allows
 * {@link PayloadCipher#AES_128_GCM}, and a responder offered both picks AES-128-GCM: it is
 * faster and it authenticates. Peers that do not know AES-128-GCM (libtorrent) never offer or
 * select it, so with them these policies behave exactly as before.
 */
public enum CryptoPolicy {

    /**
     * Only an encrypted payload (AES-128-GCM if both sides speak it, else RC4); plaintext
     * refused, and so is a peer that skips the handshake.
     */
    RC4_REQUIRED(false, true, PayloadCipher.AES_128_GCM),

    /**
     * Encrypted or plaintext; a responder picks an encrypted payload (AES-128-GCM over RC4)
     * whenever the initiator offers one.
     */
    RC4_PREFERRED(true, true, PayloadCipher.AES_128_GCM),

    /**
     * Encrypted or plaintext; a responder picks plaintext whenever the initiator offers it
     * (libtorrent's default behaviour), else AES-128-GCM over RC4.
     */
    PLAINTEXT_PREFERRED(true, true, PayloadCipher.PLAINTEXT),

    /**
     * Only plaintext payload. The handshake itself is still obfuscated (MSE: offer and accept
     * only {@code crypto_provide} 0x01), which hides the key hash and the initial payload.
     */
    PLAINTEXT_REQUIRED(true, false, PayloadCipher.PLAINTEXT);

    private final boolean plaintext;
    private final boolean encrypted;
    private final PayloadCipher preferred;

    CryptoPolicy(boolean plaintext, boolean encrypted, PayloadCipher preferred) {
        this.plaintext = plaintext;
        this.encrypted = encrypted;
        this.preferred = preferred;
    }

    /**
     * @param cipher a payload cipher
     * @return whether this policy accepts it; a policy that accepts RC4 accepts AES-128-GCM too
     */
    public boolean allows(PayloadCipher cipher) {
        return cipher.encrypted() ? encrypted : plaintext;
    }

    /**
     * @return the cipher a responder picks when the initiator offers every cipher this policy
     *         allows: {@link PayloadCipher#AES_128_GCM} for the policies that prefer an encrypted
     *         payload (when the offer lacks it, RC4 comes next), {@link PayloadCipher#PLAINTEXT}
     *         for the others
     */
    public PayloadCipher preferred() {
        return preferred;
    }
}
