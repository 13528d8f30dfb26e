package org.swarmsync.discovery.knownhosts.internal;

import java.util.List;
import java.util.Objects;

import org.swarmsync.api.secrets.ShareHash;

/**
 * The hosts configured for one folder.
 *
 * @param share the folder's share hash
 * @param hosts where its peers listen
 */
record KnownHosts(ShareHash share, List<HostPort> hosts) {

    /** Copies the list. */
    KnownHosts {
        Objects.requireNonNull(share, "share");
        hosts = List.copyOf(hosts);
    }
}
