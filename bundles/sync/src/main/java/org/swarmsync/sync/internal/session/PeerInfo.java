package org.swarmsync.sync.internal.session;

import java.util.Objects;

import org.swarmsync.api.discovery.PeerId;

/**
 * Who an authenticated session talks to.
 *
 * @param peer the peer's node id, from its hello (compare with our own to spot a
 *        connection to ourselves)
 * @param device the peer's index device id, from its hello
 * @param clientName the peer's free-text client name
 * @param access what the peer proved
 */
public record PeerInfo(PeerId peer, long device, String clientName, PeerAccess access) {

    /** Checks for nulls. */
    public PeerInfo {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(access, "access");
    }
}
