package org.swarmsync.crypto.mse.internal;

import java.util.Optional;

import org.swarmsync.api.crypto.PayloadCipher;

/**
 * What a completed handshake core hands to the driver.
 *
 * @param cipher the selected payload cipher
 * @param key the shared key in use, or empty when the peer skipped MSE
 * @param decrypt the handshake's RC4 stream for bytes we read: the payload's stage when
 *        {@code cipher} is RC4; with AES-128-GCM only there to be closed; {@code null} for
 *        plaintext
 * @param encrypt the same for bytes we write
 * @param gcm the AES-128-GCM key material of both directions when {@code cipher} is
 *        AES-128-GCM, else {@code null}
 * @param initialPayload plaintext bytes the consumer reads first: the IA, or the
 *        BitTorrent handshake prefix that was consumed to recognise it
 * @param binding {@link MseHashes#binding} of the DH secret, or empty when the peer skipped MSE
 */
public record MseOutcome(PayloadCipher cipher, Optional<byte[]> key, StreamCipher decrypt,
        StreamCipher encrypt, GcmKeys gcm, byte[] initialPayload, byte[] binding) {

    /**
     * AES-128-GCM key material (the 32-byte outputs of {@link MseHashes#gcmA} and
     * {@link MseHashes#gcmB}), seen from one side.
     *
     * @param open for the records we read
     * @param seal for the records we write
     */
    public record GcmKeys(byte[] open, byte[] seal) {

        /** Names nothing secret. */
        @Override
        public String toString() {
            return "GcmKeys[hidden]";
        }
    }
}
