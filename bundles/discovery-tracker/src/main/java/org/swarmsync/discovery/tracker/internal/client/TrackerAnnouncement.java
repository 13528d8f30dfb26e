package org.swarmsync.discovery.tracker.internal.client;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.Announcement;
import org.swarmsync.api.discovery.DiscoveredPeer;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.api.discovery.PeerListener;
import org.swarmsync.api.secrets.ShareHash;
import org.swarmsync.discovery.tracker.internal.wire.Endpoint;
import org.swarmsync.discovery.tracker.internal.wire.PeersReply;
import org.swarmsync.discovery.tracker.internal.wire.ReplyPeer;

/**
 * One share announced to every configured tracker, with a schedule per tracker. Its mutable
 * state is guarded by the client's lock; reporting runs outside it.
 */
final class TrackerAnnouncement implements Announcement {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerAnnouncement.class);

    /** One tracker as seen by this announcement. */
    static final class Slot {
        final TrackerAddress tracker;
        final AnnounceSchedule schedule;
        /** Where the last request went; replies are accepted from there only. */
        InetSocketAddress resolved;

        Slot(TrackerAddress tracker, AnnounceSchedule schedule) {
            this.tracker = tracker;
            this.schedule = schedule;
        }
    }

    final ShareHash share;
    final PeerId self;
    final int listenPort;
    final List<Slot> slots;
    private final PeerListener listener;
    private final TrackerClient client;
    private volatile boolean closed;

    TrackerAnnouncement(TrackerClient client, ShareHash share, PeerId self, int listenPort, PeerListener listener,
            List<Slot> slots) {
        this.client = client;
        this.share = share;
        this.self = self;
        this.listenPort = listenPort;
        this.listener = listener;
        this.slots = List.copyOf(slots);
    }

    @Override
    public void refresh() {
        if (!closed) {
            client.refresh(this);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            client.remove(this);
        }
    }

    boolean isClosed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    /**
     * Reports the peers of a reply: each peer's external address, and also its LAN address when
     * it is behind the same public address as we are (then only the LAN address may work).
     */
    void report(PeersReply reply, Instant seen) {
        for (ReplyPeer p : reply.peers()) {
            if (closed) {
                return;
            }
            if (p.peer().equals(self)) {
                continue;
            }
            if (p.address().isDialable()) {
                deliver(p.address(), p.peer(), seen);
            }
            boolean sameNat = p.address().ip() == reply.external().ip();
            if (sameNat && p.local().isDialable() && !p.local().equals(p.address())) {
                deliver(p.local(), p.peer(), seen);
            }
        }
    }

    private void deliver(Endpoint at, PeerId peer, Instant seen) {
        try {
            listener.found(new DiscoveredPeer(share, at.toSocketAddress(), Optional.of(peer), TrackerClient.SOURCE,
                    seen));
        } catch (RuntimeException e) {
            // A faulty listener must not stop the client's thread.
            LOG.warn("peer listener failed for share {}", share, e);
        }
    }
}
