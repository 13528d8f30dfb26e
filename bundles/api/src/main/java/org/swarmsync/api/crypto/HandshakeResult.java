package org.swarmsync.api.crypto;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

import org.swarmsync.api.transport.Connection;

/**
 * The outcome of a successful handshake.
 *
 * <p>{@link #connection()} is the channel to use from now on: it encrypts what is written and
 * decrypts what is read when {@link #cipher()} is {@linkplain PayloadCipher#encrypted()
 * encrypted} ({@link PayloadCipher#RC4} or {@link PayloadCipher#AES_128_GCM}; with the latter a
 * read also fails with an {@code IOException} on bytes a third party altered), and passes bytes
 * through when it is {@link PayloadCipher#PLAINTEXT}. Its stream is exactly what the peer's
 * application sent: on the responder side it starts with the {@link #initialPayload()}, so a
 * protocol reads the same bytes whether or not the initiator used the initial payload, and
 * whether or not the peer skipped the handshake.
 *
 * @param connection the wrapped channel; closing it closes the underlying connection
 * @param cipher the payload cipher selected
 * @param key the shared key in use: on the initiator, the one it was given; on the
 *        responder, the key of the {@link KeyRing} that matched; empty when the peer skipped
 *        the handshake (a plaintext BitTorrent handshake), which a consumer must then
 *        identify from the stream itself
 * @param sessionBinding 32 bytes that both ends of this one handshake derive alike and nobody
 *        else can (for MSE, a hash of the Diffie-Hellman secret); a protocol above puts them in
 *        its authentication, so that a relay that ran two handshakes of its own cannot pass
 *        proofs between them. Empty when the provider has none, or the peer skipped the
 *        handshake.
 * @param initialPayload a read-only view of the bytes the responder received with the
 *        handshake: the initiator's initial payload (MSE {@code IA}), or the first bytes of a
 *        plaintext BitTorrent handshake that were read while recognising it. They are
 *        <em>also</em> the first bytes {@link #connection()} yields; this view is for
 *        routing decisions before reading, not a second copy to process. Empty on the
 *        initiator side.
 */
public record HandshakeResult(Connection connection, PayloadCipher cipher, Optional<byte[]> key,
        ByteBuffer initialPayload, byte[] sessionBinding) {

    /** Checks for nulls and takes defensive copies. */
    public HandshakeResult {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(cipher, "cipher");
        key = Objects.requireNonNull(key, "key").map(byte[]::clone);
        initialPayload = Objects.requireNonNull(initialPayload, "initialPayload").asReadOnlyBuffer();
        sessionBinding = Objects.requireNonNull(sessionBinding, "sessionBinding").clone();
    }

    /**
     * A result without a session binding, as providers built against version 1.0 make it.
     *
     * @param connection the wrapped channel
     * @param cipher the payload cipher selected
     * @param key the shared key in use, if known
     * @param initialPayload the bytes received with the handshake
     */
    public HandshakeResult(Connection connection, PayloadCipher cipher, Optional<byte[]> key,
            ByteBuffer initialPayload) {
        this(connection, cipher, key, initialPayload, new byte[0]);
    }

    /** @return a copy of the session binding; empty if the provider has none */
    @Override
    public byte[] sessionBinding() {
        return sessionBinding.clone();
    }

    /** @return a copy of the key in use, if known */
    @Override
    public Optional<byte[]> key() {
        return key.map(byte[]::clone);
    }

    /** @return a fresh read-only view of the initial payload, positioned at its start */
    @Override
    public ByteBuffer initialPayload() {
        return initialPayload.duplicate();
    }

    /** Names the cipher and sizes only; keys stay out of logs even when they are public. */
    @Override
    public String toString() {
        return "HandshakeResult[cipher=" + cipher + ", key=" + (key.isPresent() ? "matched" : "none")
                + ", initialPayload=" + initialPayload.remaining() + " bytes, connection="
                + connection + "]";
    }
}
