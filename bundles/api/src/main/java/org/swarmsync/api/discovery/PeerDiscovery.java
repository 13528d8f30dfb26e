package org.swarmsync.api.discovery;

import org.osgi.annotation.versioning.ConsumerType;
import org.swarmsync.api.secrets.ShareHash;

/**
 * A way to find the peers of a share: a tracker, the LAN, a list of known hosts.
 *
 * <p>Register an implementation as an OSGi service with the property {@link #SOURCE}.
 * Several sources run at once; the sync orchestrator merges what they report and tolerates
 * any of them coming and going.
 */
@ConsumerType
public interface PeerDiscovery {

    /** Service property: the name of this source, such as {@code tracker} or {@code lan}. */
    String SOURCE = "discovery.source";

    /**
     * Starts announcing a share and reporting its peers. Returns at once; the work runs on
     * the source's own threads.
     *
     * @param share the share to announce
     * @param self our identity, so a source can skip reporting ourselves
     * @param listenPort the port our transports listen on
     * @param listener receives the peers found
     * @return the running announcement; close it to stop
     */
    Announcement announce(ShareHash share, PeerId self, int listenPort, PeerListener listener);
}
