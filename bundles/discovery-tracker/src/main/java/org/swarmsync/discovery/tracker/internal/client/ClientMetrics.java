package org.swarmsync.discovery.tracker.internal.client;

import java.util.Map;

import org.swarmsync.discovery.tracker.internal.wire.Drop;

/**
 * A snapshot of a tracker client's counters.
 *
 * @param sent requests sent
 * @param received datagrams received
 * @param accepted replies accepted and reported
 * @param dropped datagrams dropped, per reason
 */
public record ClientMetrics(long sent, long received, long accepted, Map<Drop, Long> dropped) {

    /** Copies the map. */
    public ClientMetrics {
        dropped = Map.copyOf(dropped);
    }

    /** @return the count for one reason */
    public long dropped(Drop reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
