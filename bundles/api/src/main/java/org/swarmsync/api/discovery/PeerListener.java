package org.swarmsync.api.discovery;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the peers a discovery source finds. Called on the source's own threads. */
@ConsumerType
@FunctionalInterface
public interface PeerListener {

    /**
     * A peer was found or seen again. Must return quickly.
     *
     * @param peer the peer
     */
    void found(DiscoveredPeer peer);
}
