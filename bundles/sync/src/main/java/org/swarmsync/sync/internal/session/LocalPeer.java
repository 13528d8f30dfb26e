package org.swarmsync.sync.internal.session;

import java.util.Objects;

import org.swarmsync.api.discovery.PeerId;

/**
 * Who we are in our hello.
 *
 * @param peer our node id
 * @param device our index's device id for this folder
 * @param clientName free text, at most 64 UTF-8 bytes, e.g. {@code swarmsync 0.1}
 */
public record LocalPeer(PeerId peer, long device, String clientName) {

    /** Checks for nulls. */
    public LocalPeer {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(clientName, "clientName");
    }
}
