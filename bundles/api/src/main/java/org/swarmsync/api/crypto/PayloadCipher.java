package org.swarmsync.api.crypto;

/**
 * What protects the bytes after a handshake. A provider with a new kind of protection adds a
 * value here (a minor version of this package).
 */
public enum PayloadCipher {

    /** The payload travels in clear after the handshake (MSE {@code crypto_select} 0x01). */
    PLAINTEXT,

    /**
     * The payload is RC4-encrypted, continuing the handshake's key streams (MSE 0x02). RC4
     * hides the bytes from a passive observer but does not authenticate them.
     */
    RC4,

    /**
     * The payload travels in AES-128-GCM records, encrypted and authenticated, with keys derived
     * from the handshake's secret (MSE {@code crypto_select} 0x04, a swarmsync extension that
     * other MSE peers never select). Since 1.2 of this package.
     */
    AES_128_GCM;

    /** @return whether this cipher hides the payload (every value but {@link #PLAINTEXT}) */
    public boolean encrypted() {
        return this != PLAINTEXT;
    }
}
