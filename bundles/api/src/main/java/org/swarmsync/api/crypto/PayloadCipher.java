package org.swarmsync.api.crypto;

/**
 * What protects the bytes after a handshake. A provider with a new kind of protection adds a
 * value here (a minor version of this package).
 */
public enum PayloadCipher {

    /** The payload travels in clear after the handshake (MSE {@code crypto_select} 0x01). */
    PLAINTEXT,

    /** The payload is RC4-encrypted, continuing the handshake's key streams (MSE 0x02). */
    RC4
}
