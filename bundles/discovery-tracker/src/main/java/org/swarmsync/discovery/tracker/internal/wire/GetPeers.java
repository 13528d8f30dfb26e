package org.swarmsync.discovery.tracker.internal.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.secrets.ShareHash;

/**
 * A {@code get_peers} request: announces {@code peer} for {@code share} and asks for the others.
 *
 * @param peer the requester's peer id ({@code peer}, 20 bytes)
 * @param share the share hash ({@code share}, 32 bytes)
 * @param local the requester's LAN address ({@code la}, 6 bytes); btsync always sends it
 * @param port our extension ({@code port}): the port the requester's transports listen on, when
 *        it differs from the datagram's source port
 */
public record GetPeers(PeerId peer, ShareHash share, Optional<Endpoint> local, OptionalInt port) {

    /** Checks that every component is present. */
    public GetPeers {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(port, "port");
    }
}
