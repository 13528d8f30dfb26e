package org.swarmsync.api.sync;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A peer connected to a folder now.
 *
 * @param peerId the peer's node id, 40 hex digits
 * @param address where the session runs to
 * @param access what the peer proved: {@code read-write}, {@code read-write (claimed)} or
 *        {@code read-only}
 * @param transport the transport scheme carrying the session, such as {@code utp}
 * @param client the peer's client name, as it says
 * @param since when the session was authenticated
 * @param bytesReceived block data received from the peer in this session
 * @param bytesSent block data sent to the peer in this session
 */
public record PeerStatus(String peerId, InetSocketAddress address, String access, String transport, String client,
        Instant since, long bytesReceived, long bytesSent) {

    /** Checks that every component is present. */
    public PeerStatus {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(since, "since");
    }
}
