package org.swarmsync.discovery.tracker.internal.wire;

import java.util.Objects;

import org.swarmsync.api.discovery.PeerId;

/**
 * One entry of a {@code peers} reply.
 *
 * @param address where the tracker saw the peer ({@code a})
 * @param local the peer's own LAN address ({@code la}); 0.0.0.0:0 when the peer sent none
 * @param peer the peer's id ({@code p}; a peer id, not a port)
 */
public record ReplyPeer(Endpoint address, Endpoint local, PeerId peer) {

    /** Checks that every component is present. */
    public ReplyPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
    }
}
