package org.swarmsync.discovery.tracker.internal.server;

import java.util.Map;

import org.swarmsync.discovery.tracker.internal.wire.Drop;

/**
 * A snapshot of a tracker server's counters.
 *
 * @param received datagrams received
 * @param answered replies sent
 * @param dropped datagrams dropped, per reason
 * @param shares shares held now
 * @param peers peers held now (expired ones not yet purged included)
 * @param evictedPeers peers dropped before their TTL because a bound was reached
 * @param trackedSources source IPs whose request rate is being tracked
 */
public record ServerMetrics(long received, long answered, Map<Drop, Long> dropped, int shares, int peers,
        long evictedPeers, int trackedSources) {

    /** Copies the map. */
    public ServerMetrics {
        dropped = Map.copyOf(dropped);
    }

    /** @return the count for one reason */
    public long dropped(Drop reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** @return all drops together */
    public long totalDropped() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
