package org.swarmsync.discovery.lan.internal;

import java.util.Objects;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;

/**
 * A LAN announce: {@code peer} holds {@code share} and listens on {@code port}. The same
 * message is multicast to the group and sent back by unicast as the answer.
 *
 * @param peer the sender's peer id (20 bytes)
 * @param port the port the sender's transports listen on
 * @param share the share hash (32 bytes; later btsync used 20-byte share ids)
 */
record Ping(PeerId peer, int port, ShareHash share) {

    /** Checks the values. */
    Ping {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(share, "share");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
