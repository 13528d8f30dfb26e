package org.swarmsync.discovery.tracker.internal.wire;

import java.util.List;
import java.util.Objects;

import org.swarmsync.api.secrets.ShareHash;

/**
 * A {@code peers} reply.
 *
 * @param share the echo of the request's share
 * @param time the tracker's clock, Unix seconds
 * @param external the requester's address as the tracker saw it ({@code ea})
 * @param peers the other peers of the share
 */
public record PeersReply(ShareHash share, long time, Endpoint external, List<ReplyPeer> peers) {

    /** Checks that every component is present and copies the list. */
    public PeersReply {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(external, "external");
        peers = List.copyOf(peers);
    }
}
