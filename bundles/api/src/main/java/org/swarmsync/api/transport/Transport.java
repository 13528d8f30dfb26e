package org.swarmsync.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to reach peers: listen for and open reliable, ordered byte streams.
 *
 * <p>Register an implementation as an OSGi service with the properties {@link #SCHEME} and
 * {@link #PRIORITY}. Consumers bind every transport dynamically and, before each dial, take
 * the available ones in decreasing priority; stopping the provider's bundle is a hot swap.
 * µTP, TCP and any third-party transport look the same from above this interface.
 */
@ConsumerType
public interface Transport {

    /** Service property: the scheme this transport serves, such as {@code utp} or {@code tcp}. */
    String SCHEME = "transport.scheme";

    /** Service property ({@link Integer}): higher is preferred when dialling. */
    String PRIORITY = "transport.priority";

    /** @return the scheme this transport serves, equal to its {@link #SCHEME} service property */
    String scheme();

    /**
     * Starts accepting connections on a local address.
     *
     * @param bindAddress where to listen; port 0 picks a free port
     * @param onAccept called, on a transport thread, with every accepted connection; it must
     *        hand blocking work to its own thread
     * @return the listening endpoint; closing it stops accepting but leaves accepted
     *         connections open
     * @throws IOException if the address cannot be bound
     */
    Listening listen(InetSocketAddress bindAddress, Consumer<Connection> onAccept) throws IOException;

    /**
     * Opens a connection, blocking until it is established.
     *
     * @param remote the peer's address
     * @param timeout how long to wait for the peer before giving up
     * @return the connected channel
     * @throws java.net.SocketTimeoutException if the peer did not answer in time
     * @throws IOException if the peer refused or the transport is closed
     */
    Connection connect(InetSocketAddress remote, Duration timeout) throws IOException;
}
