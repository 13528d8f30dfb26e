package org.swarmsync.crypto.mse.internal;

import java.util.Optional;

import org.swarmsync.api.crypto.PayloadCipher;

/**
 * What a completed handshake core hands to the driver.
 *
 * @param cipher the selected payload cipher
 * @param key the shared key in use, or empty when the peer skipped MSE
 * @param decrypt the stage for bytes we read, or {@code null} for plaintext
 * @param encrypt the stage for bytes we write, or {@code null} for plaintext
 * @param initialPayload plaintext bytes the consumer reads first: the IA, or the
 *        BitTorrent handshake prefix that was consumed to recognise it
 * @param binding {@link MseHashes#binding} of the DH secret, or empty when the peer skipped MSE
 */
public record MseOutcome(PayloadCipher cipher, Optional<byte[]> key, StreamCipher decrypt,
        StreamCipher encrypt, byte[] initialPayload, byte[] binding) {
}
