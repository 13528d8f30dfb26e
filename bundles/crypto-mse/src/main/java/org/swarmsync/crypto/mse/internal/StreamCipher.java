package org.swarmsync.crypto.mse.internal;

/**
 * One direction of a stream cipher: each byte that passes advances the key stream, so the
 * two ends stay in step only if every byte is processed exactly once and in order. Not
 * thread-safe; each direction of a connection has its own.
 */
public interface StreamCipher extends AutoCloseable {

    /**
     * Encrypts or decrypts in place (RC4 is its own inverse).
     *
     * @param buffer the bytes
     * @param offset where they start
     * @param length how many
     * @throws IllegalStateException if the cipher was closed
     */
    void apply(byte[] buffer, int offset, int length);

    /**
     * Releases what the cipher holds outside the Java heap; a cipher that holds nothing
     * there keeps working. Idempotent.
     */
    @Override
    default void close() {
    }
}
