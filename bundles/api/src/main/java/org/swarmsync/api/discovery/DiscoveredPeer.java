package org.swarmsync.api.discovery;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.swarmsync.api.secrets.ShareHash;

/**
 * A peer that a discovery source reports for a share.
 *
 * @param share the share the peer announced
 * @param address where the peer listens
 * @param peerId the peer's identity, when the source knows it
 * @param source the {@link PeerDiscovery#SOURCE} of the reporting source
 * @param seen when the source last heard of the peer
 */
public record DiscoveredPeer(ShareHash share, InetSocketAddress address, Optional<PeerId> peerId,
        String source, Instant seen) {

    /** Checks that every component is present. */
    public DiscoveredPeer {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(seen, "seen");
    }
}
