package org.swarmsync.api.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;
import org.swarmsync.api.transport.Connection;

/**
 * A handshake that turns a connected transport {@link Connection} into a protected one,
 * as initiator (the side that dialled) or responder (the side that accepted).
 *
 * <p>Register an implementation as an OSGi service with the property {@link #CRYPTO_METHOD}
 * (for example {@code mse}). Both methods block the calling thread, never longer than the
 * given timeout (plus a small grace for the transport to react); call them from a thread of
 * your own, never from a transport's accept callback. Both methods take over the
 * connection: while they run, they set its read timeout; when they return it is reset to
 * none; when they throw, the connection is closed.
 */
@ConsumerType
public interface ChannelCrypto {

    /** Service property: the handshake this provider speaks, such as {@code mse}. */
    String CRYPTO_METHOD = "crypto.method";

    /** The time limit MSE's specification suggests for a whole handshake. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** @return the handshake this provider speaks, equal to its {@link #CRYPTO_METHOD} property */
    String method();

    /**
     * Runs the handshake as the side that opened the connection.
     *
     * @param connection a freshly connected channel on which nothing was read or written
     * @param key the shared key both sides know: a share hash, or for BitTorrent the 20-byte
     *        info-hash; the provider only reads it
     * @param initialPayload bytes to send inside the handshake, saving a round trip (for
     *        BitTorrent, the 68-byte peer handshake); the responder reads them as the first
     *        bytes of its stream. Consumed from position to limit. May be empty. For MSE
     *        at most 65535 bytes, and libtorrent peers refuse more than 68.
     * @param policy the payload ciphers we offer
     * @param timeout the longest the whole handshake may take; must be positive
     * @return the selected cipher and the wrapped connection
     * @throws HandshakeException if the handshake failed, saying why; the connection is closed
     * @throws IllegalArgumentException if the key or initial payload is unusable by this method
     */
    HandshakeResult initiate(Connection connection, byte[] key, ByteBuffer initialPayload,
            CryptoPolicy policy, Duration timeout) throws IOException;

    /**
     * Runs the handshake as the side that accepted the connection.
     *
     * @param connection a freshly accepted channel on which nothing was read or written
     * @param keys the keys this listener serves; the initiator's must be among them
     * @param policy the payload ciphers we accept, and which we pick when offered both
     * @param timeout the longest the whole handshake may take; must be positive
     * @return the selected cipher, the matched key and the wrapped connection
     * @throws HandshakeException if the handshake failed, saying why; the connection is closed
     */
    HandshakeResult respond(Connection connection, KeyRing keys, CryptoPolicy policy,
            Duration timeout) throws IOException;
}
